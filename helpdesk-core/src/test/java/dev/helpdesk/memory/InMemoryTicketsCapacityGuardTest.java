package dev.helpdesk.memory;

import dev.helpdesk.contract.CapacityGuardContract;
import dev.helpdesk.ticket.Tickets;

class InMemoryTicketsCapacityGuardTest extends CapacityGuardContract {

  @Override
  protected Tickets newTickets() {
    return new InMemoryTickets(new InMemoryOutbox());
  }
}
