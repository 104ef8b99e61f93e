package dev.helpdesk.jpa.assignment;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.DueClaims;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.jpa.store.Transactions;
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
 * No-reply deadlines in {@code hd_no_reply_deadline}, one row per assigned ticket waiting for its
 * agent's reply, indexed by when the rule acts.
 *
 * <p>Saves and removals run in {@code transactions}, so inside the desk's unit of work they commit
 * with the ticket change that made them. {@link #claimDue} runs one short transaction of its own
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then setting {@code claimed_until}), so jobs on
 * several instances share the due deadlines without waiting for each other. The columns keep
 * microseconds: instants are stored truncated to them, and the claim's {@code now} too.
 */
public final class JpaNoReplyDeadlines implements NoReplyDeadlines {

  private final Transactions transactions;
  private final Transactions own;
  private final Database database;

  /**
   * @param transactions where saves, removals and reads run: standalone or the application's
   * @param own transactions that commit on their own, for claims (which other instances must see at
   *     once); may be {@code transactions} when those are standalone
   * @param database the database's customization (the claim query)
   */
  public JpaNoReplyDeadlines(Transactions transactions, Transactions own, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.own = Objects.requireNonNull(own, "own");
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public void save(NoReplyDeadline deadline) {
    Check.present("deadline", deadline);
    try {
      transactions.inTransaction(em -> write(em, deadline));
    } catch (RuntimeException e) {
      if (!Failures.lostRace(e)) {
        throw e;
      }
      // Two first saves for one ticket raced to insert its row; the row exists now, so the
      // version comparison decides as for any later save.
      transactions.inTransaction(em -> write(em, deadline));
    }
  }

  private static Void write(EntityManager em, NoReplyDeadline deadline) {
    UUID id = deadline.ticketId().value();
    NoReplyDeadlineEntity row =
        em.find(NoReplyDeadlineEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    boolean fresh = row == null;
    if (fresh) {
      row = new NoReplyDeadlineEntity(id);
    } else if (row.ticketVersion >= deadline.ticketVersion()) {
      return null; // changes stored out of order do not go back in time
    }
    row.ticketVersion = deadline.ticketVersion();
    row.dueAt = micros(deadline.dueAt());
    row.attempts = deadline.attempts();
    row.agentsTried = Json.strings(deadline.agentsTried().stream().map(AgentId::value).toList());
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
                    "delete from HdNoReplyDeadline d"
                        + " where d.ticketId = :id and d.ticketVersion <= :version")
                .setParameter("id", ticketId.value())
                .setParameter("version", ticketVersion)
                .executeUpdate());
  }

  @Override
  public Optional<NoReplyDeadline> byTicket(TicketId ticketId) {
    Check.present("ticketId", ticketId);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(NoReplyDeadlineEntity.class, ticketId.value()))
                .map(JpaNoReplyDeadlines::deadline));
  }

  private static NoReplyDeadline deadline(NoReplyDeadlineEntity row) {
    return new NoReplyDeadline(
        new TicketId(row.ticketId),
        row.ticketVersion,
        row.dueAt,
        row.attempts,
        Json.strings(row.agentsTried).stream().map(AgentId::of).toList());
  }

  @Override
  public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Check.present("now", now);
    Check.positive("limit", limit);
    Check.present("claimedUntil", claimedUntil);
    Instant at = micros(now);
    Instant until = micros(claimedUntil);
    return DueClaims.claim(
        own, database.claimDueNoReplyDeadlines(limit), at, "HdNoReplyDeadline", until);
  }

  /** The instant truncated to the microsecond the columns keep. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
