package dev.helpdesk.memory;

import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.contract.NoReplyDeadlinesContract;

class InMemoryNoReplyDeadlinesTest extends NoReplyDeadlinesContract {

  @Override
  protected NoReplyDeadlines newStore() {
    return new InMemoryNoReplyDeadlines();
  }
}
