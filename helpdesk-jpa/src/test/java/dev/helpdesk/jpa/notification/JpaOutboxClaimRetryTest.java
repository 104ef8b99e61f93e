package dev.helpdesk.jpa.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.DeadlockVictims;
import dev.helpdesk.jpa.TestDatabase;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.PessimisticLockException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim chosen as a deadlock's victim (as MariaDB does now and then when claims lock due rows and
 * their companions at once) is rolled back by the database and made again, not thrown at the
 * dispatcher.
 */
class JpaOutboxClaimRetryTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final TestDatabase db = TestDatabase.H2;

  @BeforeEach
  void emptyTables() {
    db.entityManagerFactory();
    db.clean();
  }

  @Test
  void aClaimThatLostADeadlockIsMadeAgainAndHandsOutTheRowsOnce() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaOutbox outbox = new JpaOutbox(transactions, db.database());
    List<Notification> queued = List.of(notification(T0), notification(T0.plusSeconds(1)));
    outbox.add(queued);

    transactions.failNext(2);
    List<OutboxEntry> claimed = outbox.claim(T0.plusSeconds(5), 10, Duration.ofMinutes(5), "d-1");

    assertEquals(
        queued.stream().map(Notification::id).toList(),
        claimed.stream().map(e -> e.notification().id()).toList());
    assertEquals(List.of(), outbox.claim(T0.plusSeconds(5), 10, Duration.ofMinutes(5), "d-2"));
  }

  @Test
  void aClaimThatKeepsLosingFailsAfterItsAttemptsAndLeavesTheRowsPending() {
    DeadlockVictims transactions = new DeadlockVictims(db);
    JpaOutbox outbox = new JpaOutbox(transactions, db.database());
    Notification queued = notification(T0);
    outbox.add(List.of(queued));

    transactions.failNext(JpaOutbox.CLAIM_ATTEMPTS);
    assertThrows(
        PessimisticLockException.class,
        () -> outbox.claim(T0.plusSeconds(5), 10, Duration.ofMinutes(5), "d-1"));

    assertEquals(OutboxEntry.State.PENDING, outbox.byId(queued.id()).orElseThrow().state());
    assertEquals(1, outbox.claim(T0.plusSeconds(5), 10, Duration.ofMinutes(5), "d-2").size());
  }

  private static Notification notification(Instant createdAt) {
    return new Notification(
        NotificationId.random(),
        NotificationKind.TICKET_ASSIGNED,
        new Recipient("Bea", EmailAddress.of("bea@desk.example")),
        TicketId.random(),
        new TicketKey("HD-7"),
        "Refund for booking B-17",
        Map.of(Notification.BODY, "Ana Lima wrote"),
        createdAt);
  }
}
