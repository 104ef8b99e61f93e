package dev.helpdesk.store;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;

/**
 * What one stored version of a ticket added, as {@link Tickets#changes} reads it back: the messages
 * and events of the change that made that version, in the order they were stored.
 *
 * @param version the ticket version the change made (1 for the creation)
 * @param messages the messages it added
 * @param events the events it recorded
 */
public record RecordedChange(long version, List<Message> messages, List<TicketEvent> events) {

  /** Validates the change. */
  public RecordedChange {
    if (version < 1) {
      throw new ValidationException("version", "must be at least 1 (was " + version + ")");
    }
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }
}
