package dev.helpdesk.assignment;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent eligible for a ticket, with what strategies compare.
 *
 * @param agent the agent as registered
 * @param load active tickets held now (NEW and OPEN, and PENDING where the policy counts it)
 * @param capacity the most active tickets the agent may hold over all channels ({@link
 *     Capacity#UNLIMITED} when there is no limit)
 * @param lastAssigned the order of the agent's last assignment among all assignments: 0 if never,
 *     higher is more recent (instants alone cannot order assignments made in the same instant)
 * @param lastAssignedAt when the agent was last assigned, if ever
 */
public record Candidate(
    Agent agent, int load, int capacity, long lastAssigned, Optional<Instant> lastAssignedAt) {

  /** Validates the numbers. */
  public Candidate {
    Check.present("agent", agent);
    Check.present("lastAssignedAt", lastAssignedAt);
    if (load < 0 || capacity < 0 || lastAssigned < 0) {
      throw new ValidationException("candidate", "load, capacity and lastAssigned must be >= 0");
    }
  }

  /** A candidate who was never assigned. */
  public static Candidate of(Agent agent, int load) {
    return new Candidate(agent, load, agent.capacity().total(), 0, Optional.empty());
  }

  /** The agent's id. */
  public AgentId id() {
    return agent.id();
  }

  /** The share of the capacity still free, from 0 to 100; 100 for an unlimited agent. */
  public double sparePercent() {
    if (capacity == Capacity.UNLIMITED) {
      return 100.0;
    }
    if (capacity == 0) {
      return 0.0;
    }
    return 100.0 * Math.max(0, capacity - load) / capacity;
  }
}
