package dev.helpdesk.agent;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A support agent: who may work tickets, read internal notes and be assigned, and what automatic
 * assignment needs to know about them.
 *
 * @param id the application's id for the agent
 * @param name display name, at most {@value #MAX_NAME_LENGTH} characters
 * @param email where "assigned to you" and SLA mail goes
 * @param groups the teams the agent belongs to (at most {@value #MAX_GROUPS})
 * @param skills lower-case labels such as {@code lang:de} or {@code product:rail} (at most {@value
 *     #MAX_SKILLS}, each matching {@code [a-z0-9][a-z0-9_.:-]*} and at most {@value
 *     #MAX_SKILL_LENGTH} characters)
 * @param capacity the most active tickets the agent holds at once
 * @param availability whether the agent takes new tickets now
 * @param escalationGroup the supervisors the agent's tickets are escalated to, if any
 * @param role whether the agent is a supervisor (see {@link Role})
 */
public record Agent(
    AgentId id,
    String name,
    EmailAddress email,
    Set<GroupId> groups,
    Set<String> skills,
    Capacity capacity,
    Availability availability,
    Optional<GroupId> escalationGroup,
    Role role) {

  /** The longest display name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The most groups one agent may belong to. */
  public static final int MAX_GROUPS = 50;

  /** The most skills one agent may have. */
  public static final int MAX_SKILLS = 50;

  /** The longest skill accepted. */
  public static final int MAX_SKILL_LENGTH = 50;

  private static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_.:-]*");

  /** Validates the agent and freezes its groups and skills. */
  public Agent {
    Check.present("agentId", id);
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("email", email);
    groups = Set.copyOf(Check.size("groups", Check.present("groups", groups), MAX_GROUPS));
    skills = checkSkills(skills);
    Check.present("capacity", capacity);
    Check.present("availability", availability);
    Check.present("escalationGroup", escalationGroup);
    Check.present("role", role);
  }

  /** An agent with the role {@link Role#AGENT}: what an agent was before roles existed. */
  public Agent(
      AgentId id,
      String name,
      EmailAddress email,
      Set<GroupId> groups,
      Set<String> skills,
      Capacity capacity,
      Availability availability,
      Optional<GroupId> escalationGroup) {
    this(id, name, email, groups, skills, capacity, availability, escalationGroup, Role.AGENT);
  }

  /**
   * An agent with no skills, no capacity limit, ONLINE, without escalation group, role {@link
   * Role#AGENT}: what an agent was before assignment knew more.
   */
  public Agent(AgentId id, String name, EmailAddress email, Set<GroupId> groups) {
    this(id, name, email, groups, Set.of(), Capacity.NONE, Availability.ONLINE, Optional.empty());
  }

  /** An agent in no group, with no skills, no capacity limit, ONLINE. */
  public static Agent of(String id, String name, String email) {
    return new Agent(AgentId.of(id), name, EmailAddress.of(email), Set.of());
  }

  /** This agent with its groups replaced. */
  public Agent withGroups(Set<GroupId> groups) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** This agent with its skills replaced. */
  public Agent withSkills(Set<String> skills) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** This agent with its capacity replaced. */
  public Agent withCapacity(Capacity capacity) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** This agent with its availability replaced. */
  public Agent withAvailability(Availability availability) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** This agent with its escalation group replaced (empty for none). */
  public Agent withEscalationGroup(Optional<GroupId> escalationGroup) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** This agent with its role replaced. */
  public Agent withRole(Role role) {
    return new Agent(
        id, name, email, groups, skills, capacity, availability, escalationGroup, role);
  }

  /** Whether the agent has the role {@link Role#SUPERVISOR}. */
  public boolean isSupervisor() {
    return role == Role.SUPERVISOR;
  }

  /** Whether the agent belongs to {@code group}. */
  public boolean isIn(GroupId group) {
    return groups.contains(group);
  }

  /** Whether the agent has every one of {@code required}. */
  public boolean hasSkills(Set<String> required) {
    return skills.containsAll(required);
  }

  private static Set<String> checkSkills(Set<String> skills) {
    Check.size("skills", Check.present("skills", skills), MAX_SKILLS);
    Set<String> sorted = new TreeSet<>();
    for (String skill : skills) {
      String s = Check.line("skills", skill, MAX_SKILL_LENGTH).toLowerCase(Locale.ROOT);
      if (!SKILL.matcher(s).matches()) {
        throw new ValidationException(
            "skills", "must match [a-z0-9][a-z0-9_.:-]* (was '" + skill + "')");
      }
      sorted.add(s);
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }
}
