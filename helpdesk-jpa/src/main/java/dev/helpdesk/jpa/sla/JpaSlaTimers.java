package dev.helpdesk.jpa.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.DueClaims;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * SLA timers in {@code hd_sla_timer}, one row per ticket, indexed by the instant the ticket next
 * needs the monitor.
 *
 * <p>{@link #claimDue} runs one short transaction of its own: {@code SELECT ticket_id ... WHERE
 * next_check_at <= now AND (claimed_until IS NULL OR claimed_until <= now) ORDER BY next_check_at
 * ... FOR UPDATE SKIP LOCKED}, then sets {@code claimed_until}, and commits. Monitors on several
 * instances therefore share the due tickets without waiting for each other, and the tickets of a
 * monitor that dies are due again when its claim lapses.
 *
 * <p>Each save also writes the ticket's {@link SlaState} into its {@code hd_ticket} row ({@code
 * sla_due_at}, {@code sla_breached}, added by {@code V9__search_sla.sql}), in the same transaction
 * as the timers, which is what search filters and sorts by. A save that changes nothing (older
 * timers) leaves it as it is; timers of a ticket not stored (yet) have no row to write to.
 *
 * <p>The columns keep microseconds. The next check is rounded up and the claim's end rounded up
 * when stored, and {@code now} rounded down when claiming, so a ticket is never claimed before it
 * is due nor a claim ended early; the JSON document keeps the exact instants.
 */
public final class JpaSlaTimers implements SlaTimers {

  private final Transactions transactions;
  private final Transactions own;
  private final Database database;

  /**
   * @param transactions where saves and reads run: standalone or the application's
   * @param own transactions that commit on their own, for claims (which other instances must see at
   *     once); may be {@code transactions} when those are standalone
   * @param database the database's customization (the claim query)
   */
  public JpaSlaTimers(Transactions transactions, Transactions own, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.own = Objects.requireNonNull(own, "own");
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public void save(TicketTimers timers) {
    Check.present("timers", timers);
    try {
      transactions.inTransaction(em -> write(em, timers));
    } catch (RuntimeException e) {
      if (!Failures.lostRace(e)) {
        throw e;
      }
      // Two first saves for one ticket raced to insert its row; the row exists now, so the
      // version comparison decides as for any later save.
      transactions.inTransaction(em -> write(em, timers));
    }
  }

  private static Void write(EntityManager em, TicketTimers timers) {
    UUID id = timers.ticketId().value();
    SlaTimerEntity row = em.find(SlaTimerEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    boolean fresh = row == null;
    if (fresh) {
      row = new SlaTimerEntity(id);
    } else if (row.ticketVersion >= timers.ticketVersion()) {
      return null; // changes stored out of order do not go back in time
    }
    row.ticketVersion = timers.ticketVersion();
    row.policy = timers.policy().orElse(null);
    row.timers = TimerPayloads.write(timers.timers());
    row.nextCheckAt = timers.nextCheck().map(JpaSlaTimers::roundUp).orElse(null);
    row.claimedUntil = null;
    if (fresh) {
      em.persist(row);
    }
    writeSlaState(em, timers);
    return null;
  }

  /**
   * The ticket's SLA state into its row of {@code hd_ticket}: found by its key through JPQL (which
   * flushes the ticket's own pending write first, and binds the UUID as each database wants), then
   * set by its surrogate id, since the entity leaves these columns unmapped. The due instant is
   * rounded up to the microsecond, like the next check: never due earlier than it is.
   */
  private static void writeSlaState(EntityManager em, TicketTimers timers) {
    List<Long> rows =
        em.createQuery("select t.id from HdTicket t where t.ticketId = :id", Long.class)
            .setParameter("id", timers.ticketId().value())
            .getResultList();
    if (rows.isEmpty()) {
      return;
    }
    SlaState state = SlaState.of(timers);
    em.createNativeQuery("update hd_ticket set sla_due_at = ?1, sla_breached = ?2 where id = ?3")
        .setParameter(1, state.due().map(JpaSlaTimers::roundUp).orElse(SlaState.NO_DUE))
        .setParameter(2, state.breached())
        .setParameter(3, rows.get(0))
        .executeUpdate();
  }

  @Override
  public Optional<TicketTimers> byTicket(TicketId ticketId) {
    Check.present("ticketId", ticketId);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(SlaTimerEntity.class, ticketId.value()))
                .map(
                    row ->
                        new TicketTimers(
                            new TicketId(row.ticketId),
                            row.ticketVersion,
                            Optional.ofNullable(row.policy),
                            TimerPayloads.read(row.timers))));
  }

  @Override
  public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Check.present("now", now);
    Check.positive("limit", limit);
    Check.present("claimedUntil", claimedUntil);
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Instant until = roundUp(claimedUntil);
    return DueClaims.claim(own, database.claimDueSlaTimers(limit), at, "HdSlaTimer", until);
  }

  /** The instant rounded up to the microsecond the columns keep. */
  private static Instant roundUp(Instant instant) {
    Instant down = instant.truncatedTo(ChronoUnit.MICROS);
    return down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS);
  }
}
