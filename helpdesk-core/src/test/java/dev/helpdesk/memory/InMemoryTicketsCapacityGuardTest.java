package dev.helpdesk.memory;

import dev.helpdesk.contract.CapacityGuardContract;
import dev.helpdesk.store.Tickets;

class InMemoryTicketsCapacityGuardTest extends CapacityGuardContract {

  @Override
  protected Tickets newTickets() {
    return new InMemoryTickets(new InMemoryOutbox());
  }
}
