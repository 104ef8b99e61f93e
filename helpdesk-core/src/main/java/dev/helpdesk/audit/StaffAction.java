package dev.helpdesk.audit;

/** What a staff member changed through the desk; the subject of each is named beside it. */
public enum StaffAction {
  /** An agent was added or updated; the subject is the agent's id. */
  AGENT_SAVED,
  /** An agent's availability was set; the subject is the agent's id. */
  AVAILABILITY_CHANGED,
  /** A dead-lettered notification was given another chance; the subject is its id. */
  DEAD_LETTER_REDELIVERED,
  /**
   * A customer's personal data was erased; the subject is the customer's id, the summary counts
   * what was erased (never the erased values).
   */
  CUSTOMER_ERASED,
  /**
   * A closed ticket's personal data was erased by the retention setting; the subject is the
   * ticket's key.
   */
  TICKET_ERASED,
  /**
   * A customer was saved through the desk, which may change whose tickets they see; the subject is
   * the customer's id, the summaries hold their organisation only.
   */
  CUSTOMER_SAVED
}
