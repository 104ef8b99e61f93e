package dev.helpdesk.memory;

import dev.helpdesk.contract.TicketSearchContract;
import dev.helpdesk.store.Tickets;

class InMemoryTicketSearchTest extends TicketSearchContract {

  @Override
  protected Tickets tickets() {
    return new InMemoryTickets(new InMemoryOutbox());
  }
}
