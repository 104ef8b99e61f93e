package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.TicketId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MailThreads} in memory, keeping the most recent {@code capacity} Message-IDs (oldest
 * forgotten first) so a long-running desk does not grow without bound.
 */
public final class InMemoryMailThreads implements MailThreads {

  private final Map<String, TicketId> byMessageId;

  /** Keeps the last 100,000 Message-IDs. */
  public InMemoryMailThreads() {
    this(100_000);
  }

  /** Keeps the last {@code capacity} Message-IDs. */
  public InMemoryMailThreads(int capacity) {
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
  public synchronized void remember(String messageId, TicketId ticket) {
    Check.line("messageId", messageId, 1_000);
    Check.present("ticketId", ticket);
    byMessageId.put(messageId, ticket);
  }

  @Override
  public synchronized Optional<TicketId> ticketOf(String messageId) {
    return Optional.ofNullable(byMessageId.get(messageId));
  }
}
