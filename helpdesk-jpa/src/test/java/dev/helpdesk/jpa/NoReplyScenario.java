package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The no-reply rule on a database: the deadline is written in the transaction of the assignment
 * that sets it (a failed write takes the assignment with it), a reply deletes it, and several desks
 * over one database act on each due ticket once.
 */
abstract class NoReplyScenario {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor ADMIN = Actor.system("admin");
  private static final GroupId SUPERVISORS = GroupId.of("supervisors");

  /** A store over an empty database. */
  abstract JpaHelpDeskStore freshStore();

  private JpaHelpDeskStore store;
  private final SettableClock clock = SettableClock.at(T0.toString());

  @BeforeEach
  void setUp() {
    store = freshStore();
  }

  private HelpDesk desk(NoReplyDeadlines deadlines) {
    HelpDesk desk =
        store
            .configure(HelpDesk.builder())
            .clock(clock)
            .notifier(n -> {})
            .noReplyDeadlines(deadlines)
            .assignment(
                AssignmentPolicy.builder()
                    .noReply(Duration.ofHours(1), 1)
                    .escalationGroup(SUPERVISORS)
                    .build())
            .build();
    desk.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    return desk;
  }

  private static Ticket open(HelpDesk desk) {
    return desk.open(
        ANA,
        NewTicket.builder()
            .requester("c-ana", "Ana", "ana@example.com")
            .subject("Refund for seat 12C")
            .description("Please refund the seat.")
            .acknowledge(false)
            .build());
  }

  /** The deadlines of {@code real}; saves fail after their write while {@code fail[0]} is set. */
  private static NoReplyDeadlines failingAfterWrite(NoReplyDeadlines real, boolean[] fail) {
    return new NoReplyDeadlines() {
      @Override
      public void save(NoReplyDeadline deadline) {
        real.save(deadline);
        if (fail[0]) {
          throw new IllegalStateException("database went away");
        }
      }

      @Override
      public void remove(TicketId ticketId, long ticketVersion) {
        real.remove(ticketId, ticketVersion);
      }

      @Override
      public Optional<NoReplyDeadline> byTicket(TicketId ticketId) {
        return real.byTicket(ticketId);
      }

      @Override
      public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
        return real.claimDue(now, limit, claimedUntil);
      }
    };
  }

  @Test
  void aDeadlineThatCannotBeWrittenTakesTheAssignmentWithIt() {
    boolean[] fail = {false};
    HelpDesk desk = desk(failingAfterWrite(store.noReplyDeadlines(), fail));
    Ticket t = open(desk);
    AgentId bea = AgentId.of("a-bea");
    assertEquals(Optional.of(bea), t.assignee());
    desk.saveAgent(ADMIN, Agent.of("a-cal", "Cal", "cal@desk.example"));
    fail[0] = true;
    AgentId cal = AgentId.of("a-cal");
    assertThrows(IllegalStateException.class, () -> desk.assign(ADMIN, t.id(), cal));
    assertEquals(Optional.of(bea), store.tickets().byId(t.id()).orElseThrow().assignee());
    assertEquals(
        List.of(bea), store.noReplyDeadlines().byTicket(t.id()).orElseThrow().agentsTried());

    fail[0] = false;
    desk.assign(ADMIN, t.id(), cal);
    NoReplyDeadline deadline = store.noReplyDeadlines().byTicket(t.id()).orElseThrow();
    assertEquals(List.of(cal), deadline.agentsTried());
    assertEquals(T0.plus(Duration.ofHours(1)), deadline.dueAt());

    desk.reply(Actor.agent("a-cal"), t.id(), "On it");
    assertEquals(Optional.empty(), store.noReplyDeadlines().byTicket(t.id()), "the reply drops it");
  }

  @Test
  void severalDesksOverOneDatabaseActOnEachTicketOnce() throws Exception {
    List<HelpDesk> desks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      desks.add(desk(store.noReplyDeadlines()));
    }
    int count = 10;
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tickets.add(open(desks.get(0)));
    }
    for (HelpDesk d : desks) {
      // Joined once every ticket is out, so that they all start with Bea.
      d.saveAgent(ADMIN, Agent.of("a-cal", "Cal", "cal@desk.example"));
      d.saveAgent(
          ADMIN, Agent.of("a-sue", "Sue", "sue@desk.example").withGroups(Set.of(SUPERVISORS)));
    }
    for (int hours = 1; hours <= 2; hours++) {
      clock.set(T0.plus(Duration.ofHours(hours)));
      ExecutorService pool = Executors.newFixedThreadPool(desks.size());
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (HelpDesk d : desks) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return d.escalateOverdue();
                  }));
        }
        go.countDown();
        int acted = 0;
        for (Future<Integer> r : runs) {
          acted += r.get();
        }
        assertEquals(count, acted, "every ticket once, after " + hours + " hours");
      } finally {
        pool.shutdownNow();
      }
    }
    for (Ticket t : tickets) {
      List<TicketEvent> history = store.tickets().history(t.id());
      assertEquals(
          1,
          history.stream()
              .filter(
                  e ->
                      e instanceof TicketEvent.Assigned a
                          && a.reason().equals(Optional.of(NoReplyRule.REASON)))
              .count());
      assertEquals(1, history.stream().filter(e -> e instanceof TicketEvent.Escalated).count());
      Ticket now = store.tickets().byId(t.id()).orElseThrow();
      assertTrue(now.group().equals(Optional.of(SUPERVISORS)), now.toString());
      assertEquals(Optional.empty(), store.noReplyDeadlines().byTicket(t.id()));
    }
  }
}
