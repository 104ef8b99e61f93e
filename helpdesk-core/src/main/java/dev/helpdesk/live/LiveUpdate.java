package dev.helpdesk.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;

/**
 * What a live subscriber is told: a message posted, a status or assignee changed, or that updates
 * were dropped because the subscriber fell too far behind ({@link Overflow}).
 */
public sealed interface LiveUpdate
    permits LiveUpdate.MessagePosted,
        LiveUpdate.StatusChanged,
        LiveUpdate.AssigneeChanged,
        LiveUpdate.Overflow {

  /**
   * A message was added to the conversation. Customers receive public replies only.
   *
   * @param ticketId the ticket
   * @param message the message as stored (its id tells a repeat after an {@link Overflow})
   */
  record MessagePosted(TicketId ticketId, Message message) implements LiveUpdate {
    /** Validates the update. */
    public MessagePosted {
      Check.present("ticketId", ticketId);
      Check.present("message", message);
    }
  }

  /**
   * The ticket's status changed.
   *
   * @param ticketId the ticket
   * @param from before
   * @param to after
   */
  record StatusChanged(TicketId ticketId, Status from, Status to) implements LiveUpdate {
    /** Validates the update. */
    public StatusChanged {
      Check.present("ticketId", ticketId);
      Check.present("from", from);
      Check.present("to", to);
    }
  }

  /**
   * The ticket's assignee changed: on a queue subscription, a ticket came to the agent or left
   * them.
   *
   * @param ticketId the ticket
   * @param from the agent before, if any
   * @param to the agent after, if any
   */
  record AssigneeChanged(TicketId ticketId, Optional<AgentId> from, Optional<AgentId> to)
      implements LiveUpdate {
    /** Validates the update. */
    public AssigneeChanged {
      Check.present("ticketId", ticketId);
      Check.present("from", from);
      Check.present("to", to);
    }
  }

  /**
   * The subscriber fell behind by more than its buffer holds, so the updates waiting for it were
   * dropped: read the ticket (or the queue) again, then go on with the updates that follow, which
   * may repeat some of what the read already shows.
   *
   * @param dropped how many updates were dropped
   */
  record Overflow(long dropped) implements LiveUpdate {
    /** Validates the update. */
    public Overflow {
      if (dropped < 1) {
        throw new ValidationException("dropped", "must be at least 1 (was " + dropped + ")");
      }
    }
  }
}
