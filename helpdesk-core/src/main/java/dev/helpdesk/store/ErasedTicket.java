package dev.helpdesk.store;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.notification.OutboxErasure;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Instant;
import java.util.List;

/**
 * A ticket whose personal data is erased, as {@link Tickets#erase} must store it: all of it or none
 * of it. The desk makes it from the ticket as stored; the store only writes it. Ids, keys,
 * statuses, authors, times, links and metric facts are the same as before, so that reports stay
 * countable.
 *
 * @param before the ticket as it was read; its version is the one the store must still hold
 * @param after the ticket to store, one version later, its personal fields replaced
 * @param conversation every message of the ticket, in order, each with the id it had and its text
 *     and file names replaced
 * @param history every event of the ticket, in order, each of the type it had, its texts replaced
 * @param outbox how the store's outbox rewrites its entries about the ticket
 * @param at when the desk erased it: the ticket no longer counts for {@link Tickets#closedBefore}
 */
public record ErasedTicket(
    Ticket before,
    Ticket after,
    List<Message> conversation,
    List<TicketEvent> history,
    OutboxErasure outbox,
    Instant at) {

  /** Validates that before and after are versions of one ticket, one apart, and freezes. */
  public ErasedTicket {
    Check.present("before", before);
    Check.present("after", after);
    conversation = List.copyOf(Check.present("conversation", conversation));
    history = List.copyOf(Check.present("history", history));
    Check.present("outbox", outbox);
    Check.present("at", at);
    if (!before.id().equals(after.id()) || !outbox.ticket().equals(after.id())) {
      throw new ValidationException("ticketId", "must be the same before, after and in the outbox");
    }
    if (after.version() != before.version() + 1) {
      throw new ValidationException(
          "version",
          "must be " + (before.version() + 1) + " after the erase (was " + after.version() + ")");
    }
  }
}
