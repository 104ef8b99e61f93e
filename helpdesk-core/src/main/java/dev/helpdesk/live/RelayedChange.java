package dev.helpdesk.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.TicketId;

/**
 * What one desk instance announces to the others through a {@link ChangeRelay}: only that something
 * changed, never the change itself, which each instance reads from the shared store.
 */
public sealed interface RelayedChange
    permits RelayedChange.TicketChanged, RelayedChange.AgentChanged {

  /**
   * A ticket reached a version: a change of it was stored.
   *
   * @param ticketId the ticket
   * @param version the version the change made, at least 1
   */
  record TicketChanged(TicketId ticketId, long version) implements RelayedChange {
    /** Validates the announcement. */
    public TicketChanged {
      Check.present("ticketId", ticketId);
      if (version < 1) {
        throw new ValidationException("version", "must be at least 1 (was " + version + ")");
      }
    }
  }

  /**
   * An agent was saved (came online, went away, changed capacity or groups): other instances read
   * the agent and their load again and serve the waiting queue.
   *
   * @param agentId the agent
   */
  record AgentChanged(AgentId agentId) implements RelayedChange {
    /** Validates the announcement. */
    public AgentChanged {
      Check.present("agentId", agentId);
    }
  }
}
