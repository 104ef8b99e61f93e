package dev.helpdesk.jpa.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.jpa.DeadlockVictims;
import dev.helpdesk.jpa.TestDatabase;
import dev.helpdesk.jpa.store.DueClaims;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.PessimisticLockException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim of due no-reply deadlines chosen as a deadlock's victim is rolled back by the database
 * and made again, not thrown at the job.
 */
class JpaNoReplyDeadlinesClaimRetryTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final TestDatabase db = TestDatabase.H2;

  @BeforeEach
  void emptyTables() {
    db.entityManagerFactory();
    db.clean();
  }

  @Test
  void aClaimThatLostADeadlockIsMadeAgainAndHandsOutTheDeadlinesOnce() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaNoReplyDeadlines deadlines =
        new JpaNoReplyDeadlines(transactions, transactions, db.database());
    TicketId first = TicketId.random();
    TicketId second = TicketId.random();
    deadlines.save(new NoReplyDeadline(first, 1, T0.plusSeconds(1), 0, List.of(AgentId.of("a-1"))));
    deadlines.save(
        new NoReplyDeadline(second, 1, T0.plusSeconds(2), 0, List.of(AgentId.of("a-1"))));

    transactions.failNext(2);
    List<TicketId> claimed = deadlines.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300));

    assertEquals(List.of(first, second), claimed);
    assertEquals(List.of(), deadlines.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));
  }

  @Test
  void aClaimThatKeepsLosingFailsAfterItsAttemptsAndLeavesTheDeadlinesDue() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaNoReplyDeadlines deadlines =
        new JpaNoReplyDeadlines(transactions, transactions, db.database());
    TicketId id = TicketId.random();
    deadlines.save(new NoReplyDeadline(id, 1, T0.plusSeconds(1), 0, List.of(AgentId.of("a-1"))));

    transactions.failNext(DueClaims.ATTEMPTS);
    assertThrows(
        PessimisticLockException.class,
        () -> deadlines.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));

    assertEquals(List.of(id), deadlines.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));
  }
}
