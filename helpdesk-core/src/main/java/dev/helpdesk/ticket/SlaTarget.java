package dev.helpdesk.ticket;

/**
 * What a service-level target measures. Defined beside the ticket, not in {@code dev.helpdesk.sla},
 * because the ticket's history records SLA warnings and breaches ({@link TicketEvent.SlaWarned},
 * {@link TicketEvent.SlaBreached}) and the SLA package depends on the ticket, not the other way.
 */
public enum SlaTarget {
  /** From the ticket's opening to the first public reply by an agent. */
  FIRST_REPLY,
  /** From a customer's message (after the first reply) to the next public reply by an agent. */
  NEXT_REPLY,
  /** From one public agent reply to the next, while the ticket is unsolved. */
  PERIODIC_UPDATE,
  /** From the ticket's opening (or reopening) to SOLVED. */
  RESOLUTION
}
