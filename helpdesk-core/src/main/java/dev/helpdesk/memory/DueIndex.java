package dev.helpdesk.memory;

import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One entry per ticket, for the in-memory stores of the desk's timed work (SLA timers, pending
 * follow-ups, no-reply deadlines): an entry of an older ticket version never replaces a newer one,
 * an index by due time (of the entries that have one) lets a claim read the head only, and a
 * claimed entry is not claimed again before its claim ends. Not synchronized: each store holds its
 * own lock around it.
 */
final class DueIndex<T> {

  private record Due(Instant at, TicketId id) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparing(Due::at).thenComparing(d -> d.id().value());

  private final Function<T, TicketId> ticketOf;
  private final ToLongFunction<T> versionOf;
  private final Function<T, Optional<Instant>> dueOf;
  private final Map<TicketId, T> byTicket = new HashMap<>();
  private final Map<TicketId, Instant> claims = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>(ORDER);

  /**
   * @param dueOf when an entry is due; an entry without a due time is kept but never claimed
   */
  DueIndex(
      Function<T, TicketId> ticketOf,
      ToLongFunction<T> versionOf,
      Function<T, Optional<Instant>> dueOf) {
    this.ticketOf = ticketOf;
    this.versionOf = versionOf;
    this.dueOf = dueOf;
  }

  /**
   * Keeps the entry unless the ticket's entry stored is of the same or a newer version; says
   * whether it was kept.
   */
  boolean save(T entry) {
    TicketId id = ticketOf.apply(entry);
    T stored = byTicket.get(id);
    if (stored != null && versionOf.applyAsLong(stored) >= versionOf.applyAsLong(entry)) {
      return false;
    }
    drop(id);
    byTicket.put(id, entry);
    dueOf.apply(entry).ifPresent(at -> index.add(new Due(at, id)));
    return true;
  }

  /** Removes the ticket's entry unless it is of a newer version than {@code ticketVersion}. */
  void remove(TicketId id, long ticketVersion) {
    T stored = byTicket.get(id);
    if (stored != null && versionOf.applyAsLong(stored) <= ticketVersion) {
      drop(id);
    }
  }

  private void drop(TicketId id) {
    T old = byTicket.remove(id);
    claims.remove(id);
    if (old != null) {
      dueOf.apply(old).ifPresent(at -> index.remove(new Due(at, id)));
    }
  }

  Optional<T> byTicket(TicketId id) {
    return Optional.ofNullable(byTicket.get(id));
  }

  /** Claims up to {@code limit} entries due by {@code now} and not claimed, until {@code until}. */
  List<TicketId> claimDue(Instant now, int limit, Instant until) {
    List<TicketId> result = new ArrayList<>();
    Iterator<Due> it = index.iterator();
    while (result.size() < limit && it.hasNext()) {
      Due d = it.next();
      if (d.at().isAfter(now)) {
        break;
      }
      Instant claim = claims.get(d.id());
      if (claim == null || !claim.isAfter(now)) {
        claims.put(d.id(), until);
        result.add(d.id());
      }
    }
    return result;
  }

  /** How many entries have a due time. */
  int indexed() {
    return index.size();
  }
}
