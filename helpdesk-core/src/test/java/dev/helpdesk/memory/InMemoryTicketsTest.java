package dev.helpdesk.memory;

import dev.helpdesk.contract.TicketsContract;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.store.Tickets;

class InMemoryTicketsTest extends TicketsContract {

  private final InMemoryOutbox outbox = new InMemoryOutbox();

  @Override
  protected Tickets tickets() {
    return new InMemoryTickets(outbox);
  }

  @Override
  protected Outbox outbox() {
    return outbox;
  }
}
