package dev.helpdesk.internal.notification;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static dev.helpdesk.contract.ContractFixtures.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.internal.notification.NotificationDispatcher.Pass;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Notifier;
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
        new NotificationDispatcher(outbox, refusing, clock, NO_JITTER, 10, LEASE, () -> 0);

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
    return new NotificationDispatcher(outbox, notifier, clock, policy, batchSize, LEASE, random);
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
    public Map<NotificationId, RuntimeException> deliverAll(List<Notification> batch) {
      if (down) {
        throw new UncheckedIOException(new IOException("connection refused"));
      }
      return Notifier.super.deliverAll(batch);
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
}
