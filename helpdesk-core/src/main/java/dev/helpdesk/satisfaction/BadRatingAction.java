package dev.helpdesk.satisfaction;

/**
 * What the desk does, in the same change that records it, when a customer rates a solve {@link
 * dev.helpdesk.ticket.Rating#BAD}; set with {@code HelpDesk.builder().onBadRating(...)}.
 */
public enum BadRatingAction {
  /**
   * The default: the ticket goes back to OPEN (where the status table allows SOLVED to OPEN), to
   * its agent, as a customer's reply would reopen it.
   */
  REOPEN,
  /**
   * The ticket goes back to OPEN and is escalated to the supervisor group (its agent's escalation
   * group, else the assignment policy's) with the reason {@value Satisfaction#BAD_RATING_REASON}:
   * assigned to a supervisor by the strategy, or waiting in that group's queue. Without any
   * escalation group it is only reopened, and a warning is logged.
   */
  ESCALATE,
  /** The rating is recorded and the ticket stays SOLVED. */
  NOTHING
}
