package dev.helpdesk.memory;

import dev.helpdesk.contract.SlaTimersContract;
import dev.helpdesk.sla.SlaTimers;

class InMemorySlaTimersTest extends SlaTimersContract {

  @Override
  protected SlaTimers newStore() {
    return new InMemorySlaTimers();
  }
}
