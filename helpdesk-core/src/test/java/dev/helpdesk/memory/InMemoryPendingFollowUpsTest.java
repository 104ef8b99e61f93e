package dev.helpdesk.memory;

import dev.helpdesk.contract.PendingFollowUpsContract;
import dev.helpdesk.pending.PendingFollowUps;

class InMemoryPendingFollowUpsTest extends PendingFollowUpsContract {

  @Override
  protected PendingFollowUps newStore() {
    return new InMemoryPendingFollowUps();
  }
}
