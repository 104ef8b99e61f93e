package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.TicketId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MessageThreads} in memory, keeping the most recent {@code capacity} Message-IDs (oldest
 * forgotten first) so a long-running desk does not grow without bound. One instance only: several
 * instances of an application need the database store's adapter.
 */
public final class InMemoryMessageThreads implements MessageThreads {

  private final Map<String, TicketId> byMessageId;

  /** Keeps the last 100,000 Message-IDs. */
  public InMemoryMessageThreads() {
    this(100_000);
  }

  /** Keeps the last {@code capacity} Message-IDs. */
  public InMemoryMessageThreads(int capacity) {
    Check.positive("capacity", capacity);
    this.byMessageId =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TicketId> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public synchronized boolean remember(String messageId, TicketId ticket) {
    Check.line("messageId", messageId, MAX_LENGTH);
    Check.present("ticketId", ticket);
    return byMessageId.putIfAbsent(messageId, ticket) == null;
  }

  @Override
  public synchronized Optional<TicketId> ticketOf(String messageId) {
    Check.present("messageId", messageId);
    return Optional.ofNullable(byMessageId.get(messageId));
  }

  @Override
  public synchronized int forget(TicketId ticket) {
    Check.present("ticketId", ticket);
    int before = byMessageId.size();
    byMessageId.values().removeIf(ticket::equals);
    return before - byMessageId.size();
  }
}
