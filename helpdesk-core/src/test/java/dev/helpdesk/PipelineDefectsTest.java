package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemorySlaTimers;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Defects of the desk's change path: each test failed before the change pipeline. */
class PipelineDefectsTest {

  private static final Actor STAFF = Actor.system("staff");
  private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T11:00:00Z");

  private static NewTicket request(String customer, String subject) {
    return NewTicket.builder()
        .requester(customer, "Customer " + customer, customer + "@example.com")
        .subject(subject)
        .build();
  }

  /**
   * Threads changing one ticket's priority at once: every stored version's timers must be those of
   * the version they were computed for. Before, timers waited between the edit and the save in a
   * map keyed by ticket, so two edits of one ticket could store each other's timers.
   */
  @Test
  void concurrentEditsOfOneTicketLeaveTimersOfItsFinalState() throws Exception {
    SlaPolicy urgent =
        SlaPolicy.named("urgent")
            .priorities(Priority.URGENT)
            .firstReply(Duration.ofHours(1))
            .build();
    SlaPolicy low =
        SlaPolicy.named("low").priorities(Priority.LOW).firstReply(Duration.ofHours(8)).build();
    SlaPolicy normal =
        SlaPolicy.named("normal")
            .priorities(Priority.NORMAL, Priority.HIGH)
            .firstReply(Duration.ofHours(4))
            .build();
    for (int round = 0; round < 20; round++) {
      InMemorySlaTimers timers = new InMemorySlaTimers();
      HelpDesk desk =
          HelpDesk.builder()
              .clock(SettableClock.at(MONDAY_NOON))
              .sla(
                  SlaSettings.builder(SlaFixture.OFFICE)
                      .policy(urgent)
                      .policy(low)
                      .policy(normal)
                      .build())
              .slaTimers(timers)
              .build();
      Ticket t = desk.open(Actor.customer("c-1"), request("c-1", "Seat missing"));
      List<Priority> priorities = List.of(Priority.URGENT, Priority.LOW, Priority.NORMAL);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < 30; n++) {
                    Priority p = priorities.get(ThreadLocalRandom.current().nextInt(3));
                    try {
                      desk.changePriority(STAFF, t.id(), p);
                    } catch (dev.helpdesk.common.ConcurrentUpdateException lost) {
                      // Three lost races in a row: another thread's change stands.
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      Ticket last = desk.ticket(STAFF, t.id()).ticket();
      TicketTimers stored = timers.byTicket(t.id()).orElseThrow();
      String expected =
          switch (last.priority()) {
            case URGENT -> "urgent";
            case LOW -> "low";
            default -> "normal";
          };
      assertEquals(last.version(), stored.ticketVersion(), "round " + round + ": timers' version");
      assertEquals(Optional.of(expected), stored.policy(), "round " + round + ": timers' policy");
    }
  }

  /**
   * 300 waiting tickets of a group nobody serves stand ahead of one anybody may take: serving the
   * queue must reach it. Before, the queue was read 200 tickets deep and no further.
   */
  @Test
  void ticketsNobodyCanServeAtTheHeadDoNotHideTheOnesBehind() {
    SettableClock clock = SettableClock.at(MONDAY_NOON);
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .assignment(AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build())
            .build();
    for (int i = 0; i < 300; i++) {
      Ticket t = desk.open(Actor.customer("c-" + i), request("c-" + i, "Hotel question " + i));
      desk.changeGroup(STAFF, t.id(), GroupId.of("hotels"));
      desk.changePriority(STAFF, t.id(), Priority.URGENT);
      clock.advance(Duration.ofSeconds(1));
    }
    Ticket rail = desk.open(Actor.customer("c-rail"), request("c-rail", "Train seat"));
    desk.saveAgent(
        STAFF, Agent.of("a-rail", "Rui", "rui@desk.example").withGroups(java.util.Set.of()));
    desk.assignQueued();
    Ticket after = desk.ticket(STAFF, rail.id()).ticket();
    assertTrue(after.assignee().isPresent(), "the servable ticket behind 300 others was assigned");
  }

  /**
   * Opening a ticket whose insert loses races several times in a row (MariaDB picks concurrent
   * inserts as deadlock victims under load) still opens it, once. Before, the third lost race
   * reached the customer as a conflict on a ticket they had never seen.
   */
  @Test
  void anOpeningThatLosesSeveralRacesIsTriedAgainAndStoredOnce() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets real = new InMemoryTickets(outbox);
    java.util.concurrent.atomic.AtomicInteger losses =
        new java.util.concurrent.atomic.AtomicInteger(5);
    DelegatingTickets racing =
        new DelegatingTickets(real) {
          @Override
          public void save(TicketChange change) {
            if (change.creates() && losses.getAndDecrement() > 0) {
              throw new dev.helpdesk.common.ConcurrentUpdateException(
                  "ticket", change.after().id().toString(), 0);
            }
            super.save(change);
          }
        };
    HelpDesk desk =
        HelpDesk.builder().clock(SettableClock.at(MONDAY_NOON)).tickets(racing, outbox).build();

    Ticket opened = desk.open(Actor.customer("c-1"), request("c-1", "Refund for B-17"));

    assertEquals(opened.id(), desk.ticket(STAFF, opened.id()).ticket().id());
    assertEquals(1, real.byRequester(dev.helpdesk.customer.CustomerId.of("c-1"), 10).size());
  }

  /**
   * The close sweep meets a ticket whose change fails: the others are closed all the same, and the
   * failing one is tried again by the next sweep. Before, the sweep stopped at it, every time.
   */
  @Test
  void aTicketTheSweepCannotCloseDoesNotHoldUpTheOthers() {
    SettableClock clock = SettableClock.at(MONDAY_NOON);
    InMemoryOutbox outbox = new InMemoryOutbox();
    List<TicketId> broken = new ArrayList<>();
    InMemoryTickets real = new InMemoryTickets(outbox);
    DelegatingTickets failing =
        new DelegatingTickets(real) {
          @Override
          public void save(TicketChange change) {
            if (broken.contains(change.after().id()) && change.after().status() == Status.CLOSED) {
              throw new IllegalStateException("disk full");
            }
            super.save(change);
          }
        };
    HelpDesk desk = HelpDesk.builder().clock(clock).tickets(failing, outbox).build();
    desk.saveAgent(STAFF, Agent.of("a-1", "Bea", "bea@desk.example"));
    List<TicketId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Ticket t = desk.open(Actor.customer("c-" + i), request("c-" + i, "Refund " + i));
      desk.assign(STAFF, t.id(), dev.helpdesk.agent.AgentId.of("a-1"));
      desk.changeStatus(STAFF, t.id(), Status.SOLVED);
      ids.add(t.id());
      clock.advance(Duration.ofMinutes(1));
    }
    broken.add(ids.get(0)); // solved first: the sweep meets it first
    clock.advance(Duration.ofDays(5));
    assertEquals(4, desk.closeSolvedTickets());
    assertEquals(Status.SOLVED, desk.ticket(STAFF, ids.get(0)).ticket().status());
    broken.clear();
    assertEquals(1, desk.closeSolvedTickets());
  }

  /**
   * A builder used twice builds two independent desks. Before, the second shared the first's
   * in-memory store and SLA engine but not its roster.
   */
  @Test
  void aReusedBuilderBuildsIndependentDesks() {
    HelpDeskBuilder builder =
        HelpDesk.builder()
            .clock(SettableClock.at(MONDAY_NOON))
            .sla(SlaFixture.settings().build())
            .assignment(AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build());
    HelpDesk first = builder.build();
    HelpDesk second = builder.build();
    assertNotSame(first, second);
    first.saveAgent(STAFF, Agent.of("a-1", "Bea", "bea@desk.example"));
    Ticket t = first.open(Actor.customer("c-1"), request("c-1", "Seat missing"));
    assertTrue(first.ticket(STAFF, t.id()).ticket().assignee().isPresent());
    assertTrue(
        assertThrowsNotFound(() -> second.ticket(STAFF, t.id())), "second desk has its own store");
    Ticket other = second.open(Actor.customer("c-2"), request("c-2", "Wrong date"));
    // The second desk knows no agent: its ticket waits, and its SLA timers are its own.
    assertTrue(second.ticket(STAFF, other.id()).ticket().assignee().isEmpty());
    assertTrue(second.firstReplyDue(STAFF, other.id()).isPresent());
    assertTrue(first.firstReplyDue(STAFF, t.id()).isPresent());
  }

  private static boolean assertThrowsNotFound(Runnable r) {
    try {
      r.run();
      return false;
    } catch (dev.helpdesk.common.NotFoundException e) {
      return true;
    }
  }
}
