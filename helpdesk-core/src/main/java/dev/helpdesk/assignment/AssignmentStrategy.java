package dev.helpdesk.assignment;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.ticket.Ticket;
import java.util.Objects;
import java.util.Optional;

/**
 * SPI: a team's assignment policy. Given a ticket and the agents eligible for it, choose one, or
 * none to let the next strategy of a chain try (and, at the end of a chain, to leave the ticket
 * waiting in the queue). The candidates have already passed every {@link AssignmentFilter}
 * (availability, group, capacity, and the policy's own filters); a choice outside them is ignored.
 *
 * <pre>{@code
 * AssignmentStrategy vipToSeniors = (ticket, candidates) ->
 *     ticket.tags().contains("vip")
 *         ? candidates.byLoad().filter(c -> c.agent().skills().contains("senior"))
 *             .findFirst().map(Candidate::id)
 *         : Optional.empty();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should not block: they run on the thread that opens
 * the ticket.
 */
@FunctionalInterface
public interface AssignmentStrategy {

  /**
   * Chooses the agent for {@code ticket}.
   *
   * @param ticket the ticket as it stands, not yet assigned
   * @param candidates a read-only view of the eligible agents
   * @return the chosen agent, or empty to pass
   */
  Optional<AgentId> choose(Ticket ticket, Candidates candidates);

  /** This strategy, and {@code next} when this one passes. */
  default AssignmentStrategy orElse(AssignmentStrategy next) {
    Objects.requireNonNull(next, "next");
    AssignmentStrategy first = this;
    return (ticket, candidates) -> {
      Optional<AgentId> chosen = first.choose(ticket, candidates);
      return chosen.isPresent() ? chosen : next.choose(ticket, candidates);
    };
  }
}
