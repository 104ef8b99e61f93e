package dev.helpdesk.memory;

import dev.helpdesk.common.Leases;
import dev.helpdesk.contract.LeasesContract;

class InMemoryLeasesTest extends LeasesContract {

  @Override
  protected Leases leases() {
    return new InMemoryLeases();
  }
}
