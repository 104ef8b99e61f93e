package dev.helpdesk.memory;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.contract.CcContract;
import dev.helpdesk.notification.Outbox;

class InMemoryCcTest extends CcContract {
  @Override
  protected Outbox withFreshStore(HelpDeskBuilder builder) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    builder.tickets(new InMemoryTickets(outbox), outbox);
    return outbox;
  }
}
