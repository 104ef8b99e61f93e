package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.contract.ContractFixtures;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.internal.notification.NotificationDispatcher;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several application instances on one PostgreSQL database, after db-scheduler's cluster tests:
 * each instance has an entity manager factory (and connection pool) of its own, as separate JVMs
 * would. Also the faults: a connection killed in the middle of a save, and a dispatcher that stops
 * in the middle of a batch.
 */
// A guard against a hang, not a speed check: a loaded 2-core machine takes over two minutes.
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class PostgreSqlClusterTest {

  private static final TestDatabase DB = TestDatabase.POSTGRESQL;
  private static final Instant T0 = ContractFixtures.T0;

  private final List<EntityManagerFactory> instances = new ArrayList<>();

  @BeforeEach
  void emptyTables() {
    DB.freshStore();
  }

  @AfterEach
  void closeInstances() {
    instances.forEach(EntityManagerFactory::close);
  }

  private JpaHelpDeskStore instance() {
    // Commits do not wait for the WAL flush: on a shared, busy machine the fsync of 10,000 small
    // outcome transactions dominates the run. Atomicity, locking and visibility, which are what
    // these tests check, are the same either way.
    EntityManagerFactory emf =
        DB.newEntityManagerFactory(
            Map.of("hibernate.connection.options", "-c synchronous_commit=off"));
    instances.add(emf);
    return JpaHelpDeskStore.standalone(emf, DB.database());
  }

  @Test
  void twoInstancesOfTenThreadsOpenTicketsConcurrentlyAndNoneIsLostOrSharesAKey() throws Exception {
    int perThread = 25;
    List<HelpDesk> desks = List.of(desk(instance()), desk(instance()));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Ticket>>> opened = new ArrayList<>();
      for (HelpDesk desk : desks) {
        for (int t = 0; t < 10; t++) {
          String customer = "c-" + opened.size();
          opened.add(
              pool.submit(
                  () -> {
                    go.await();
                    List<Ticket> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                      mine.add(desk.open(Actor.customer(customer), request(customer, i)));
                    }
                    return mine;
                  }));
        }
      }
      go.countDown();
      List<Ticket> all = new ArrayList<>();
      for (Future<List<Ticket>> f : opened) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }

      int expected = 2 * 10 * perThread;
      assertEquals(expected, all.size());
      Set<TicketKey> keys = new HashSet<>();
      all.forEach(t -> keys.add(t.key()));
      assertEquals(expected, keys.size(), "keys issued twice");
      assertEquals(expected, DB.count("hd_ticket", "1=1"), "tickets lost");
      assertEquals(expected, DB.count("hd_message", "1=1"));
      assertEquals(expected, DB.count("hd_ticket_event", "event_type = 'CREATED'"));
      assertEquals(expected, DB.count("hd_outbox", "kind = 'TICKET_RECEIVED'"));
      JpaHelpDeskStore reader = instance();
      for (Ticket t : all.subList(0, 100)) {
        assertEquals(Optional.of(t), reader.tickets().byKey(t.key()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoInstancesOfTenThreadsOpenAndAssignWithinCapacityNeverTwiceNoneLost() throws Exception {
    // 2 instances x 10 threads x 500 = 10,000 tickets over 20 agents holding 150 at once; then
    // every thread solves its agent's tickets and the desks serve the queue.
    int opened =
        new AssignmentClusterScenario(
                DB,
                db ->
                    db.newEntityManagerFactory(
                        Map.of("hibernate.connection.options", "-c synchronous_commit=off")))
            .run(500);
    assertEquals(10_000, opened);
  }

  @Test
  void twoInstancesOfFourThreadsKeepTheCountsExactWithoutADeadlockOrLostRace() throws Exception {
    new KeptCountsConcurrencyScenario(DB).run(60);
  }

  @Test
  void twoDispatchersDeliverTenThousandEntriesEachExactlyOnce() throws Exception {
    int entries = 10_000;
    JpaHelpDeskStore loader = instance();
    for (int chunk = 0; chunk < entries / 500; chunk++) {
      loader
          .outbox()
          .add(IntStream.range(0, 500).mapToObj(i -> ContractFixtures.notification(T0)).toList());
    }
    Map<NotificationId, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Notifier recording =
        n -> deliveries.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
    SettableClock clock = SettableClock.at(T0.plusSeconds(60));
    List<NotificationDispatcher> dispatchers =
        List.of(dispatcher(instance(), recording, clock), dispatcher(instance(), recording, clock));
    ExecutorService pool = Executors.newFixedThreadPool(dispatchers.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> delivered = new ArrayList<>();
      for (NotificationDispatcher d : dispatchers) {
        delivered.add(
            pool.submit(
                () -> {
                  go.await();
                  int mine = 0;
                  NotificationDispatcher.Pass pass;
                  while ((pass = d.dispatchDue()).claimed() > 0) {
                    mine += pass.delivered();
                  }
                  return mine;
                }));
      }
      go.countDown();
      List<Integer> perDispatcher = new ArrayList<>();
      for (Future<Integer> f : delivered) {
        perDispatcher.add(f.get(150, TimeUnit.SECONDS));
      }

      assertEquals(entries, perDispatcher.stream().mapToInt(Integer::intValue).sum());
      assertTrue(perDispatcher.stream().allMatch(n -> n > 0), "both took part: " + perDispatcher);
      assertEquals(entries, deliveries.size());
      assertTrue(
          deliveries.values().stream().allMatch(n -> n.get() == 1), "some were delivered twice");
      assertEquals(0, loader.outbox().undelivered());
      assertEquals(entries, DB.count("hd_outbox", "state = 'DELIVERED'"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rowsOfADispatcherStoppedMidBatchAreReclaimedWhenItsLeaseEnds() {
    JpaHelpDeskStore store = instance();
    List<Notification> all =
        IntStream.range(0, 200).mapToObj(i -> ContractFixtures.notification(T0)).toList();
    store.outbox().add(all);
    SettableClock clock = SettableClock.at(T0);
    Set<NotificationId> sentBeforeCrash = ConcurrentHashMap.newKeySet();
    Notifier crashing =
        n -> {
          if (sentBeforeCrash.size() == 47) {
            throw new InstanceKilled();
          }
          sentBeforeCrash.add(n.id());
        };
    NotificationDispatcher doomed = dispatcher(instance(), crashing, clock);
    assertThrows(InstanceKilled.class, doomed::dispatchDue);
    assertEquals(40, DB.count("hd_outbox", "state = 'DELIVERED'"), "four groups of ten");
    assertEquals(60, DB.count("hd_outbox", "state = 'CLAIMED'"), "the rest of the batch");

    Map<NotificationId, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Notifier recording =
        n -> deliveries.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
    NotificationDispatcher survivor = dispatcher(instance(), recording, clock);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(100, survivor.dispatchAllDue(), "only what the stopped one had not claimed");
    assertEquals(60, store.outbox().undelivered());

    clock.advance(Duration.ofSeconds(21)); // the 30 s lease has ended
    assertEquals(60, survivor.dispatchAllDue());

    assertEquals(0, store.outbox().undelivered());
    assertTrue(deliveries.values().stream().allMatch(n -> n.get() == 1));
    Set<NotificationId> everSent = new HashSet<>(deliveries.keySet());
    everSent.addAll(sentBeforeCrash);
    assertEquals(200, everSent.size(), "nothing lost");
    long sentTwice = sentBeforeCrash.stream().filter(deliveries::containsKey).count();
    assertEquals(7, sentTwice, "only the unacknowledged tail of the last group");
  }

  @Test
  void aConnectionKilledInTheMiddleOfASaveLeavesNothingOfIt() throws Exception {
    JpaHelpDeskStore store = instance(); // its own pool: the killed connection stays there
    TicketChange change = opening(TicketId.random(), TicketKey.of("HD", 77), "c-1");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection locker = DB.connect();
        Connection admin = DB.connect()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        // Lets the save insert its ticket, then blocks it at the outbox insert.
        s.execute("lock table hd_outbox in exclusive mode");
      }
      Future<?> save = pool.submit(() -> store.tickets().save(change));
      int victim = waitForBlockedInsert(admin);
      try (Statement s = admin.createStatement()) {
        s.execute("select pg_terminate_backend(" + victim + ")");
      }
      locker.rollback();

      // The save fails (how depends on the driver: with -ea pgjdbc even asserts); what matters is
      // what is left in the database.
      assertThrows(ExecutionException.class, () -> save.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
    String ticket = "ticket_id = '" + change.after().id() + "'";
    assertEquals(0, DB.count("hd_ticket", ticket));
    assertEquals(0, DB.count("hd_message", ticket));
    assertEquals(0, DB.count("hd_ticket_event", ticket));
    assertEquals(0, DB.count("hd_outbox", "1=1"));
    assertEquals(Optional.empty(), instance().tickets().byId(change.after().id()));
  }

  /** The pid of the backend waiting to insert into the outbox, once it is waiting. */
  private static int waitForBlockedInsert(Connection admin) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (Statement s = admin.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select pid from pg_stat_activity where wait_event_type = 'Lock'"
                      + " and query ilike 'insert into hd_outbox%'")) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the save never reached the outbox insert");
  }

  private static final class InstanceKilled extends Error {
    private static final long serialVersionUID = 1L;

    InstanceKilled() {
      super("the instance went away in the middle of a batch");
    }
  }

  private static HelpDesk desk(JpaHelpDeskStore store) {
    // PostgreSQL keeps microseconds: a desk whose clock has nanoseconds would hand out tickets that
    // differ from what is stored. See docs/jpa.md.
    return store
        .configure(HelpDesk.builder())
        .clock(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)))
        .build();
  }

  private static NotificationDispatcher dispatcher(
      JpaHelpDeskStore store, Notifier notifier, SettableClock clock) {
    return new NotificationDispatcher(
        store.outbox(),
        notifier,
        clock,
        RetryPolicy.DEFAULT,
        100,
        Duration.ofSeconds(30),
        AckWindow.DEFAULT,
        () -> 0.5);
  }

  private static NewTicket request(String customer, int i) {
    return NewTicket.builder()
        .requester(customer, "Customer " + customer, customer + "@example.com")
        .subject("Question " + i)
        .description("My train was cancelled.")
        .build();
  }

  private static TicketChange opening(TicketId id, TicketKey key, String customer) {
    TicketEdit edit =
        TicketEdit.open(
            id,
            key,
            request(customer, 1),
            Optional.empty(),
            Actor.customer(customer),
            T0,
            StatusTransitions.defaults());
    edit.addMessage(
        new dev.helpdesk.conversation.Message(
            dev.helpdesk.conversation.MessageId.random(),
            Actor.customer(customer),
            dev.helpdesk.conversation.Visibility.PUBLIC,
            "My train was cancelled.",
            List.of(),
            T0));
    edit.notify(ContractFixtures.notification(id, key, T0));
    return edit.done();
  }
}
