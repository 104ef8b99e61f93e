package dev.helpdesk.memory;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.contract.PrivacyContract;
import dev.helpdesk.notification.Outbox;

class InMemoryPrivacyTest extends PrivacyContract {
  @Override
  protected Outbox withFreshStore(HelpDeskBuilder builder) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    builder.tickets(new InMemoryTickets(outbox), outbox);
    return outbox;
  }
}
