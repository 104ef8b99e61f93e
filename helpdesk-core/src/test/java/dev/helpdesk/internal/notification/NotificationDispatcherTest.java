package dev.helpdesk.internal.notification;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static dev.helpdesk.contract.ContractFixtures.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.notification.NotificationDispatcher.Pass;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.OutboxEntry.State;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.notification.UndeliverableException;
import dev.helpdesk.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NotificationDispatcherTest {

  private static final RetryPolicy NO_JITTER =
      new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.0);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final SettableClock clock = SettableClock.at(T0);
  private final FakeNotifier notifier = new FakeNotifier(clock);

  @Test
  void theReasonOfAFailureNamesItsRootCause() {
    assertEquals(
        "IllegalStateException: could not send; root cause: IOException: 535 login failed",
        NotificationDispatcher.reason(
            new IllegalStateException(
                "could not send", new UncheckedIOException(new IOException("535 login failed")))));
    assertEquals(
        "IllegalStateException: no cause",
        NotificationDispatcher.reason(new IllegalStateException("no cause")));
    assertEquals("NullPointerException", NotificationDispatcher.reason(new NullPointerException()));
  }

  @Test
  void dueNotificationIsDeliveredAndMarkedDelivered() {
    Notification n = add();

    Pass pass = dispatcher(NO_JITTER, 10).dispatchDue();

    assertEquals(new Pass(1, 1, 0), pass);
    assertEquals(State.DELIVERED, outbox.byId(n.id()).orElseThrow().state());
    assertEquals(1, notifier.deliveries(n));
    assertEquals(0, outbox.undelivered());
    assertEquals(new Pass(0, 0, 0), dispatcher(NO_JITTER, 10).dispatchDue());
    assertEquals(1, notifier.attempts(n));
  }

  @Test
  void failedDeliveryIsRetriedAfterTheBackoffAndNotBefore() {
    Notification n = add();
    notifier.failing.add(n.id());
    NotificationDispatcher dispatcher = dispatcher(NO_JITTER, 10);

    assertEquals(new Pass(1, 0, 0), dispatcher.dispatchDue());
    OutboxEntry failedOnce = outbox.byId(n.id()).orElseThrow();
    assertEquals(State.PENDING, failedOnce.state());
    assertEquals(1, failedOnce.attempts());
    assertEquals(T0.plusSeconds(10), failedOnce.nextAttemptAt());
    assertTrue(failedOnce.lastError().orElseThrow().contains("SMTP 451"));

    clock.advance(Duration.ofSeconds(9));
    assertEquals(0, dispatcher.dispatchDue().claimed());
    assertEquals(1, notifier.attempts(n));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(new Pass(1, 0, 0), dispatcher.dispatchDue());
    OutboxEntry failedTwice = outbox.byId(n.id()).orElseThrow();
    assertEquals(2, failedTwice.attempts());
    assertEquals(clock.instant().plusSeconds(20), failedTwice.nextAttemptAt());

    clock.advance(Duration.ofSeconds(19));
    assertEquals(0, dispatcher.dispatchDue().claimed());
    notifier.failing.remove(n.id());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(new Pass(1, 1, 0), dispatcher.dispatchDue());
    assertEquals(3, notifier.attempts(n));
    assertEquals(1, notifier.deliveries(n));
    OutboxEntry delivered = outbox.byId(n.id()).orElseThrow();
    assertEquals(State.DELIVERED, delivered.state());
    assertEquals(2, delivered.attempts());
  }

  @Test
  void retryIsScheduledFromWhenTheAttemptEnded() {
    Notification n = add();
    notifier.failing.add(n.id());
    notifier.takes = Duration.ofSeconds(30);

    dispatcher(NO_JITTER, 10).dispatchDue();

    assertEquals(T0.plusSeconds(40), outbox.byId(n.id()).orElseThrow().nextAttemptAt());
  }

  @Test
  void jitterDrawnFromTheRandomSourceShortensTheBackoff() {
    Notification n = add();
    notifier.failing.add(n.id());
    RetryPolicy halfJitter =
        new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.5);

    dispatcher(halfJitter, 10, () -> 0.5).dispatchDue();

    assertEquals(T0.plusMillis(7_500), outbox.byId(n.id()).orElseThrow().nextAttemptAt());
  }

  @Test
  void notificationIsDeadLetteredAfterMaxAttemptsFailures() {
    Notification n = add();
    Notification healthy = add();
    notifier.failing.add(n.id());
    NotificationDispatcher dispatcher = dispatcher(NO_JITTER, 10);

    assertEquals(new Pass(2, 1, 0), dispatcher.dispatchDue());
    clock.advance(Duration.ofMinutes(10));
    assertEquals(new Pass(1, 0, 0), dispatcher.dispatchDue());
    assertEquals(List.of(), outbox.deadLetters(10));
    clock.advance(Duration.ofMinutes(10));
    assertEquals(new Pass(1, 0, 1), dispatcher.dispatchDue());

    OutboxEntry dead = outbox.byId(n.id()).orElseThrow();
    assertEquals(State.DEAD, dead.state());
    assertEquals(3, dead.attempts());
    assertTrue(dead.lastError().orElseThrow().contains("SMTP 451"));
    assertEquals(List.of(dead), outbox.deadLetters(10));
    assertEquals(0, outbox.undelivered());
    clock.advance(Duration.ofDays(1));
    assertEquals(new Pass(0, 0, 0), dispatcher.dispatchDue());
    assertEquals(3, notifier.attempts(n));
    assertEquals(1, notifier.deliveries(healthy));
  }

  @Test
  void policyOfOneAttemptDeadLettersOnTheFirstFailure() {
    Notification n = add();
    notifier.failing.add(n.id());
    RetryPolicy once = new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.0);

    assertEquals(new Pass(1, 0, 1), dispatcher(once, 10).dispatchDue());

    assertEquals(State.DEAD, outbox.byId(n.id()).orElseThrow().state());
    assertEquals(1, outbox.byId(n.id()).orElseThrow().attempts());
  }

  @Test
  void notifierThatFailsTheWholeBatchFailsEveryEntry() {
    List<Notification> batch = List.of(add(), add(), add());
    notifier.down = true;
    NotificationDispatcher dispatcher = dispatcher(NO_JITTER, 10);

    assertEquals(new Pass(3, 0, 0), dispatcher.dispatchDue());

    for (Notification n : batch) {
      OutboxEntry entry = outbox.byId(n.id()).orElseThrow();
      assertEquals(State.PENDING, entry.state());
      assertEquals(1, entry.attempts());
      assertEquals(T0.plusSeconds(10), entry.nextAttemptAt());
      assertTrue(entry.lastError().orElseThrow().contains("connection refused"));
    }
    notifier.down = false;
    clock.advance(Duration.ofSeconds(10));
    assertEquals(new Pass(3, 3, 0), dispatcher.dispatchDue());
  }

  @Test
  void oneFailureInABatchDoesNotHoldBackTheOthers() {
    Notification first = add();
    Notification failing = add();
    Notification last = add();
    notifier.failing.add(failing.id());

    assertEquals(new Pass(3, 2, 0), dispatcher(NO_JITTER, 10).dispatchDue());

    assertEquals(State.DELIVERED, outbox.byId(first.id()).orElseThrow().state());
    assertEquals(State.DELIVERED, outbox.byId(last.id()).orElseThrow().state());
    assertEquals(State.PENDING, outbox.byId(failing.id()).orElseThrow().state());
    assertEquals(1, outbox.byId(failing.id()).orElseThrow().attempts());
  }

  @Test
  void deliveriesAreAcknowledgedInGroupsOfTheWindowAndAtTheEndOfTheBatch() {
    IntStream.range(0, 25).forEach(i -> add());
    GroupCountingOutbox counting = new GroupCountingOutbox(outbox);
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            counting,
            notifier,
            clock,
            NO_JITTER,
            100,
            LEASE,
            new AckWindow(10, Duration.ofHours(1)),
            () -> 0.0);

    assertEquals(new Pass(25, 25, 0), dispatcher.dispatchDue());

    assertEquals(List.of(10, 10, 5), counting.groups);
    assertEquals(0, outbox.undelivered());
  }

  @Test
  void aGroupIsAcknowledgedOnceItsFirstDeliveryIsMaxDelayOld() {
    IntStream.range(0, 10).forEach(i -> add());
    notifier.takes = Duration.ofMillis(200);
    GroupCountingOutbox counting = new GroupCountingOutbox(outbox);
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            counting,
            notifier,
            clock,
            NO_JITTER,
            100,
            LEASE,
            new AckWindow(10, Duration.ofMillis(500)),
            () -> 0.0);

    dispatcher.dispatchDue();

    // Deliveries end 200 ms apart: a group's fourth comes 600 ms after its first.
    assertEquals(List.of(4, 4, 2), counting.groups);
  }

  @Test
  void aDispatcherThatDiesMidBatchLeavesAtMostOneGroupToBeSentAgainAfterTheLease() {
    List<Notification> all = IntStream.range(0, 100).mapToObj(i -> add()).toList();
    Notifier dying =
        new Notifier() {
          private int sent;

          @Override
          public void deliver(Notification n) {
            if (sent == 37) {
              // An Error is not a failed delivery: like a killed process, it records nothing.
              throw new OutOfMemoryError("simulated death after 37 mails");
            }
            sent++;
            notifier.deliver(n);
          }
        };
    NotificationDispatcher first =
        new NotificationDispatcher(
            outbox, dying, clock, NO_JITTER, 100, LEASE, AckWindow.DEFAULT, () -> 0.0);
    try {
      first.dispatchDue();
    } catch (OutOfMemoryError expected) {
      // the dispatcher died
    }
    assertEquals(
        30,
        all.stream()
            .filter(n -> outbox.byId(n.id()).orElseThrow().state() == State.DELIVERED)
            .count(),
        "three groups of ten were acknowledged");

    NotificationDispatcher second = dispatcher(NO_JITTER, 100);
    assertEquals(0, second.dispatchAllDue(), "nothing is due before the lease ends");
    clock.advance(LEASE);
    assertEquals(70, second.dispatchAllDue());

    int resent = notifier.totalDeliveries() - all.size();
    assertEquals(7, resent, "the unacknowledged tail of the last group");
    assertTrue(resent <= AckWindow.DEFAULT.maxMessages());
    assertEquals(0, outbox.undelivered());
  }

  @Test
  void anOutboxThatCannotRecordDeliveriesFailsThePassWithoutCountingThemFailed() {
    Notification n = add();
    Outbox broken =
        new GroupCountingOutbox(outbox) {
          @Override
          public int delivered(java.util.Collection<NotificationId> ids, String owner) {
            throw new IllegalStateException("database down");
          }
        };
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            broken,
            notifier,
            clock,
            NO_JITTER,
            10,
            LEASE,
            new AckWindow(1, Duration.ZERO),
            () -> 0);

    IllegalStateException e = assertThrows(IllegalStateException.class, dispatcher::dispatchDue);

    assertEquals("database down", e.getMessage());
    OutboxEntry entry = outbox.byId(n.id()).orElseThrow();
    assertEquals(State.CLAIMED, entry.state(), "sent again after the lease, not counted failed");
    assertEquals(0, entry.attempts());
  }

  @Test
  void aNotifierThatReportsNothingFailsTheUnreportedEntries() {
    Notification n = add();
    Notifier silent =
        new Notifier() {
          @Override
          public void deliver(Notification notification) {}

          @Override
          public void deliverEach(List<Notification> batch, Outcomes outcomes) {}
        };
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            outbox, silent, clock, NO_JITTER, 10, LEASE, AckWindow.DEFAULT, () -> 0);

    assertEquals(new Pass(1, 0, 0), dispatcher.dispatchDue());

    OutboxEntry entry = outbox.byId(n.id()).orElseThrow();
    assertEquals(State.PENDING, entry.state());
    assertTrue(entry.lastError().orElseThrow().contains("did not report"));
  }

  @Test
  void theAckWindowNamesTheFieldItRejects() {
    assertEquals(
        "maxMessages",
        assertThrows(ValidationException.class, () -> new AckWindow(0, Duration.ZERO)).field());
    assertEquals(
        "maxDelay",
        assertThrows(ValidationException.class, () -> new AckWindow(1, Duration.ofMillis(-1)))
            .field());
    assertEquals(
        "maxDelay", assertThrows(ValidationException.class, () -> new AckWindow(1, null)).field());
  }

  @Test
  void passClaimsAtMostOneBatchAndDispatchAllDueRunsUntilNothingIsLeft() {
    IntStream.range(0, 10).forEach(i -> add());
    NotificationDispatcher dispatcher = dispatcher(NO_JITTER, 3);

    assertEquals(new Pass(3, 3, 0), dispatcher.dispatchDue());
    assertEquals(7, dispatcher.dispatchAllDue());

    assertEquals(0, outbox.undelivered());
    assertEquals(10, notifier.totalDeliveries());
  }

  @Test
  void dispatchAllDueDoesNotRetryWhatFailedInTheSameRun() {
    Notification failing = add();
    IntStream.range(0, 5).forEach(i -> add());
    notifier.failing.add(failing.id());

    assertEquals(5, dispatcher(NO_JITTER, 2).dispatchAllDue());

    assertEquals(1, notifier.attempts(failing));
    assertEquals(1, outbox.undelivered());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoDispatchersSharingAnOutboxNeverDeliverANotificationTwice() throws Exception {
    int count = 2_000;
    List<Notification> all = IntStream.range(0, count).mapToObj(i -> add()).toList();
    // Every tenth notification fails its first attempt, so retries race as well.
    for (int i = 0; i < count; i += 10) {
      notifier.failOnce.add(all.get(i).id());
    }
    List<NotificationDispatcher> dispatchers =
        List.of(dispatcher(NO_JITTER, 20), dispatcher(NO_JITTER, 20));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int delivered = runUntilNothingIsDue(pool, dispatchers);
      clock.advance(Duration.ofMinutes(1));
      delivered += runUntilNothingIsDue(pool, dispatchers);

      assertEquals(count, delivered);
    } finally {
      pool.shutdownNow();
    }
    for (Notification n : all) {
      assertEquals(1, notifier.deliveries(n), "deliveries of " + n.id());
      assertEquals(State.DELIVERED, outbox.byId(n.id()).orElseThrow().state());
    }
    assertEquals(0, outbox.undelivered());
  }

  private static int runUntilNothingIsDue(
      ExecutorService pool, List<NotificationDispatcher> dispatchers) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (NotificationDispatcher d : dispatchers) {
      runs.add(
          pool.submit(
              () -> {
                go.await();
                int delivered = 0;
                Pass pass;
                while ((pass = d.dispatchDue()).claimed() > 0) {
                  delivered += pass.delivered();
                }
                return delivered;
              }));
    }
    go.countDown();
    int delivered = 0;
    for (Future<Integer> run : runs) {
      delivered += run.get(30, TimeUnit.SECONDS);
    }
    return delivered;
  }

  @Test
  void anUndeliverableNotificationIsDeadLetteredWithoutRetrying() {
    Notification poisoned = add();
    Notification healthy = add();
    java.util.List<Notification> delivered = new java.util.ArrayList<>();
    Notifier refusing =
        n -> {
          if (n.id().equals(poisoned.id())) {
            throw new UndeliverableException("header 'subject' must not contain CR");
          }
          delivered.add(n);
        };
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            outbox, refusing, clock, NO_JITTER, 10, LEASE, AckWindow.DEFAULT, () -> 0);

    assertEquals(new Pass(2, 1, 1), dispatcher.dispatchDue());
    OutboxEntry dead = outbox.byId(poisoned.id()).orElseThrow();
    assertEquals(State.DEAD, dead.state());
    assertEquals(1, dead.attempts());
    assertTrue(dead.lastError().orElseThrow().contains("must not contain CR"));
    assertEquals(List.of(healthy), delivered);
  }

  private Notification add() {
    Notification n = notification(T0);
    outbox.add(List.of(n));
    return n;
  }

  private NotificationDispatcher dispatcher(RetryPolicy policy, int batchSize) {
    return dispatcher(policy, batchSize, () -> 0.0);
  }

  private NotificationDispatcher dispatcher(
      RetryPolicy policy, int batchSize, DoubleSupplier random) {
    return new NotificationDispatcher(
        outbox, notifier, clock, policy, batchSize, LEASE, AckWindow.DEFAULT, random);
  }

  /** Delivers by counting, and fails the notifications it is told to. Thread-safe. */
  private static final class FakeNotifier implements Notifier {
    private final SettableClock clock;
    private final Map<NotificationId, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<NotificationId, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final Set<NotificationId> failing = ConcurrentHashMap.newKeySet();
    final Set<NotificationId> failOnce = ConcurrentHashMap.newKeySet();
    volatile boolean down;
    volatile Duration takes = Duration.ZERO;

    FakeNotifier(SettableClock clock) {
      this.clock = clock;
    }

    @Override
    public void deliverEach(List<Notification> batch, Outcomes outcomes) {
      if (down) {
        throw new UncheckedIOException(new IOException("connection refused"));
      }
      Notifier.super.deliverEach(batch, outcomes);
    }

    @Override
    public void deliver(Notification notification) {
      NotificationId id = notification.id();
      attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      if (!takes.isZero()) {
        clock.advance(takes);
      }
      if (failing.contains(id) || failOnce.remove(id)) {
        throw new IllegalStateException("SMTP 451 temporary failure for " + id);
      }
      deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    int attempts(Notification n) {
      AtomicInteger a = attempts.get(n.id());
      return a == null ? 0 : a.get();
    }

    int deliveries(Notification n) {
      AtomicInteger d = deliveries.get(n.id());
      return d == null ? 0 : d.get();
    }

    int totalDeliveries() {
      return deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  /** Passes every call on, and keeps the size of each group marked delivered. */
  private static class GroupCountingOutbox implements Outbox {
    private final Outbox real;
    final List<Integer> groups = new ArrayList<>();

    GroupCountingOutbox(Outbox real) {
      this.real = real;
    }

    @Override
    public void add(List<Notification> notifications) {
      real.add(notifications);
    }

    @Override
    public List<OutboxEntry> claim(java.time.Instant now, int max, Duration lease, String owner) {
      return real.claim(now, max, lease, owner);
    }

    @Override
    public int delivered(java.util.Collection<NotificationId> ids, String owner) {
      groups.add(ids.size());
      return real.delivered(ids, owner);
    }

    @Override
    public void retryLater(
        NotificationId id, String owner, java.time.Instant notBefore, String error) {
      real.retryLater(id, owner, notBefore, error);
    }

    @Override
    public void deadLetter(NotificationId id, String owner, String error) {
      real.deadLetter(id, owner, error);
    }

    @Override
    public boolean redeliver(NotificationId id, java.time.Instant notBefore) {
      return real.redeliver(id, notBefore);
    }

    @Override
    public java.util.Optional<OutboxEntry> byId(NotificationId id) {
      return real.byId(id);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
      return real.deadLetters(limit);
    }

    @Override
    public long undelivered() {
      return real.undelivered();
    }

    @Override
    public int erase(dev.helpdesk.notification.OutboxErasure erasure) {
      return real.erase(erasure);
    }
  }
}
