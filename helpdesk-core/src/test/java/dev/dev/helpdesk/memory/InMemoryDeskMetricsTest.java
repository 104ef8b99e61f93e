package dev.helpdesk.memory;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.contract.DeskMetricsContract;

/** The metrics property on the in-memory store, the desk's default. */
class InMemoryDeskMetricsTest extends DeskMetricsContract {

  @Override
  protected HelpDeskBuilder withFreshStore(HelpDeskBuilder builder) {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    return builder.tickets(tickets, outbox).metrics(tickets.metrics());
  }

  @Override
  protected int examples() {
    return 300;
  }
}
