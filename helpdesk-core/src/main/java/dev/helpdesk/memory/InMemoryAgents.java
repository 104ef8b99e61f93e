package dev.helpdesk.memory;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Agents kept in memory: the embedded default. */
public final class InMemoryAgents implements Agents {

  private final ConcurrentSkipListMap<String, Agent> agents = new ConcurrentSkipListMap<>();

  @Override
  public void save(Agent agent) {
    Objects.requireNonNull(agent, "agent");
    agents.put(agent.id().value(), agent);
  }

  @Override
  public Optional<Agent> byId(AgentId id) {
    return Optional.ofNullable(agents.get(id.value()));
  }

  @Override
  public List<Agent> all() {
    return List.copyOf(agents.values());
  }
}
