package dev.helpdesk.internal.live;

import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.TicketId;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Releases the stored changes of each ticket in version order, although the threads that stored
 * them may reach this point in any order: thread A stores version 2 and is descheduled, thread B
 * (which read version 2) stores version 3 and arrives first. Each save is registered as in flight
 * before it starts; a stored change is released once no save of an older version of its ticket is
 * still in flight here (a failed save just leaves). Changes made by other desk instances never
 * register, so they hold nothing up.
 *
 * <p>Release runs under the ticket's monitor, which keeps the order; it must therefore be short and
 * must not block (the feed only queues updates). A release that writes to the same ticket on the
 * same thread (a listener run inline by a same-thread executor) is queued and released by the outer
 * call after the current one.
 */
final class ChangeOrder {

  /** One ticket's saves in flight and stored changes not yet released. */
  private static final class Line {
    final TreeMap<Long, Integer> inFlight = new TreeMap<>();
    final TreeMap<Long, TicketChange> stored = new TreeMap<>();
    boolean releasing;
    boolean retired;
  }

  private final ConcurrentHashMap<TicketId, Line> lines = new ConcurrentHashMap<>();
  private final Consumer<TicketChange> release;

  ChangeOrder(Consumer<TicketChange> release) {
    this.release = release;
  }

  /**
   * Runs {@code save} on {@code change}, then releases it (and any later versions it held up) in
   * version order. When {@code save} throws, the failure propagates and nothing is released for it.
   */
  void write(TicketChange change, Consumer<TicketChange> save) {
    Consumer<Boolean> done = enter(change);
    boolean saved = false;
    try {
      save.accept(change);
      saved = true;
    } finally {
      done.accept(saved);
    }
  }

  /**
   * Registers {@code change} as in flight; the caller calls the result once, with {@code true} when
   * the change is durable (then it is released in version order) or {@code false} when it was not
   * stored (it just leaves, holding nothing up).
   */
  Consumer<Boolean> enter(TicketChange change) {
    TicketId id = change.after().id();
    long version = change.after().version();
    Line line = enter(id, version);
    return stored -> leave(id, line, version, stored ? change : null);
  }

  /** How many tickets have saves in flight or changes held; 0 when idle (no leak). */
  int linesHeld() {
    return lines.size();
  }

  private Line enter(TicketId id, long version) {
    while (true) {
      Line line = lines.computeIfAbsent(id, k -> new Line());
      synchronized (line) {
        if (!line.retired) {
          line.inFlight.merge(version, 1, Integer::sum);
          return line;
        }
      }
      // Retired between the lookup and the lock: it is gone from the map; take the new one.
    }
  }

  private void leave(TicketId id, Line line, long version, TicketChange stored) {
    synchronized (line) {
      line.inFlight.computeIfPresent(version, (v, n) -> n == 1 ? null : n - 1);
      if (stored != null) {
        line.stored.put(version, stored);
      }
      if (line.releasing) {
        return; // re-entered from a release on this thread: the outer loop releases it
      }
      line.releasing = true;
      try {
        while (!line.stored.isEmpty()) {
          long next = line.stored.firstKey();
          if (!line.inFlight.isEmpty() && line.inFlight.firstKey() < next) {
            break; // an older version is still being saved here: it goes first
          }
          release.accept(line.stored.pollFirstEntry().getValue());
        }
      } finally {
        line.releasing = false;
      }
      if (line.inFlight.isEmpty() && line.stored.isEmpty()) {
        line.retired = true;
        lines.remove(id, line);
      }
    }
  }
}
