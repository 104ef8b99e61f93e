package dev.helpdesk.memory;

import dev.helpdesk.contract.MetricsQueriesContract;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.store.Tickets;

class InMemoryMetricsTest extends MetricsQueriesContract {

  private final InMemoryTickets store = new InMemoryTickets(new InMemoryOutbox());

  @Override
  protected Tickets tickets() {
    return store;
  }

  @Override
  protected MetricsQueries metrics() {
    return store.metrics();
  }
}
