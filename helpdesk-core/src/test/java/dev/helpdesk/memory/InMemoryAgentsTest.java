package dev.helpdesk.memory;

import dev.helpdesk.agent.Agents;
import dev.helpdesk.contract.AgentsContract;

class InMemoryAgentsTest extends AgentsContract {

  @Override
  protected Agents agents() {
    return new InMemoryAgents();
  }
}
