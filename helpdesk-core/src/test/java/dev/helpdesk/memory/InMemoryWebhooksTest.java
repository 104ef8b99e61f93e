package dev.helpdesk.memory;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.contract.WebhooksContract;
import dev.helpdesk.notification.Outbox;

class InMemoryWebhooksTest extends WebhooksContract {
  @Override
  protected Outbox withFreshStore(HelpDeskBuilder builder) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    builder.tickets(new InMemoryTickets(outbox), outbox);
    return outbox;
  }
}
