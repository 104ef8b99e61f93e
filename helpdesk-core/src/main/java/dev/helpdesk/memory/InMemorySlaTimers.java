package dev.helpdesk.memory;

import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  private final DueIndex<TicketTimers> entries =
      new DueIndex<>(TicketTimers::ticketId, TicketTimers::ticketVersion, TicketTimers::nextCheck);
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
    if (entries.save(timers)) {
      states.accept(timers.ticketId(), SlaState.of(timers));
    }
  }

  @Override
  public synchronized Optional<TicketTimers> byTicket(TicketId ticketId) {
    return entries.byTicket(ticketId);
  }

  @Override
  public synchronized List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    return entries.claimDue(now, limit, claimedUntil);
  }

  /** How many tickets are indexed (have a running timer). */
  public synchronized int indexed() {
    return entries.indexed();
  }
}
