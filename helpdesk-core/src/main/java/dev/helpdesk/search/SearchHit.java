package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Ticket;

/**
 * One ticket a store's search found, with the SLA state it was found by: the {@link
 * TicketSort#SLA_DUE} order, and the cursor of a page that ends with it, need the due instant the
 * store held when it answered, not one read again later.
 *
 * @param ticket the ticket as stored
 * @param sla its SLA state as stored with it; {@link SlaState#NONE} for a ticket without timers
 */
public record SearchHit(Ticket ticket, SlaState sla) {

  /** Validates the hit. */
  public SearchHit {
    Check.present("ticket", ticket);
    Check.present("sla", sla);
  }
}
