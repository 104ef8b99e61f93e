package dev.helpdesk.memory;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.contract.TagsAndFieldsContract;

class InMemoryTagsAndFieldsTest extends TagsAndFieldsContract {
  @Override
  protected void withFreshStore(HelpDeskBuilder builder) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    builder.tickets(new InMemoryTickets(outbox), outbox);
  }
}
