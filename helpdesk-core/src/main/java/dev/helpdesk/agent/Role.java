package dev.helpdesk.agent;

/**
 * What an agent may do beyond working tickets. Only a desk built with {@code
 * HelpDeskBuilder#enforceSupervisorRole(true)} tells them apart; without it every agent may do what
 * a supervisor may, as before roles existed.
 */
public enum Role {
  /** Works the tickets they may see: replies, notes, status, assignment within capacity. */
  AGENT,
  /**
   * An agent who may also assign over capacity, escalate, merge, save agents and customers, set
   * other agents' availability, read metrics and the staff audit, and redeliver dead letters; sees
   * every ticket even when agents see only their groups' tickets.
   */
  SUPERVISOR
}
