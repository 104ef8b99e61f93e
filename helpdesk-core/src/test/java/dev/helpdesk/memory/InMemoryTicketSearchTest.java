package dev.helpdesk.memory;

import dev.helpdesk.contract.TicketSearchContract;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.store.Tickets;

class InMemoryTicketSearchTest extends TicketSearchContract {

  private InMemoryTickets store;

  @Override
  protected Tickets tickets() {
    store = new InMemoryTickets(new InMemoryOutbox());
    return store;
  }

  @Override
  protected SlaTimers slaTimers() {
    return store.slaTimers();
  }
}
