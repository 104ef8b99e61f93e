package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two instances (an entity manager factory each) x 4 threads open tickets at the same two
 * priorities, with and without an assignee, one by one and in batches, then assign their queued
 * tickets and solve some, all at once, straight through {@code Tickets.save} and {@code saveAll}
 * with no retry: every change moves the kept counts of the same few rows. Checked: no change failed
 * (a deadlock or a lost race on the count rows would throw), and at the end the kept counts equal a
 * {@code count(*)} over {@code hd_ticket} and what the threads did.
 */
final class KeptCountsConcurrencyScenario {

  static final int INSTANCES = 2;
  static final int THREADS = 4;
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor AGENT = Actor.agent("a-1");
  private static final List<Priority> PRIORITIES = List.of(Priority.NORMAL, Priority.HIGH);

  private final TestDatabase db;

  KeptCountsConcurrencyScenario(TestDatabase db) {
    this.db = db;
  }

  /** Runs it with {@code perThread} openings per thread, from empty tables. */
  void run(int perThread) throws Exception {
    JpaHelpDeskStore first = db.freshStore();
    List<EntityManagerFactory> factories = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * THREADS);
    try {
      List<JpaHelpDeskStore> stores = new ArrayList<>();
      for (int d = 0; d < INSTANCES; d++) {
        EntityManagerFactory emf = db.newEntityManagerFactory(Map.of());
        factories.add(emf);
        stores.add(JpaHelpDeskStore.standalone(emf, db.database()));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<int[]>> work = new ArrayList<>();
      for (int d = 0; d < INSTANCES; d++) {
        Tickets tickets = stores.get(d).tickets();
        for (int t = 0; t < THREADS; t++) {
          String prefix = "T" + d + t;
          work.add(
              pool.submit(
                  () -> {
                    go.await();
                    return work(tickets, prefix, perThread);
                  }));
        }
      }
      go.countDown();
      int opened = 0;
      int solved = 0;
      for (Future<int[]> f : work) {
        int[] done = f.get(300, TimeUnit.SECONDS); // a failed change fails the test here
        opened += done[0];
        solved += done[1];
      }

      MetricsQueries kept = first.metrics();
      Map<Priority, Long> queue = counted(" and assignee_id is null");
      Map<Priority, Long> unsolved = counted("");
      assertEquals(queue, kept.queueByPriority(), "queue: kept vs count(*)");
      assertEquals(unsolved, kept.unsolvedByPriority(), "unsolved: kept vs count(*)");
      assertEquals(0L, sum(queue), "every queued ticket was assigned");
      assertEquals(opened - solved, sum(unsolved), "opened less solved");
      assertEquals(opened, db.count("hd_ticket", "1=1"));
      System.out.printf(
          "%s kept counts: %d tickets opened, %d solved by %d threads%n",
          db, opened, solved, INSTANCES * THREADS);
    } finally {
      pool.shutdownNow();
      factories.forEach(EntityManagerFactory::close);
    }
  }

  /** One thread's work; returns {opened, solved}. */
  private static int[] work(Tickets tickets, String prefix, int perThread) {
    List<TicketId> queued = new ArrayList<>();
    List<TicketId> assigned = new ArrayList<>();
    int key = 0;
    int i = 0;
    while (i < perThread) {
      if (i % 8 == 0 && i + 3 <= perThread) {
        List<TicketChange> batch = new ArrayList<>();
        for (int b = 0; b < 3; b++, i++) {
          batch.add(opening(prefix, ++key, i, i % 2 == 0));
        }
        tickets.saveAll(batch);
        for (TicketChange c : batch) {
          (c.after().assignee().isPresent() ? assigned : queued).add(c.after().id());
        }
      } else {
        TicketChange c = opening(prefix, ++key, i, i % 2 == 0);
        tickets.save(c);
        (c.after().assignee().isPresent() ? assigned : queued).add(c.after().id());
        i++;
      }
    }
    for (TicketId id : queued) {
      Ticket t = tickets.byId(id).orElseThrow();
      tickets.save(edit(t).assign(AgentId.of("a-" + prefix), AGENT).done());
      assigned.add(id);
    }
    int solved = 0;
    for (int j = 0; j < assigned.size(); j += 3) {
      Ticket t = tickets.byId(assigned.get(j)).orElseThrow();
      tickets.save(edit(t).changeStatus(Status.SOLVED).done());
      solved++;
    }
    return new int[] {perThread, solved};
  }

  private static TicketEdit edit(Ticket t) {
    return TicketEdit.of(t, AGENT, T0, StatusTransitions.defaults());
  }

  private static TicketChange opening(String prefix, int key, int i, boolean withAssignee) {
    String customer = "c-" + prefix;
    TicketEdit edit =
        TicketEdit.open(
            TicketId.random(),
            TicketKey.of(prefix, key),
            NewTicket.builder()
                .requester(customer, "Customer " + customer, customer + "@example.com")
                .subject("Question " + i)
                .priority(PRIORITIES.get(i % PRIORITIES.size()))
                .build(),
            Optional.empty(),
            Actor.customer(customer),
            T0,
            StatusTransitions.defaults());
    if (withAssignee) {
      edit.assign(AgentId.of("a-" + prefix), AGENT);
    }
    return edit.done();
  }

  private Map<Priority, Long> counted(String condition) {
    Map<Priority, Long> counts = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      counts.put(
          p,
          db.count("hd_ticket", "unsolved = true and priority = " + (p.ordinal() + 1) + condition));
    }
    return counts;
  }

  private static long sum(Map<Priority, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
