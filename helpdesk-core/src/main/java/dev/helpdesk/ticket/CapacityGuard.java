package dev.helpdesk.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A condition a {@code TicketChange} carries for the store to check inside its atomic write: once
 * the change is applied, the agent holds at most {@code limit} tickets in the {@code counted}
 * statuses (of {@code channel}, when given). The store refuses the whole change with a {@link
 * CapacityExceededException} otherwise. Checking it where the change is written, under the same
 * lock or transaction, is what keeps two concurrent assignments from both taking an agent's last
 * free slot.
 *
 * @param agent the agent whose load is limited
 * @param channel the channel counted, or empty for all channels
 * @param counted the statuses that count as active load (a subset of the unsolved statuses)
 * @param limit the most such tickets the agent may hold after the change, at least 0
 */
public record CapacityGuard(
    AgentId agent, Optional<Channel> channel, Set<Status> counted, int limit) {

  /** Validates the guard and freezes the statuses. */
  public CapacityGuard {
    Check.present("agentId", agent);
    Check.present("channel", channel);
    Check.present("counted", counted);
    if (counted.isEmpty()) {
      throw new ValidationException("counted", "must name at least one status");
    }
    counted = Set.copyOf(EnumSet.copyOf(counted));
    for (Status s : counted) {
      if (!s.isUnsolved()) {
        throw new ValidationException(
            "counted", "must hold unsolved statuses only (was " + s + ")");
      }
    }
    if (limit < 0) {
      throw new ValidationException("limit", "must not be negative (was " + limit + ")");
    }
  }

  /** Whether {@code ticket} counts towards the guarded load. */
  public boolean counts(Ticket ticket) {
    return ticket.isAssignedTo(agent)
        && counted.contains(ticket.status())
        && channel.map(c -> c == ticket.channel()).orElse(true);
  }
}
