package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static dev.helpdesk.contract.ContractFixtures.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.OutboxEntry.State;
import dev.helpdesk.notification.OutboxErasure;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Outbox} adapter must do: the claim, lease, retry and dead-letter rules that let
 * several dispatchers share one outbox without delivering a notification twice.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #outbox()}:
 *
 * <pre>{@code
 * class JpaOutboxTest extends OutboxContract {
 *   protected Outbox outbox() { return JpaStore.freshH2().outbox(); }
 * }
 * }</pre>
 *
 * <p>The suite calls {@link #outbox()} once before each test. It passes every instant explicitly
 * (the outbox must not read a clock of its own), all of them whole seconds.
 */
public abstract class OutboxContract {

  /** An outbox holding no entries, fresh for the current test. */
  protected abstract Outbox outbox();

  private static final Duration LEASE = Duration.ofMinutes(5);

  private Outbox box;

  @BeforeEach
  void createOutbox() {
    box = outbox();
  }

  @Test
  void addedNotificationsArePendingWithNoAttempts() {
    Notification a = notification(T0);
    Notification b = notification(T0);

    box.add(List.of(a, b));

    for (Notification n : List.of(a, b)) {
      OutboxEntry entry = box.byId(n.id()).orElseThrow();
      assertEquals(n, entry.notification());
      assertEquals(State.PENDING, entry.state());
      assertEquals(0, entry.attempts());
      assertEquals(Optional.empty(), entry.lastError());
    }
    assertEquals(2, box.undelivered());
  }

  @Test
  void addingTheSameNotificationAgainDoesNotDuplicateIt() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a));

    box.add(List.of(a, b));

    assertEquals(2, box.undelivered());
    List<OutboxEntry> claimed = box.claim(T0, 10, LEASE, "d1");
    assertEquals(List.of(a.id(), b.id()), ids(claimed));
  }

  @Test
  void addingADeliveredNotificationAgainDoesNotMakeItDeliverableAgain() {
    Notification a = notification(T0);
    box.add(List.of(a));
    box.claim(T0, 10, LEASE, "d1");
    box.delivered(a.id(), "d1");

    box.add(List.of(a));

    assertEquals(State.DELIVERED, box.byId(a.id()).orElseThrow().state());
    assertEquals(0, box.undelivered());
    assertEquals(List.of(), box.claim(T0.plusSeconds(1), 10, LEASE, "d2"));
  }

  @Test
  void claimLeasesEntriesToTheOwnerUntilNowPlusLease() {
    Notification a = notification(T0);
    box.add(List.of(a));
    Instant now = T0.plusSeconds(30);

    List<OutboxEntry> claimed = box.claim(now, 10, LEASE, "d1");

    assertEquals(1, claimed.size());
    OutboxEntry entry = claimed.get(0);
    assertEquals(a, entry.notification());
    assertEquals(State.CLAIMED, entry.state());
    assertEquals(0, entry.attempts());
    assertEquals(now.plus(LEASE), entry.nextAttemptAt());
    assertEquals(entry, box.byId(a.id()).orElseThrow());
    assertEquals(1, box.undelivered(), "a claimed entry is still undelivered");
  }

  @Test
  void claimHandsOutAtMostMaxEntries() {
    box.add(notifications(5, T0));

    List<OutboxEntry> first = box.claim(T0, 2, LEASE, "d1");
    List<OutboxEntry> rest = box.claim(T0, 10, LEASE, "d2");

    assertEquals(2, first.size());
    assertEquals(3, rest.size());
    assertTrue(ids(rest).stream().noneMatch(ids(first)::contains));
    assertEquals(List.of(), box.claim(T0, 10, LEASE, "d3"));
  }

  @Test
  void claimReturnsTheOldestDueFirst() {
    Notification second = notification(T0.plusSeconds(20));
    Notification third = notification(T0.plusSeconds(30));
    Notification first = notification(T0.plusSeconds(10));
    box.add(List.of(second, third));
    box.add(List.of(first));

    assertEquals(List.of(first.id()), ids(box.claim(T0.plusSeconds(60), 1, LEASE, "d1")));
    assertEquals(
        List.of(second.id(), third.id()), ids(box.claim(T0.plusSeconds(60), 10, LEASE, "d1")));
  }

  @Test
  void claimOrdersRetriedEntriesByWhenTheyAreDueAgain() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    Notification c = notification(T0);
    box.add(List.of(a, b, c));
    box.claim(T0, 10, LEASE, "d1");
    box.retryLater(a.id(), "d1", T0.plusSeconds(300), "timeout");
    box.retryLater(b.id(), "d1", T0.plusSeconds(100), "timeout");
    box.retryLater(c.id(), "d1", T0.plusSeconds(200), "timeout");

    assertEquals(
        List.of(b.id(), c.id(), a.id()), ids(box.claim(T0.plusSeconds(400), 10, LEASE, "d2")));
  }

  @Test
  void claimTakesOnlyWhatIsDueAtNow() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a, b));
    box.claim(T0, 10, LEASE, "d1");
    box.retryLater(a.id(), "d1", T0.plusSeconds(60), "timeout");
    box.retryLater(b.id(), "d1", T0.plusSeconds(120), "timeout");

    assertEquals(List.of(), box.claim(T0.plusSeconds(59), 10, LEASE, "d2"));
    assertEquals(List.of(a.id()), ids(box.claim(T0.plusSeconds(60), 10, LEASE, "d2")));
    assertEquals(List.of(), box.claim(T0.plusSeconds(61), 10, LEASE, "d2"));
    assertEquals(List.of(b.id()), ids(box.claim(T0.plusSeconds(125), 10, LEASE, "d2")));
  }

  @Test
  void claimedEntryIsNotClaimableAgainBeforeItsLeaseExpires() {
    Notification a = notification(T0);
    box.add(List.of(a));
    box.claim(T0, 10, Duration.ofSeconds(30), "d1");

    assertEquals(List.of(), box.claim(T0, 10, LEASE, "d2"));
    assertEquals(List.of(), box.claim(T0.plusSeconds(29), 10, LEASE, "d2"));
    assertEquals(List.of(), box.claim(T0.plusSeconds(29), 10, LEASE, "d1"));
  }

  @Test
  void entryWhoseLeaseExpiredCanBeClaimedByAnotherOwnerAndTheFirstOwnerIsThenIgnored() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    Notification c = notification(T0);
    box.add(List.of(a, b, c));
    box.claim(T0, 10, Duration.ofSeconds(30), "crashed");

    List<OutboxEntry> taken = box.claim(T0.plusSeconds(31), 10, LEASE, "d2");

    assertEquals(List.of(a.id(), b.id(), c.id()), ids(taken));
    assertEquals(T0.plusSeconds(31).plus(LEASE), taken.get(0).nextAttemptAt());
    box.delivered(a.id(), "crashed");
    box.retryLater(b.id(), "crashed", T0, "late failure");
    box.deadLetter(c.id(), "crashed", "late give-up");
    for (Notification n : List.of(a, b, c)) {
      OutboxEntry entry = box.byId(n.id()).orElseThrow();
      assertEquals(State.CLAIMED, entry.state());
      assertEquals(0, entry.attempts());
      assertEquals(Optional.empty(), entry.lastError());
    }
    assertEquals(List.of(), box.deadLetters(10));
    box.delivered(a.id(), "d2");
    assertEquals(State.DELIVERED, box.byId(a.id()).orElseThrow().state());
  }

  @Test
  void deliveredEntryIsKeptButNeitherUndeliveredNorClaimable() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a, b));
    box.claim(T0, 10, LEASE, "d1");

    box.delivered(a.id(), "d1");

    OutboxEntry entry = box.byId(a.id()).orElseThrow();
    assertEquals(State.DELIVERED, entry.state());
    assertEquals(a, entry.notification());
    assertEquals(1, box.undelivered());
    assertEquals(List.of(b.id()), ids(box.claim(T0.plus(Duration.ofDays(1)), 10, LEASE, "d2")));
  }

  @Test
  void aGroupIsMarkedDeliveredInOneCallExceptWhatItsOwnerDoesNotHold() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    Notification c = notification(T0);
    box.add(List.of(a, b, c));
    box.claim(T0, 10, LEASE, "d1");
    Notification others = notification(T0);
    Notification pending = notification(T0);
    box.add(List.of(others));
    box.claim(T0, 10, LEASE, "d2");
    box.add(List.of(pending));
    NotificationId unknown = notification(T0).id();

    int marked = box.delivered(List.of(a.id(), b.id(), others.id(), pending.id(), unknown), "d1");

    assertEquals(2, marked);
    assertEquals(State.DELIVERED, box.byId(a.id()).orElseThrow().state());
    assertEquals(State.DELIVERED, box.byId(b.id()).orElseThrow().state());
    assertEquals(State.CLAIMED, box.byId(c.id()).orElseThrow().state());
    assertEquals(State.CLAIMED, box.byId(others.id()).orElseThrow().state());
    assertEquals(State.PENDING, box.byId(pending.id()).orElseThrow().state());
    assertEquals(Optional.empty(), box.byId(unknown));
    assertEquals(3, box.undelivered());
    assertEquals(0, box.delivered(List.of(a.id(), b.id()), "d1"), "already delivered");
    assertEquals(0, box.delivered(List.of(), "d1"));
  }

  @Test
  void aGroupWhoseLeaseWasTakenOverChangesNothing() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a, b));
    box.claim(T0, 10, Duration.ofSeconds(30), "crashed");
    box.claim(T0.plusSeconds(30), 10, LEASE, "d2");

    assertEquals(0, box.delivered(List.of(a.id(), b.id()), "crashed"));

    assertEquals(State.CLAIMED, box.byId(a.id()).orElseThrow().state());
    assertEquals(2, box.delivered(List.of(a.id(), b.id()), "d2"));
    assertEquals(0, box.undelivered());
  }

  @Test
  void aLargeGroupIsMarkedDelivered() {
    List<Notification> many = IntStream.range(0, 500).mapToObj(i -> notification(T0)).toList();
    box.add(many);
    assertEquals(500, box.claim(T0, 500, LEASE, "d1").size());

    assertEquals(500, box.delivered(many.stream().map(Notification::id).toList(), "d1"));

    assertEquals(0, box.undelivered());
  }

  @Test
  void outcomesAreIgnoredForEntriesTheOwnerHasNotClaimed() {
    Notification pending = notification(T0);
    Notification othersClaim = notification(T0);
    box.add(List.of(othersClaim));
    box.claim(T0, 10, LEASE, "d1");
    box.add(List.of(pending));

    for (Notification n : List.of(pending, othersClaim)) {
      box.delivered(n.id(), "d2");
      box.retryLater(n.id(), "d2", T0.plusSeconds(600), "boom");
      box.deadLetter(n.id(), "d2", "boom");
    }

    assertEquals(State.PENDING, box.byId(pending.id()).orElseThrow().state());
    assertEquals(State.CLAIMED, box.byId(othersClaim.id()).orElseThrow().state());
    assertEquals(0, box.byId(pending.id()).orElseThrow().attempts());
    assertEquals(0, box.byId(othersClaim.id()).orElseThrow().attempts());
    assertEquals(2, box.undelivered());
    assertEquals(List.of(), box.deadLetters(10));
  }

  @Test
  void deliveredTwiceByItsOwnerStaysDelivered() {
    Notification a = notification(T0);
    box.add(List.of(a));
    box.claim(T0, 10, LEASE, "d1");
    box.delivered(a.id(), "d1");

    box.delivered(a.id(), "d1");
    box.retryLater(a.id(), "d1", T0, "too late");
    box.deadLetter(a.id(), "d1", "too late");

    assertEquals(State.DELIVERED, box.byId(a.id()).orElseThrow().state());
    assertEquals(List.of(), box.deadLetters(10));
  }

  @Test
  void retryLaterCountsTheAttemptKeepsTheErrorAndKeepsAttemptsAcrossClaims() {
    Notification a = notification(T0);
    box.add(List.of(a));
    box.claim(T0, 10, LEASE, "d1");

    box.retryLater(a.id(), "d1", T0.plusSeconds(10), "SMTP 451");

    OutboxEntry once = box.byId(a.id()).orElseThrow();
    assertEquals(State.PENDING, once.state());
    assertEquals(1, once.attempts());
    assertEquals(T0.plusSeconds(10), once.nextAttemptAt());
    assertEquals(Optional.of("SMTP 451"), once.lastError());
    assertEquals(1, box.undelivered());

    OutboxEntry reclaimed = box.claim(T0.plusSeconds(10), 10, LEASE, "d2").get(0);
    assertEquals(1, reclaimed.attempts());
    assertEquals(Optional.of("SMTP 451"), reclaimed.lastError());
    box.retryLater(a.id(), "d2", T0.plusSeconds(30), "SMTP 421");

    OutboxEntry twice = box.byId(a.id()).orElseThrow();
    assertEquals(2, twice.attempts());
    assertEquals(Optional.of("SMTP 421"), twice.lastError());
  }

  @Test
  void deadLetteredEntryIsGivenUpOnAndListed() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a, b));
    box.claim(T0, 10, LEASE, "d1");
    box.delivered(b.id(), "d1");
    box.retryLater(a.id(), "d1", T0.plusSeconds(10), "first");
    box.claim(T0.plusSeconds(10), 10, LEASE, "d1");

    box.deadLetter(a.id(), "d1", "mailbox does not exist");

    OutboxEntry dead = box.byId(a.id()).orElseThrow();
    assertEquals(State.DEAD, dead.state());
    assertEquals(2, dead.attempts());
    assertEquals(Optional.of("mailbox does not exist"), dead.lastError());
    assertEquals(List.of(dead), box.deadLetters(10));
    assertEquals(0, box.undelivered());
    assertEquals(List.of(), box.claim(T0.plus(Duration.ofDays(30)), 10, LEASE, "d2"));
  }

  @Test
  void aRedeliveredDeadEntryIsPendingAgainWithItsIdItsLastErrorAndNoAttempts() {
    Notification a = notification(T0);
    Notification b = notification(T0);
    box.add(List.of(a, b));
    box.claim(T0, 10, LEASE, "d1");
    box.retryLater(a.id(), "d1", T0.plusSeconds(10), "HTTP 500");
    box.claim(T0.plusSeconds(10), 10, LEASE, "d1");
    box.deadLetter(a.id(), "d1", "HTTP 503");

    assertTrue(box.redeliver(a.id(), T0.plusSeconds(60)));

    OutboxEntry again = box.byId(a.id()).orElseThrow();
    assertEquals(a, again.notification());
    assertEquals(State.PENDING, again.state());
    assertEquals(0, again.attempts());
    assertEquals(T0.plusSeconds(60), again.nextAttemptAt());
    assertEquals(Optional.of("HTTP 503"), again.lastError());
    assertEquals(List.of(), box.deadLetters(10));
    assertEquals(2, box.undelivered());
    // b is still leased to d1 until T0 + 5 min; a is due from T0 + 60 s.
    assertEquals(List.of(), box.claim(T0.plusSeconds(59), 10, LEASE, "d2"));
    assertEquals(List.of(a.id()), ids(box.claim(T0.plusSeconds(60), 10, LEASE, "d2")));
    box.delivered(a.id(), "d2");
    assertEquals(State.DELIVERED, box.byId(a.id()).orElseThrow().state());
  }

  @Test
  void onlyDeadEntriesAreRedelivered() {
    Notification pending = notification(T0);
    Notification claimed = notification(T0);
    Notification delivered = notification(T0);
    box.add(List.of(claimed, delivered));
    box.claim(T0, 10, LEASE, "d1");
    box.delivered(delivered.id(), "d1");
    box.add(List.of(pending));

    assertFalse(box.redeliver(pending.id(), T0.plusSeconds(60)));
    assertFalse(box.redeliver(claimed.id(), T0.plusSeconds(60)));
    assertFalse(box.redeliver(delivered.id(), T0.plusSeconds(60)));
    assertFalse(box.redeliver(NotificationId.random(), T0.plusSeconds(60)));

    assertEquals(State.PENDING, box.byId(pending.id()).orElseThrow().state());
    assertEquals(T0, box.byId(pending.id()).orElseThrow().nextAttemptAt());
    assertEquals(State.CLAIMED, box.byId(claimed.id()).orElseThrow().state());
    assertEquals(State.DELIVERED, box.byId(delivered.id()).orElseThrow().state());
    assertEquals(Optional.empty(), box.byId(NotificationId.random()));
  }

  @Test
  void deadLettersAreListedOldestFirstUpToTheLimit() {
    Notification oldest = notification(T0);
    Notification middle = notification(T0.plusSeconds(1));
    Notification newest = notification(T0.plusSeconds(2));
    Notification alive = notification(T0.plusSeconds(3));
    box.add(List.of(oldest, middle, newest, alive));
    box.claim(T0.plusSeconds(5), 10, LEASE, "d1");
    box.deadLetter(newest.id(), "d1", "given up");
    box.deadLetter(oldest.id(), "d1", "given up");
    box.deadLetter(middle.id(), "d1", "given up");

    assertEquals(List.of(oldest.id(), middle.id(), newest.id()), ids(box.deadLetters(10)));
    assertEquals(List.of(oldest.id(), middle.id()), ids(box.deadLetters(2)));
  }

  @Test
  void unknownIdsAreEmptyAndTheirOutcomesAreIgnored() {
    NotificationId unknown = NotificationId.random();

    box.delivered(unknown, "d1");
    box.retryLater(unknown, "d1", T0, "boom");
    box.deadLetter(unknown, "d1", "boom");

    assertEquals(Optional.empty(), box.byId(unknown));
    assertEquals(List.of(), box.deadLetters(10));
    assertEquals(0, box.undelivered());
    assertEquals(List.of(), box.claim(T0, 10, LEASE, "d1"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentClaimantsEachGetDistinctEntriesAndTogetherGetThemAll() throws Exception {
    int entries = 1_000;
    int claimants = 6;
    box.add(notifications(entries, T0));
    Map<NotificationId, AtomicInteger> handedOut = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(claimants);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> claimed = new ArrayList<>();
      for (int i = 0; i < claimants; i++) {
        String owner = "d" + i;
        claimed.add(
            pool.submit(
                () -> {
                  go.await();
                  int mine = 0;
                  List<OutboxEntry> batch;
                  while (!(batch = box.claim(T0.plusSeconds(1), 7, Duration.ofHours(1), owner))
                      .isEmpty()) {
                    for (OutboxEntry e : batch) {
                      handedOut
                          .computeIfAbsent(e.notification().id(), k -> new AtomicInteger())
                          .incrementAndGet();
                      if (mine % 2 == 0) {
                        box.delivered(e.notification().id(), owner);
                      }
                      mine++;
                    }
                  }
                  return mine;
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : claimed) {
        total += f.get(30, TimeUnit.SECONDS);
      }

      assertEquals(entries, total);
      assertEquals(entries, handedOut.size());
      assertTrue(
          handedOut.values().stream().allMatch(n -> n.get() == 1),
          "some entries were handed out more than once");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentClaimantsNeverShareAnEntryWhenCompanionsAreTakenToo() throws Exception {
    int keys = 12;
    int perKey = 40;
    Duration window = Duration.ofSeconds(60);
    List<Notification> all = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      TicketId ticket = TicketId.random();
      for (int i = 0; i < perKey; i++) {
        // Every 5 s: a window holds about a dozen, and some are not due at the claim's instant.
        all.add(held(ticket, "k" + k + "@example.com", T0.plusSeconds(5L * i), window));
      }
    }
    box.add(all);
    int claimants = 6;
    Instant now = T0.plusSeconds(5L * perKey);
    Map<NotificationId, AtomicInteger> handedOut = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(claimants);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < claimants; i++) {
        String owner = "d" + i;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  List<OutboxEntry> batch;
                  while (!(batch = box.claim(now, 3, Duration.ofHours(1), owner)).isEmpty()) {
                    for (OutboxEntry e : batch) {
                      handedOut
                          .computeIfAbsent(e.notification().id(), x -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertTrue(
          handedOut.values().stream().allMatch(n -> n.get() == 1),
          "some entries were handed out more than once");
      long due = all.stream().filter(n -> !n.notBefore().isAfter(now)).count();
      assertTrue(handedOut.size() >= due, "every due entry was claimed: " + handedOut.size());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Notification> notifications(int count, Instant createdAt) {
    return IntStream.range(0, count).mapToObj(i -> notification(createdAt)).toList();
  }

  private static List<NotificationId> ids(List<OutboxEntry> entries) {
    return entries.stream().map(e -> e.notification().id()).toList();
  }

  @Test
  void anEraseDropsUndeliveredMailToTheCustomerAndRewritesTheRestOfTheTicketsEntries() {
    Outbox outbox = outbox();
    TicketId ticket = TicketId.random();
    TicketKey key = new TicketKey("HD-77");
    EmailAddress ana = EmailAddress.of("ana@example.com");
    Notification toAna = notification(ticket, key, T0);
    Notification delivered = notification(ticket, key, T0.plusSeconds(1));
    Notification toAgent =
        new Notification(
            NotificationId.random(),
            NotificationKind.TICKET_ASSIGNED,
            new Recipient("Bea", EmailAddress.of("bea@desk.example")),
            ticket,
            key,
            "Refund for booking B-17",
            Map.of(Notification.BODY, "Ana Lima wrote", Notification.STATUS, "OPEN"),
            T0.plusSeconds(2));
    Notification otherTicket = notification(T0.plusSeconds(3));
    outbox.add(List.of(toAna, delivered, toAgent, otherTicket));
    List<OutboxEntry> claimed = outbox.claim(T0.plusSeconds(1), 10, LEASE, "d-1");
    assertEquals(2, claimed.size());
    outbox.delivered(delivered.id(), "d-1");
    outbox.retryLater(toAna.id(), "d-1", T0.plusSeconds(60), "550 ana@example.com unknown");

    Recipient erased = new Recipient("Erased", EmailAddress.of("erased@erased.invalid"));
    assertEquals(3, outbox.erase(new OutboxErasure(ticket, Set.of(ana), "[erased]", erased)));

    assertEquals(Optional.empty(), outbox.byId(toAna.id()), "never mailed to an erased person");
    OutboxEntry kept = outbox.byId(delivered.id()).orElseThrow();
    assertEquals(OutboxEntry.State.DELIVERED, kept.state());
    assertEquals(erased, kept.notification().recipient());
    assertEquals("[erased]", kept.notification().ticketSubject());
    assertEquals(Map.of(Notification.BODY, "[erased]"), kept.notification().values());
    OutboxEntry agent = outbox.byId(toAgent.id()).orElseThrow();
    assertEquals(OutboxEntry.State.PENDING, agent.state());
    assertEquals(toAgent.recipient(), agent.notification().recipient());
    assertEquals(
        Map.of(Notification.BODY, "[erased]", Notification.STATUS, "OPEN"),
        agent.notification().values());
    assertEquals(
        Optional.of(otherTicket), outbox.byId(otherTicket.id()).map(OutboxEntry::notification));
    assertEquals(2, outbox.undelivered(), "the agent's and the other ticket's");
  }

  // ------------------------------------------------------------------ coalescing

  /** A notification of {@code ticket} to Ana held for {@code window} under its coalescing key. */
  private static Notification held(
      TicketId ticket, String recipient, Instant createdAt, Duration window) {
    Notification n = notification(ticket, new TicketKey("HD-7"), createdAt);
    return new Notification(
        n.id(),
        n.kind(),
        new Recipient("Ana Lima", EmailAddress.of(recipient)),
        n.ticketId(),
        n.ticketKey(),
        n.ticketSubject(),
        n.values(),
        createdAt,
        createdAt.plus(window),
        Optional.of(ticket.value() + "/" + recipient));
  }

  @Test
  void aHeldNotificationIsDueAtItsNotBeforeAndKeepsItsKey() {
    Notification n = held(TicketId.random(), "ana@example.com", T0, Duration.ofSeconds(60));
    box.add(List.of(n));

    OutboxEntry entry = box.byId(n.id()).orElseThrow();
    assertEquals(n, entry.notification(), "notBefore and the key round-trip");
    assertEquals(T0.plusSeconds(60), entry.nextAttemptAt());
    assertTrue(box.claim(T0.plusSeconds(59), 10, LEASE, "d-1").isEmpty(), "held");
    assertEquals(1, box.claim(T0.plusSeconds(60), 10, LEASE, "d-1").size());
  }

  @Test
  void aClaimTakesTheCompanionsMadeWithinTheWindowOfADueEntryEvenIfNotDue() {
    TicketId ticket = TicketId.random();
    Duration window = Duration.ofSeconds(60);
    Notification first = held(ticket, "ana@example.com", T0, window);
    Notification within = held(ticket, "ana@example.com", T0.plusSeconds(30), window);
    Notification atTheEdge = held(ticket, "ana@example.com", T0.plusSeconds(60), window);
    Notification after = held(ticket, "ana@example.com", T0.plusSeconds(61), window);
    Notification otherRecipient = held(ticket, "bea@desk.example", T0.plusSeconds(1), window);
    Notification alone = notification(ticket, new TicketKey("HD-7"), T0.plusSeconds(120));
    box.add(List.of(first, within, atTheEdge, after, otherRecipient, alone));

    List<OutboxEntry> claimed = box.claim(T0.plusSeconds(60), 1, LEASE, "d-1");

    assertEquals(
        List.of(first.id(), within.id(), atTheEdge.id()),
        claimed.stream().map(e -> e.notification().id()).toList(),
        "the due entry first, then its companions beyond max, oldest first");
    for (OutboxEntry e : claimed) {
      assertEquals(State.CLAIMED, e.state());
      assertEquals(T0.plusSeconds(60).plus(LEASE), e.nextAttemptAt());
    }
    assertEquals(
        3,
        box.delivered(claimed.stream().map(e -> e.notification().id()).toList(), "d-1"),
        "the companions are leased to the claimant");
    assertEquals(State.PENDING, box.byId(after.id()).orElseThrow().state());
    assertEquals(State.PENDING, box.byId(alone.id()).orElseThrow().state());
    List<OutboxEntry> next = box.claim(T0.plusSeconds(61), 10, LEASE, "d-2");
    assertEquals(
        List.of(otherRecipient.id()),
        next.stream().map(e -> e.notification().id()).toList(),
        "another recipient's is due on its own; the later one is not due yet");
  }

  @Test
  void eachDueEntryMadeAfterTheWindowOfTheGroupBeforeLeadsAGroupOfItsOwn() {
    TicketId ticket = TicketId.random();
    Duration window = Duration.ofSeconds(60);
    Notification first = held(ticket, "ana@example.com", T0, window);
    Notification second = held(ticket, "ana@example.com", T0.plusSeconds(50), window);
    Notification third = held(ticket, "ana@example.com", T0.plusSeconds(100), window);
    Notification fourth = held(ticket, "ana@example.com", T0.plusSeconds(130), window);
    Notification older = held(ticket, "ana@example.com", T0.minusSeconds(100), window);
    box.add(List.of(older, first, second, third, fourth));
    // The older one, taken alone by another claim: the others are not within its window.
    assertEquals(1, box.claim(T0.minusSeconds(40), 10, LEASE, "d-0").size());

    // A late claim finds all due, but takes only three of them; the third leads a group whose
    // window holds the fourth, which comes along.
    List<OutboxEntry> claimed = box.claim(T0.plusSeconds(1000), 3, LEASE, "d-1");

    assertEquals(
        List.of(first.id(), second.id(), third.id(), fourth.id()),
        claimed.stream().map(e -> e.notification().id()).toList());
  }

  @Test
  void aCompanionIsNeverOlderThanTheEntryThatLeadsItsGroup() {
    TicketId ticket = TicketId.random();
    Duration window = Duration.ofSeconds(60);
    Notification older = held(ticket, "ana@example.com", T0, window);
    Notification leader = held(ticket, "ana@example.com", T0.plusSeconds(10), window);
    box.add(List.of(older, leader));
    assertEquals(2, box.claim(T0.plusSeconds(60), 10, LEASE, "d-1").size());
    box.delivered(leader.id(), "d-1");
    box.retryLater(older.id(), "d-1", T0.plusSeconds(600), "421 try later");
    Notification next = held(ticket, "ana@example.com", T0.plusSeconds(100), window);
    box.add(List.of(next));

    assertEquals(
        List.of(next.id()),
        box.claim(T0.plusSeconds(160), 10, LEASE, "d-2").stream()
            .map(e -> e.notification().id())
            .toList(),
        "the older one waits for its retry");
  }

  @Test
  void companionsThatAreClaimedOrDoneAlreadyAreNotTakenAgain() {
    TicketId ticket = TicketId.random();
    Duration window = Duration.ofSeconds(60);
    Notification first = held(ticket, "ana@example.com", T0, window);
    Notification second = held(ticket, "ana@example.com", T0.plusSeconds(10), window);
    box.add(List.of(first, second));
    assertEquals(2, box.claim(T0.plusSeconds(60), 10, LEASE, "d-1").size());
    box.delivered(second.id(), "d-1");
    box.retryLater(first.id(), "d-1", T0.plusSeconds(120), "421 try later");

    List<OutboxEntry> again = box.claim(T0.plusSeconds(120), 10, LEASE, "d-2");
    assertEquals(List.of(first.id()), again.stream().map(e -> e.notification().id()).toList());
    assertEquals(State.DELIVERED, box.byId(second.id()).orElseThrow().state());
  }
}
