package dev.helpdesk.memory;

import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * SLA timers in memory, indexed by next check in a sorted set, so a claim reads the head of the
 * index only: what is due, plus what is due but claimed by another monitor. One lock serializes
 * every method.
 *
 * <p>The timers of an {@link InMemoryTickets} store ({@link InMemoryTickets#slaTimers()}) also give
 * that store each ticket's {@link SlaState}, under the same lock as the timers, for search; those
 * made with the public constructor keep the timers only.
 */
public final class InMemorySlaTimers implements SlaTimers {

  private record Due(Instant at, TicketId id) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparing(Due::at).thenComparing(d -> d.id().value());

  private final Map<TicketId, TicketTimers> byTicket = new HashMap<>();
  private final Map<TicketId, Due> keys = new HashMap<>();
  private final Map<TicketId, Instant> claims = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>(ORDER);
  private final BiConsumer<TicketId, SlaState> states;

  /** Timers on their own, which no ticket store searches by. */
  public InMemorySlaTimers() {
    this((id, state) -> {});
  }

  /**
   * @param states told each ticket's SLA state whenever its timers are stored
   */
  InMemorySlaTimers(BiConsumer<TicketId, SlaState> states) {
    this.states = Objects.requireNonNull(states, "states");
  }

  @Override
  public synchronized void save(TicketTimers timers) {
    Objects.requireNonNull(timers, "timers");
    TicketId id = timers.ticketId();
    TicketTimers stored = byTicket.get(id);
    if (stored != null && stored.ticketVersion() >= timers.ticketVersion()) {
      return;
    }
    byTicket.put(id, timers);
    states.accept(id, SlaState.of(timers));
    claims.remove(id);
    Due old = keys.remove(id);
    if (old != null) {
      index.remove(old);
    }
    timers
        .nextCheck()
        .ifPresent(
            at -> {
              Due d = new Due(at, id);
              keys.put(id, d);
              index.add(d);
            });
  }

  @Override
  public synchronized Optional<TicketTimers> byTicket(TicketId ticketId) {
    return Optional.ofNullable(byTicket.get(ticketId));
  }

  @Override
  public synchronized List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    List<TicketId> result = new ArrayList<>();
    Iterator<Due> it = index.iterator();
    while (result.size() < limit && it.hasNext()) {
      Due d = it.next();
      if (d.at().isAfter(now)) {
        break;
      }
      Instant claim = claims.get(d.id());
      if (claim == null || !claim.isAfter(now)) {
        claims.put(d.id(), claimedUntil);
        result.add(d.id());
      }
    }
    return result;
  }

  /** How many tickets are indexed (have a running timer). */
  public synchronized int indexed() {
    return index.size();
  }
}
