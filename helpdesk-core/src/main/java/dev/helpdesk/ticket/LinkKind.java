package dev.helpdesk.ticket;

/** How two linked tickets relate; see {@link TicketLink}. */
public enum LinkKind {
  /**
   * One ticket follows up the other: the customer came back about the same matter (a follow-up of a
   * closed ticket is linked so by the desk itself). Directed: the link's {@code from} end is the
   * follow-up.
   */
  FOLLOW_UP,
  /** The tickets concern the same matter (an incident, a booking, a merged duplicate). */
  RELATED
}
