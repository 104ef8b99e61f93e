package dev.helpdesk.ticket;

/**
 * A customer's verdict on how a ticket was solved, given once per solve (see {@code
 * HelpDesk.rate}). Defined beside the ticket because its history records it ({@link
 * TicketEvent.Rated}).
 */
public enum Rating {
  /** The customer is satisfied. */
  GOOD,
  /** The customer is not satisfied; the desk reopens or escalates as configured. */
  BAD
}
