package dev.helpdesk.memory;

import dev.helpdesk.contract.OutboxContract;
import dev.helpdesk.notification.Outbox;

class InMemoryOutboxTest extends OutboxContract {

  @Override
  protected Outbox outbox() {
    return new InMemoryOutbox();
  }
}
