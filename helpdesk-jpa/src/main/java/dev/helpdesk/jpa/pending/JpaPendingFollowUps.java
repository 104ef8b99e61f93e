package dev.helpdesk.jpa.pending;

import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.DueClaims;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Pending follow-up plans in {@code hd_pending_followup}, one row per ticket that has a step to
 * take, indexed by when that step is due.
 *
 * <p>Saves and removals run in {@code transactions}, so inside the desk's unit of work they commit
 * with the ticket change that made them. {@link #claimDue} runs one short transaction of its own
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then setting {@code claimed_until}), so jobs on
 * several instances share the due plans without waiting for each other. The columns keep
 * microseconds: instants are stored truncated to them, and the claim's {@code now} too.
 */
public final class JpaPendingFollowUps implements PendingFollowUps {

  private final Transactions transactions;
  private final Transactions own;
  private final Database database;

  /**
   * @param transactions where saves, removals and reads run: standalone or the application's
   * @param own transactions that commit on their own, for claims (which other instances must see at
   *     once); may be {@code transactions} when those are standalone
   * @param database the database's customization (the claim query)
   */
  public JpaPendingFollowUps(Transactions transactions, Transactions own, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.own = Objects.requireNonNull(own, "own");
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public void save(FollowUpPlan plan) {
    Check.present("plan", plan);
    try {
      transactions.inTransaction(em -> write(em, plan));
    } catch (RuntimeException e) {
      if (!Failures.lostRace(e)) {
        throw e;
      }
      // Two first saves for one ticket raced to insert its row; the row exists now, so the
      // version comparison decides as for any later save.
      transactions.inTransaction(em -> write(em, plan));
    }
  }

  private static Void write(EntityManager em, FollowUpPlan plan) {
    UUID id = plan.ticketId().value();
    FollowUpEntity row = em.find(FollowUpEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    boolean fresh = row == null;
    if (fresh) {
      row = new FollowUpEntity(id);
    } else if (row.ticketVersion >= plan.ticketVersion()) {
      return null; // changes stored out of order do not go back in time
    }
    Map<FollowUpStep, Instant> schedule = plan.schedule();
    row.ticketVersion = plan.ticketVersion();
    row.pendingSince = micros(plan.pendingSince());
    row.firstReminderAt = micros(schedule.get(FollowUpStep.FIRST_REMINDER));
    row.secondReminderAt = micros(schedule.get(FollowUpStep.SECOND_REMINDER));
    row.autoSolveAt = micros(schedule.get(FollowUpStep.AUTO_SOLVE));
    row.nextStep = plan.next().name();
    row.nextDueAt = micros(plan.nextDueAt());
    row.claimedUntil = null;
    if (fresh) {
      em.persist(row);
    }
    return null;
  }

  @Override
  public void remove(TicketId ticketId, long ticketVersion) {
    Check.present("ticketId", ticketId);
    transactions.inTransaction(
        em ->
            em.createQuery(
                    "delete from HdPendingFollowUp f"
                        + " where f.ticketId = :id and f.ticketVersion <= :version")
                .setParameter("id", ticketId.value())
                .setParameter("version", ticketVersion)
                .executeUpdate());
  }

  @Override
  public Optional<FollowUpPlan> byTicket(TicketId ticketId) {
    Check.present("ticketId", ticketId);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(FollowUpEntity.class, ticketId.value()))
                .map(JpaPendingFollowUps::plan));
  }

  private static FollowUpPlan plan(FollowUpEntity row) {
    Map<FollowUpStep, Instant> schedule = new EnumMap<>(FollowUpStep.class);
    if (row.firstReminderAt != null) {
      schedule.put(FollowUpStep.FIRST_REMINDER, row.firstReminderAt);
    }
    if (row.secondReminderAt != null) {
      schedule.put(FollowUpStep.SECOND_REMINDER, row.secondReminderAt);
    }
    if (row.autoSolveAt != null) {
      schedule.put(FollowUpStep.AUTO_SOLVE, row.autoSolveAt);
    }
    return new FollowUpPlan(
        new TicketId(row.ticketId),
        row.ticketVersion,
        row.pendingSince,
        schedule,
        FollowUpStep.valueOf(row.nextStep));
  }

  @Override
  public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Check.present("now", now);
    Check.positive("limit", limit);
    Check.present("claimedUntil", claimedUntil);
    Instant at = micros(now);
    Instant until = micros(claimedUntil);
    return DueClaims.claim(
        own, database.claimDuePendingFollowUps(limit), at, "HdPendingFollowUp", until);
  }

  /** The instant truncated to the microsecond the columns keep; null stays null. */
  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
