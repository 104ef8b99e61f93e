package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 16 threads open 10,000 tickets over 200 agents of limited capacity (some with a chat limit too),
 * so that agents fill up while tickets keep coming: nobody goes over capacity, no ticket is
 * assigned twice, and every ticket is assigned or queued.
 */
class AssignmentStressTest {

  private static final int THREADS = 16;
  private static final int TICKETS = 10_000;
  private static final int AGENTS = 200;

  /**
   * With two instances, two desks share one ticket store and one agent store, as two application
   * instances share one database: each has its own roster, which does not see the other's
   * assignments, so only the store's guards keep agents within capacity.
   */
  @ParameterizedTest(name = "{0}, {1} instance(s)")
  @CsvSource({"leastLoaded, 1", "roundRobin, 1", "leastLoaded, 2"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentOpeningNeverOverfillsAgentsNorAssignsTwice(String strategy, int instances)
      throws Exception {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    InMemoryAgents agentStore = new InMemoryAgents();
    InMemoryTicketKeys keys = new InMemoryTicketKeys();
    List<HelpDesk> desks = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      desks.add(
          HelpDesk.builder()
              .clock(clock)
              .tickets(tickets, outbox)
              .agents(agentStore)
              .ticketKeys(keys)
              .notifier(n -> {})
              .assignment(
                  AssignmentPolicy.builder()
                      .strategy(
                          strategy.equals("roundRobin")
                              ? Strategies.roundRobin()
                              : Strategies.leastLoaded())
                      .build())
              .build());
    }
    HelpDesk desk = desks.get(0);
    Random random = new Random(42);
    List<Agent> agents = new ArrayList<>();
    int totalCapacity = 0;
    for (int a = 0; a < AGENTS; a++) {
      Capacity capacity = Capacity.of(random.nextInt(31));
      if (a % 3 == 0) {
        capacity = capacity.withChannel("CHAT", random.nextInt(4));
      }
      Agent agent =
          Agent.of("a" + a, "Agent " + a, "a" + a + "@desk.example").withCapacity(capacity);
      agents.add(agent);
      for (HelpDesk d : desks) {
        d.saveAgent(Actor.system("admin"), agent);
      }
      totalCapacity += capacity.total();
    }

    ConcurrentLinkedQueue<TicketId> opened = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      int worker = w;
      HelpDesk mine = desks.get(w % instances);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = worker; i < TICKETS; i += THREADS) {
                  NewTicket request =
                      NewTicket.builder()
                          .requester("c-" + (i % 500), "Customer", "c" + (i % 500) + "@example.com")
                          .subject("Question " + i)
                          .channel(i % 4 == 0 ? Channel.CHAT : Channel.EMAIL)
                          .build();
                  opened.add(mine.open(Actor.customer("c-" + (i % 500)), request).id());
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(110, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(TICKETS, opened.size());
    Set<TicketId> queued = new HashSet<>();
    tickets.unassigned(TICKETS).forEach(t -> queued.add(t.id()));
    Set<TicketId> held = new HashSet<>();
    int assigned = 0;
    for (Agent agent : agents) {
      List<Ticket> mine = tickets.byAssignee(agent.id(), TICKETS);
      long chats = mine.stream().filter(t -> t.channel() == Channel.CHAT).count();
      assertTrue(mine.size() <= agent.capacity().total(), agent.id() + " over capacity");
      int chatLimit = agent.capacity().limitOf("CHAT").orElse(Integer.MAX_VALUE);
      assertTrue(chats <= chatLimit, agent.id() + " over chat capacity");
      for (Ticket t : mine) {
        assertTrue(held.add(t.id()), t.key() + " held by two agents");
        assertEquals(Status.OPEN, t.status());
      }
      assigned += mine.size();
    }
    for (TicketId id : opened) {
      long assignments =
          tickets.history(id).stream().filter(TicketEvent.Assigned.class::isInstance).count();
      assertTrue(assignments <= 1, id + " assigned " + assignments + " times");
      assertTrue(held.contains(id) ^ queued.contains(id), id + " neither assigned nor queued");
    }
    assertEquals(TICKETS, assigned + queued.size());
    // With more tickets than room, serving the queue fills every agent exactly to capacity: no
    // capacity leaked in the races (most waiting tickets are mail, so chat limits do not block).
    assertTrue(totalCapacity < TICKETS, "the test needs agents to fill up");
    while (desk.assignQueued() > 0) {
      // until nobody can take more
    }
    for (Agent agent : agents) {
      assertEquals(
          agent.capacity().total(),
          tickets.byAssignee(agent.id(), TICKETS).size(),
          agent.id() + " was left with room");
    }
  }
}
