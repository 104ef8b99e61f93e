package dev.helpdesk.jpa.pending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.jpa.DeadlockVictims;
import dev.helpdesk.jpa.TestDatabase;
import dev.helpdesk.jpa.store.DueClaims;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.PessimisticLockException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim of due follow-up steps chosen as a deadlock's victim (as MariaDB did under several desks
 * claiming at once) is rolled back by the database and made again, not thrown at the sweep.
 */
class JpaPendingFollowUpsClaimRetryTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final TestDatabase db = TestDatabase.H2;

  @BeforeEach
  void emptyTables() {
    db.entityManagerFactory();
    db.clean();
  }

  private static FollowUpPlan dueAt(TicketId id, Instant at) {
    return new FollowUpPlan(
        id, 1, T0, Map.of(FollowUpStep.AUTO_SOLVE, at), FollowUpStep.AUTO_SOLVE);
  }

  @Test
  void aClaimThatLostADeadlockIsMadeAgainAndHandsOutTheStepsOnce() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaPendingFollowUps plans = new JpaPendingFollowUps(transactions, transactions, db.database());
    TicketId first = TicketId.random();
    TicketId second = TicketId.random();
    plans.save(dueAt(first, T0.plusSeconds(1)));
    plans.save(dueAt(second, T0.plusSeconds(2)));

    transactions.failNext(2);
    List<TicketId> claimed = plans.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300));

    assertEquals(List.of(first, second), claimed);
    assertEquals(List.of(), plans.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));
  }

  @Test
  void aClaimThatKeepsLosingFailsAfterItsAttemptsAndLeavesTheStepsDue() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaPendingFollowUps plans = new JpaPendingFollowUps(transactions, transactions, db.database());
    TicketId id = TicketId.random();
    plans.save(dueAt(id, T0.plusSeconds(1)));

    transactions.failNext(DueClaims.ATTEMPTS);
    assertThrows(
        PessimisticLockException.class,
        () -> plans.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));

    assertEquals(List.of(id), plans.claimDue(T0.plusSeconds(5), 10, T0.plusSeconds(300)));
  }
}
