package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Two desk instances (an entity manager factory each, as two JVMs would have) x 10 threads on one
 * database open tickets that a least-loaded policy assigns over agents of limited capacity, then
 * solve tickets and serve the queue, all at once. A watcher reads the agents' loads from the
 * database throughout. Checked: no agent ever over capacity, no ticket assigned twice, none lost,
 * every ticket assigned, solved or queued, and at the end every agent full or the queue empty.
 */
final class AssignmentClusterScenario {

  static final int AGENTS = 20;
  static final int THREADS_PER_INSTANCE = 10;
  static final int ROUNDS = 10;

  private final TestDatabase db;
  private final Function<TestDatabase, EntityManagerFactory> newInstance;

  AssignmentClusterScenario(
      TestDatabase db, Function<TestDatabase, EntityManagerFactory> newInstance) {
    this.db = db;
    this.newInstance = newInstance;
  }

  /** Capacity of agent {@code i}: 3 to 12, 150 in all. */
  static int capacityOf(int i) {
    return 3 + i % 10;
  }

  /** Runs the scenario with {@code perThread} openings per thread; returns the tickets opened. */
  int run(int perThread) throws Exception {
    List<EntityManagerFactory> factories = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE + 1);
    AtomicBoolean watching = new AtomicBoolean(true);
    try {
      JpaHelpDeskStore first = store(factories);
      int totalCapacity = 0;
      for (int i = 0; i < AGENTS; i++) {
        first.agents().save(agent(i));
        totalCapacity += capacityOf(i);
      }
      // Built after the agents exist, so that both rosters know them from the start.
      List<HelpDesk> desks = List.of(desk(first), desk(store(factories)));
      AtomicInteger overCapacity = new AtomicInteger();
      AtomicInteger watches = new AtomicInteger();
      Future<?> watcher =
          pool.submit(
              () -> {
                while (watching.get()) {
                  overCapacity.addAndGet(agentsOverCapacity());
                  watches.incrementAndGet();
                  Thread.sleep(20);
                }
                return null;
              });

      // Phase 1: 20 threads open tickets; the policy assigns them while agents have room.
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> work = new ArrayList<>();
      for (int d = 0; d < desks.size(); d++) {
        HelpDesk desk = desks.get(d);
        for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
          String customer = "c-" + d + "-" + t;
          work.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                      desk.open(Actor.customer(customer), request(customer, i));
                    }
                    return perThread;
                  }));
        }
      }
      long started = System.nanoTime();
      go.countDown();
      int opened = 0;
      for (Future<Integer> f : work) {
        opened += f.get(150, TimeUnit.SECONDS);
      }
      for (HelpDesk desk : desks) {
        desk.assignQueued(); // an instance's roster may hold agents full that the other freed
      }
      long phase1 = System.nanoTime();
      assertEquals(
          Math.min(opened, totalCapacity),
          db.count("hd_ticket", "assignee_id is not null and status in ('NEW','OPEN')"),
          "after opening, every agent is full (or every ticket assigned)");

      // Phase 2: thread i of instance d works agent 2i+d: solves its tickets one by one; each
      // solve frees a slot, and the desk serves the queue at once, while 19 other threads do the
      // same on both instances.
      CountDownLatch again = new CountDownLatch(1);
      List<Future<Integer>> solving = new ArrayList<>();
      for (int d = 0; d < desks.size(); d++) {
        HelpDesk desk = desks.get(d);
        for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
          AgentId agent = AgentId.of("a-" + (2 * t + d));
          solving.add(
              pool.submit(
                  () -> {
                    again.await();
                    Actor self = Actor.agent(agent);
                    int solved = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                      List<Ticket> mine = desk.queueOf(self, agent);
                      if (mine.isEmpty()) {
                        break;
                      }
                      try {
                        desk.changeStatus(self, mine.get(0).id(), Status.SOLVED);
                        solved++;
                      } catch (ConcurrentUpdateException lost) {
                        // the queue server touched it at the same moment: take it next round
                      }
                    }
                    return solved;
                  }));
        }
      }
      again.countDown();
      int solved = 0;
      for (Future<Integer> f : solving) {
        solved += f.get(150, TimeUnit.SECONDS);
      }
      for (HelpDesk desk : desks) {
        desk.assignQueued();
      }
      watching.set(false);
      watcher.get(10, TimeUnit.SECONDS);
      System.out.printf(
          "%s assignment cluster: %d tickets opened in %d ms, %d solved and the queue served in"
              + " %d ms, %d load checks%n",
          db,
          opened,
          (phase1 - started) / 1_000_000,
          solved,
          (System.nanoTime() - phase1) / 1_000_000,
          watches.get());

      assertTrue(watches.get() > 0);
      assertEquals(0, overCapacity.get(), "an agent was seen over capacity");
      assertEquals(0, agentsOverCapacity(), "an agent is over capacity");
      assertEquals(opened, db.count("hd_ticket", "1=1"), "tickets lost");
      assertEquals(
          0, db.count("hd_ticket", "assignee_id is null and status not in ('NEW','OPEN')"));
      assertEquals(0, ticketsAssignedMoreThanOnce(), "a ticket was assigned twice");
      assertEquals(
          opened - solved,
          db.count("hd_ticket", "status in ('NEW','OPEN')"),
          "every ticket is solved, assigned or queued");
      assertEquals(solved, db.count("hd_ticket", "status = 'SOLVED' and assignee_id is not null"));
      long active = db.count("hd_ticket", "assignee_id is not null and status in ('NEW','OPEN')");
      long queued = db.count("hd_ticket", "assignee_id is null and status in ('NEW','OPEN')");
      assertTrue(
          active == totalCapacity || queued == 0,
          "capacity left unused: " + active + " active of " + totalCapacity + ", queued " + queued);
      assertTrue(solved > 0, "phase 2 solved nothing");
      return opened;
    } finally {
      watching.set(false);
      pool.shutdownNow();
      factories.forEach(EntityManagerFactory::close);
    }
  }

  private JpaHelpDeskStore store(List<EntityManagerFactory> factories) {
    EntityManagerFactory emf = newInstance.apply(db);
    factories.add(emf);
    return JpaHelpDeskStore.standalone(emf, db.database());
  }

  private static HelpDesk desk(JpaHelpDeskStore store) {
    return store
        .configure(HelpDesk.builder())
        .clock(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)))
        .assignment(AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build())
        .build();
  }

  private static Agent agent(int i) {
    return Agent.of("a-" + i, "Agent " + i, "agent" + i + "@example.com")
        .withCapacity(Capacity.of(capacityOf(i)));
  }

  private static NewTicket request(String customer, int i) {
    return NewTicket.builder()
        .requester(customer, "Customer " + customer, customer + "@example.com")
        .subject("Question " + i)
        .description("My train was cancelled.")
        .build();
  }

  /** How many agents hold more NEW or OPEN tickets than their capacity, in one statement. */
  private int agentsOverCapacity() throws SQLException {
    Map<String, Integer> capacity = new HashMap<>();
    for (int i = 0; i < AGENTS; i++) {
      capacity.put("a-" + i, capacityOf(i));
    }
    int over = 0;
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select assignee_id, count(*) from hd_ticket where assignee_id is not null"
                    + " and status in ('NEW','OPEN') group by assignee_id")) {
      while (rs.next()) {
        if (rs.getLong(2) > capacity.get(rs.getString(1))) {
          over++;
        }
      }
    }
    return over;
  }

  private long ticketsAssignedMoreThanOnce() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from (select ticket_id from hd_ticket_event"
                    + " where event_type = 'ASSIGNED' group by ticket_id having count(*) > 1) x")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
