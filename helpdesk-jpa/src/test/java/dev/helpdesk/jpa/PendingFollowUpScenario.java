package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.jpa.pending.JpaPendingFollowUps;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending follow-ups on a database: the plan is written in the transaction of the status change
 * that makes it, a reminder in the transaction that moves the plan on (so a failure in between
 * sends nothing and the next run sends it once), and several desks over one database take each step
 * once.
 */
abstract class PendingFollowUpScenario {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");
  private static final PendingFollowUp FOLLOW_UP =
      PendingFollowUp.builder()
          .firstReminder(Duration.ofHours(1))
          .secondReminder(Duration.ofHours(1))
          .autoSolve(Duration.ofHours(1))
          .build();

  /** A store over an empty database. */
  abstract JpaHelpDeskStore freshStore();

  private JpaHelpDeskStore store;
  private final SettableClock clock = SettableClock.at(T0.toString());
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    store = freshStore();
  }

  private HelpDesk desk(PendingFollowUps plans) {
    HelpDesk desk =
        store
            .configure(HelpDesk.builder())
            .clock(clock)
            .notifier(sent::add)
            .pendingFollowUp(FOLLOW_UP)
            .pendingFollowUps(plans)
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    return desk;
  }

  private static Ticket open(HelpDesk desk) {
    Ticket t =
        desk.open(
            ANA,
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Refund for seat 12C")
                .description("Please refund the seat.")
                .acknowledge(false)
                .build());
    return desk.assign(BEA, t.id(), AgentId.of("a-bea"));
  }

  /** The plans of {@code real}; saves fail after their write while {@code fail[0]} is set. */
  private static PendingFollowUps failingAfterWrite(JpaPendingFollowUps real, boolean[] fail) {
    return new PendingFollowUps() {
      @Override
      public void save(FollowUpPlan plan) {
        real.save(plan);
        if (fail[0]) {
          throw new IllegalStateException("database went away");
        }
      }

      @Override
      public void remove(TicketId ticketId, long ticketVersion) {
        real.remove(ticketId, ticketVersion);
      }

      @Override
      public Optional<FollowUpPlan> byTicket(TicketId ticketId) {
        return real.byTicket(ticketId);
      }

      @Override
      public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
        return real.claimDue(now, limit, claimedUntil);
      }
    };
  }

  @Test
  void aPlanThatCannotBeWrittenTakesThePendingChangeWithIt() {
    boolean[] fail = {false};
    HelpDesk desk = desk(failingAfterWrite(store.pendingFollowUps(), fail));
    Ticket t = open(desk);
    long queued = store.outbox().undelivered();
    fail[0] = true;
    assertThrows(IllegalStateException.class, () -> desk.changeStatus(BEA, t.id(), Status.PENDING));
    assertEquals(Status.OPEN, store.tickets().byId(t.id()).orElseThrow().status());
    assertEquals(Optional.empty(), store.pendingFollowUps().byTicket(t.id()));
    assertEquals(queued, store.outbox().undelivered(), "no status mail was queued");

    fail[0] = false;
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    FollowUpPlan plan = store.pendingFollowUps().byTicket(t.id()).orElseThrow();
    assertEquals(FollowUpStep.FIRST_REMINDER, plan.next());
    assertEquals(T0.plus(Duration.ofHours(1)), plan.nextDueAt());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(3))), plan.autoSolveAt());

    desk.reply(ANA, t.id(), "The booking is 7Q2K.");
    assertEquals(Optional.empty(), store.pendingFollowUps().byTicket(t.id()), "the reply drops it");
  }

  @Test
  void aReminderWhosePlanCannotMoveOnIsNotSentAndGoesOnceOnTheNextRun() {
    boolean[] fail = {false};
    HelpDesk desk = desk(failingAfterWrite(store.pendingFollowUps(), fail));
    Ticket t = open(desk);
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    clock.set(T0.plus(Duration.ofHours(1)));
    desk.dispatchNotifications(); // the status mail, held for its coalescing window until now
    sent.clear();

    fail[0] = true;
    assertEquals(0, desk.followUpPendingTickets(), "the run fails on the ticket, logs it, goes on");
    assertTrue(
        store.tickets().history(t.id()).stream()
            .noneMatch(e -> e instanceof TicketEvent.PendingReminderSent));
    assertEquals(0, store.outbox().undelivered(), "no reminder was queued");
    assertEquals(
        FollowUpStep.FIRST_REMINDER,
        store.pendingFollowUps().byTicket(t.id()).orElseThrow().next());

    fail[0] = false;
    clock.set(T0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2))); // the claim has lapsed
    assertEquals(1, desk.followUpPendingTickets());
    assertEquals(0, desk.followUpPendingTickets());
    desk.dispatchNotifications();
    assertEquals(
        List.of(NotificationKind.PENDING_REMINDER), sent.stream().map(Notification::kind).toList());
    assertEquals(
        FollowUpStep.SECOND_REMINDER,
        store.pendingFollowUps().byTicket(t.id()).orElseThrow().next());
  }

  @Test
  void severalDesksOverOneDatabaseTakeEachStepOnce() throws Exception {
    List<HelpDesk> desks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      desks.add(desk(store.pendingFollowUps()));
    }
    int count = 12;
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Ticket t = open(desks.get(0));
      desks.get(0).changeStatus(BEA, t.id(), Status.PENDING);
      tickets.add(t);
    }
    for (int hours = 1; hours <= 3; hours++) {
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
                    return d.followUpPendingTickets();
                  }));
        }
        go.countDown();
        int taken = 0;
        for (Future<Integer> r : runs) {
          taken += r.get();
        }
        assertEquals(count, taken, "every step once, after " + hours + " hours");
      } finally {
        pool.shutdownNow();
      }
    }
    for (Ticket t : tickets) {
      List<TicketEvent> history = store.tickets().history(t.id());
      assertEquals(
          2, history.stream().filter(e -> e instanceof TicketEvent.PendingReminderSent).count());
      assertEquals(Status.SOLVED, store.tickets().byId(t.id()).orElseThrow().status());
      assertEquals(Optional.empty(), store.pendingFollowUps().byTicket(t.id()));
    }
  }
}
