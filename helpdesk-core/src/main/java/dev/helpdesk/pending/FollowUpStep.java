package dev.helpdesk.pending;

/** One step of a pending ticket's follow-up, in the order the steps come. */
public enum FollowUpStep {
  /** The first reminder mailed to the customer. */
  FIRST_REMINDER,
  /** The second reminder mailed to the customer. */
  SECOND_REMINDER,
  /** The ticket is solved for want of an answer. */
  AUTO_SOLVE;

  /** The reminder's number, 1 or 2; 0 for the auto-solve. */
  public int reminder() {
    return switch (this) {
      case FIRST_REMINDER -> 1;
      case SECOND_REMINDER -> 2;
      case AUTO_SOLVE -> 0;
    };
  }
}
