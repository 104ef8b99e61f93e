package dev.helpdesk.assignment;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * When an assigned ticket's agent must have replied by, under the policy's {@link NoReplyRule}:
 * what the {@link NoReplyDeadlines} port keeps, one per ticket, indexed by {@link #dueAt()}. Set
 * when the ticket is assigned; dropped when an agent replies publicly, the ticket leaves NEW or
 * OPEN, is unassigned or escalated.
 *
 * @param ticketId the ticket
 * @param ticketVersion the ticket version the deadline belongs to; a store keeps the newest
 * @param dueAt when the rule acts if no agent has replied by then
 * @param attempts how many times the rule has reassigned the ticket in this chain (0 after an
 *     assignment by hand or by the strategy)
 * @param agentsTried the agents the ticket had in this chain, in order, the current one last; never
 *     chosen again by the rule for this ticket; not empty, no duplicates
 * @throws ValidationException naming the field at fault
 */
public record NoReplyDeadline(
    TicketId ticketId, long ticketVersion, Instant dueAt, int attempts, List<AgentId> agentsTried) {

  /** The most agents a chain remembers (one more than {@link NoReplyRule#MAX_REASSIGNMENTS}). */
  public static final int MAX_AGENTS = NoReplyRule.MAX_REASSIGNMENTS + 1;

  /** Validates and freezes. */
  public NoReplyDeadline {
    Check.present("ticketId", ticketId);
    if (ticketVersion <= 0) {
      throw new ValidationException(
          "ticketVersion", "must be positive (was " + ticketVersion + ")");
    }
    Check.present("dueAt", dueAt);
    if (attempts < 0 || attempts > NoReplyRule.MAX_REASSIGNMENTS) {
      throw new ValidationException(
          "attempts", "must be 0 to " + NoReplyRule.MAX_REASSIGNMENTS + " (was " + attempts + ")");
    }
    agentsTried =
        List.copyOf(
            Check.size("agentsTried", Check.present("agentsTried", agentsTried), MAX_AGENTS));
    if (agentsTried.isEmpty()) {
      throw new ValidationException("agentsTried", "must name at least the current agent");
    }
    if (new HashSet<>(agentsTried).size() != agentsTried.size()) {
      throw new ValidationException("agentsTried", "must not name an agent twice");
    }
  }
}
