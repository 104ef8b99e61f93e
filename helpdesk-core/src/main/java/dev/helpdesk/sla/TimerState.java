package dev.helpdesk.sla;

/** Where an SLA timer stands. */
public enum TimerState {
  /** Counting business time towards its due instant. */
  RUNNING,
  /** Standing still: the ticket is in a status that pauses this target. */
  PAUSED,
  /** Fulfilled before it was due. */
  MET,
  /** Passed its due instant unfulfilled; stays so after it is eventually fulfilled. */
  BREACHED
}
