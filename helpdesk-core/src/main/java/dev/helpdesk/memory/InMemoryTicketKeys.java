package dev.helpdesk.memory;

import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import java.util.concurrent.atomic.AtomicLong;

/** Issues keys {@code PREFIX-n} from a counter in memory: the embedded default. */
public final class InMemoryTicketKeys implements TicketKeys {

  private final String prefix;
  private final AtomicLong next;

  /** Keys {@code HD-1000}, {@code HD-1001}, ... */
  public InMemoryTicketKeys() {
    this("HD", 1000);
  }

  /**
   * @param prefix capital letters and digits, starting with a letter
   * @param first the first number issued
   */
  public InMemoryTicketKeys(String prefix, long first) {
    TicketKey.of(prefix, first); // validates the prefix and number once, up front
    this.prefix = prefix;
    this.next = new AtomicLong(first);
  }

  @Override
  public TicketKey next() {
    return TicketKey.of(prefix, next.getAndIncrement());
  }
}
