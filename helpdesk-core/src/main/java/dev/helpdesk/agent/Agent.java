package dev.helpdesk.agent;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import java.util.Set;

/**
 * A support agent: who may work tickets, read internal notes and be assigned.
 *
 * @param id the application's id for the agent
 * @param name display name, at most {@value #MAX_NAME_LENGTH} characters
 * @param email where "assigned to you" and SLA mail goes
 * @param groups the teams the agent belongs to (at most {@value #MAX_GROUPS})
 */
public record Agent(AgentId id, String name, EmailAddress email, Set<GroupId> groups) {

  /** The longest display name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The most groups one agent may belong to. */
  public static final int MAX_GROUPS = 50;

  /** Validates the agent and freezes its groups. */
  public Agent {
    Check.present("agentId", id);
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("email", email);
    groups = Set.copyOf(Check.size("groups", Check.present("groups", groups), MAX_GROUPS));
  }

  /** An agent in no group. */
  public static Agent of(String id, String name, String email) {
    return new Agent(AgentId.of(id), name, EmailAddress.of(email), Set.of());
  }

  /** This agent with its groups replaced. */
  public Agent withGroups(Set<GroupId> groups) {
    return new Agent(id, name, email, groups);
  }

  /** Whether the agent belongs to {@code group}. */
  public boolean isIn(GroupId group) {
    return groups.contains(group);
  }
}
