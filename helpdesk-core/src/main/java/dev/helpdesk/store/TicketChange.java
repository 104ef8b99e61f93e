package dev.helpdesk.store;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One atomic change to one ticket, as {@link Tickets#save(TicketChange)} must store it: all of it
 * or none of it. Made by {@link TicketEdit}.
 *
 * @param before the ticket as it was read, or empty when the change creates it; its version is the
 *     one the store must still hold
 * @param after the ticket as it is to be stored
 * @param messages messages to append to the conversation
 * @param events events to append to the history
 * @param notifications notifications to put in the store's outbox
 * @param guards capacity conditions the store checks inside the same atomic write
 */
public record TicketChange(
    Optional<Ticket> before,
    Ticket after,
    List<Message> messages,
    List<TicketEvent> events,
    List<Notification> notifications,
    List<CapacityGuard> guards) {

  /** A change with no capacity guard. */
  public TicketChange(
      Optional<Ticket> before,
      Ticket after,
      List<Message> messages,
      List<TicketEvent> events,
      List<Notification> notifications) {
    this(before, after, messages, events, notifications, List.of());
  }

  /** Validates that before and after are versions of one ticket, one apart. */
  public TicketChange {
    Check.present("before", before);
    Check.present("after", after);
    messages = List.copyOf(messages);
    events = List.copyOf(events);
    notifications = List.copyOf(notifications);
    guards = List.copyOf(guards);
    long expected = before.map(t -> t.version() + 1).orElse(1L);
    if (after.version() != expected) {
      throw new ValidationException(
          "version", "must be " + expected + " after this change (was " + after.version() + ")");
    }
    if (before.isPresent() && !before.get().id().equals(after.id())) {
      throw new ValidationException("ticketId", "must be the same before and after a change");
    }
  }

  /** Whether the change creates the ticket. */
  public boolean creates() {
    return before.isEmpty();
  }

  /** The version the store must hold for the change to apply; 0 when it creates the ticket. */
  public long expectedVersion() {
    return before.map(Ticket::version).orElse(0L);
  }

  /**
   * Checks a batch for {@link Tickets#saveAll}: not empty, no change missing, no ticket named
   * twice. Adapters call it before they touch their store.
   *
   * @return the batch, frozen
   * @throws ValidationException naming {@code changes}
   */
  public static List<TicketChange> checkBatch(List<TicketChange> changes) {
    Check.present("changes", changes);
    if (changes.isEmpty()) {
      throw new ValidationException("changes", "must hold at least one change");
    }
    Set<TicketId> seen = new HashSet<>();
    for (TicketChange change : changes) {
      Check.present("changes", change);
      if (!seen.add(change.after().id())) {
        throw new ValidationException(
            "changes", "must change each ticket at most once (" + change.after().id() + " twice)");
      }
    }
    return List.copyOf(changes);
  }
}
