package dev.helpdesk.agent;

import java.util.List;
import java.util.Optional;

/** Port: the support agents the desk knows. Implementations must be thread-safe. */
public interface Agents {

  /** Stores the agent, replacing what was known under the same id. */
  void save(Agent agent);

  /** The agent with this id, if known. */
  Optional<Agent> byId(AgentId id);

  /** Every agent, ordered by id. */
  List<Agent> all();
}
