package dev.helpdesk.internal.access;

/**
 * The desk's role settings, as the builder was given them.
 *
 * @param enforceSupervisor whether supervisory actions are for supervisors (and systems) only
 * @param agentsSeeOwnGroups whether an agent who is no supervisor sees only the tickets of their
 *     groups and those assigned to them
 * @param customersSeeOrganisation whether a customer reads the tickets of their organisation too
 */
public record Roles(
    boolean enforceSupervisor, boolean agentsSeeOwnGroups, boolean customersSeeOrganisation) {

  /** No role is enforced: every agent may do and see everything, customers their own tickets. */
  public static final Roles NONE = new Roles(false, false, false);

  /**
   * Whether what an agent may do depends on their current record (role or groups), which must then
   * be read from the agent store rather than from what the desk already knows.
   */
  public boolean dependOnAgentRecord() {
    return enforceSupervisor || agentsSeeOwnGroups;
  }
}
