package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryPendingFollowUps;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Pending tickets: two reminders and an auto-solve, in business time across a weekend and a
 * holiday, stopped by the customer, overridden per SLA policy, taken once by several instances.
 */
class PendingFollowUpTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");

  /** Monday to Friday 9 to 17 in Berlin; Christmas Day, Friday 25 December 2026, is off. */
  private static final BusinessCalendar OFFICE =
      BusinessCalendar.builder(BERLIN)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
          .holidays(FixedHolidays.of(LocalDate.of(2026, 12, 25)))
          .build();

  /** One working day, half a day, one working day. */
  private static final PendingFollowUp GLOBAL =
      PendingFollowUp.builder()
          .firstReminder(Duration.ofHours(8))
          .secondReminder(Duration.ofHours(4))
          .autoSolve(Duration.ofHours(8))
          .build();

  private static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  /** A desk in memory on the office calendar, whose mail is recorded. */
  private static final class Desk {
    final SettableClock clock = SettableClock.at(berlin(12, 24, 15, 0));
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    final HelpDesk desk;

    Desk(UnaryOperator<SlaSettings.Builder> policies, UnaryOperator<HelpDeskBuilder> more) {
      SlaSettings sla = policies.apply(SlaSettings.builder(OFFICE).onWarning().onBreach()).build();
      desk = more.apply(HelpDesk.builder().clock(clock).sla(sla).notifier(sent::add)).build();
      desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    }

    Desk() {
      this(
          p -> p.policy(SlaPolicy.named("default").resolution(Duration.ofDays(30)).build()),
          b -> b.pendingFollowUp(GLOBAL));
    }

    /** A ticket of Ana's that Bea took and set PENDING now. */
    Ticket pending(String... tags) {
      NewTicket.Builder request =
          NewTicket.builder()
              .requester("c-ana", "Ana", "ana@example.com")
              .subject("Refund for seat 12C")
              .description("Please refund the seat.")
              .acknowledge(false);
      for (String tag : tags) {
        request.tag(tag);
      }
      Ticket t = desk.open(ANA, request.build());
      desk.assign(BEA, t.id(), dev.helpdesk.agent.AgentId.of("a-bea"));
      Ticket pending = desk.changeStatus(BEA, t.id(), Status.PENDING);
      // The "waiting for your reply" mail, once its coalescing window has passed.
      clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
      desk.dispatchNotifications();
      clock.set(berlin(12, 24, 15, 0));
      return pending;
    }

    /** Moves the clock, runs the job, delivers mail; returns the reminders it sent. */
    List<Notification> at(Instant now) {
      clock.set(now);
      desk.followUpPendingTickets();
      int before = sent.size();
      desk.dispatchNotifications();
      return List.copyOf(sent.subList(before, sent.size()));
    }

    Status status(Ticket t) {
      return desk.ticket(BEA, t.id()).ticket().status();
    }
  }

  private static List<Notification> reminders(List<Notification> mail) {
    return mail.stream().filter(n -> n.kind() == NotificationKind.PENDING_REMINDER).toList();
  }

  @Test
  void remindersAndTheSolveLandInBusinessTimeAcrossAHolidayAndAWeekend() {
    Desk d = new Desk();
    Ticket t = d.pending(); // Thursday 24 December, 15:00

    // 8 business hours: Thursday 15-17, Friday is Christmas, the weekend, Monday 9-15.
    assertEquals(List.of(), d.at(berlin(12, 25, 12, 0)));
    assertEquals(List.of(), d.at(berlin(12, 27, 16, 0)));
    assertEquals(List.of(), d.at(berlin(12, 28, 14, 59)));
    List<Notification> first = reminders(d.at(berlin(12, 28, 15, 0)));
    assertEquals(1, first.size());
    Notification mail = first.get(0);
    assertEquals("ana@example.com", mail.recipient().email().value());
    assertEquals("1", mail.values().get(Notification.REMINDER));
    // The solve: 4 hours after Monday 15:00 is Tuesday 11:00, then 8 more is Wednesday 11:00.
    assertEquals(berlin(12, 30, 11, 0).toString(), mail.values().get(Notification.AUTO_SOLVE_AT));
    assertEquals(List.of(), d.at(berlin(12, 28, 16, 0)), "the first reminder goes once");

    assertEquals(List.of(), d.at(berlin(12, 29, 10, 59)));
    List<Notification> second = reminders(d.at(berlin(12, 29, 11, 0)));
    assertEquals(1, second.size());
    assertEquals("2", second.get(0).values().get(Notification.REMINDER));

    assertEquals(Status.PENDING, d.status(t));
    d.at(berlin(12, 30, 10, 59));
    assertEquals(Status.PENDING, d.status(t));
    d.at(berlin(12, 30, 11, 0));
    assertEquals(Status.SOLVED, d.status(t));
    // The solve's mail waits for the coalescing window, like any status mail.
    List<Notification> solved =
        d.at(berlin(12, 30, 11, 0).plus(NotificationPolicy.DEFAULT_COALESCING_WINDOW));
    assertEquals(
        List.of(NotificationKind.STATUS_CHANGED),
        solved.stream().map(Notification::kind).toList(),
        "the customer hears of the solve as of any other");
    assertEquals("SOLVED", solved.get(0).values().get(Notification.STATUS));

    List<TicketEvent> history = d.desk.ticket(BEA, t.id()).history();
    assertEquals(
        List.of(1, 2),
        history.stream()
            .filter(e -> e instanceof TicketEvent.PendingReminderSent)
            .map(e -> ((TicketEvent.PendingReminderSent) e).reminder())
            .toList());
    TicketEvent.StatusChanged solve =
        history.stream()
            .filter(e -> e instanceof TicketEvent.StatusChanged)
            .map(TicketEvent.StatusChanged.class::cast)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(Status.SOLVED, solve.to());
    assertEquals(Actor.system("pending-follow-up"), solve.actor());
    assertEquals(0, d.desk.followUpPendingTickets(), "nothing is left to do");
  }

  @Test
  void aCustomerReplyStopsTheFollowUpAndPendingAgainStartsItAfresh() {
    Desk d = new Desk();
    Ticket t = d.pending(); // Thursday 24 December, 15:00
    d.clock.set(berlin(12, 28, 10, 0));
    d.desk.reply(ANA, t.id(), "Here is the booking number: 7Q2K");
    assertEquals(Status.OPEN, d.status(t));
    assertEquals(List.of(), reminders(d.at(berlin(12, 31, 16, 0))));
    assertEquals(Status.OPEN, d.status(t));

    // Pending again on Thursday 31 December 16:00: 1 hour that day, 7 on Friday 1 January.
    d.desk.changeStatus(BEA, t.id(), Status.PENDING);
    Instant due = LocalDateTime.of(2027, 1, 1, 16, 0).atZone(BERLIN).toInstant();
    assertEquals(List.of(), reminders(d.at(due.minusSeconds(60))));
    assertEquals(1, reminders(d.at(due)).size());
    assertEquals(
        "1",
        d.sent.stream()
            .filter(n -> n.kind() == NotificationKind.PENDING_REMINDER)
            .reduce((a, b) -> b)
            .orElseThrow()
            .values()
            .get(Notification.REMINDER),
        "a new stay in PENDING starts again at the first reminder");
  }

  @Test
  void anyLeavingOfPendingStopsTheFollowUp() {
    Desk d = new Desk();
    Ticket t = d.pending();
    d.desk.changeStatus(BEA, t.id(), Status.ON_HOLD);
    assertEquals(List.of(), reminders(d.at(berlin(12, 31, 16, 0))));
    assertEquals(Status.ON_HOLD, d.status(t));
  }

  @Test
  void aPolicysFollowUpWinsOverTheGlobalOneAndOffSwitchesItOff() {
    Desk d =
        new Desk(
            p ->
                p.policy(
                        SlaPolicy.named("vip")
                            .when(TicketMatch.tag("vip"))
                            .resolution(Duration.ofDays(5))
                            .pendingFollowUp(
                                PendingFollowUp.builder()
                                    .firstReminder(Duration.ofHours(1))
                                    .build())
                            .build())
                    .policy(
                        SlaPolicy.named("quiet")
                            .when(TicketMatch.tag("quiet"))
                            .resolution(Duration.ofDays(5))
                            .pendingFollowUp(PendingFollowUp.off())
                            .build())
                    .policy(SlaPolicy.named("default").resolution(Duration.ofDays(5)).build()),
            b -> b.pendingFollowUp(GLOBAL));
    Ticket vip = d.pending("vip");
    Ticket quiet = d.pending("quiet");
    Ticket normal = d.pending();

    List<Notification> at16 = reminders(d.at(berlin(12, 24, 16, 0)));
    assertEquals(List.of(vip.id()), at16.stream().map(Notification::ticketId).toList());
    assertEquals(
        null, at16.get(0).values().get(Notification.AUTO_SOLVE_AT), "the VIP policy never solves");

    List<Notification> monday = reminders(d.at(berlin(12, 28, 15, 0)));
    assertEquals(List.of(normal.id()), monday.stream().map(Notification::ticketId).toList());

    d.at(berlin(12, 29, 11, 0));
    d.at(berlin(12, 31, 17, 0));
    assertEquals(Status.PENDING, d.status(vip), "one reminder, then it waits for an agent");
    assertEquals(Status.PENDING, d.status(quiet));
    assertEquals(Status.SOLVED, d.status(normal));
    assertTrue(
        d.sent.stream()
            .filter(n -> n.ticketId().equals(quiet.id()))
            .allMatch(n -> n.kind() == NotificationKind.STATUS_CHANGED),
        "a policy with the follow-up off sends no reminder");
  }

  @Test
  void withoutSlaSettingsTheGlobalFollowUpCountsEveryHour() {
    SettableClock clock = SettableClock.at("2026-12-24T14:00:00Z");
    List<Notification> sent = new ArrayList<>();
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .notifier(sent::add)
            .pendingFollowUp(PendingFollowUp.builder().autoSolve(Duration.ofHours(48)).build())
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    Ticket t =
        desk.open(
            ANA,
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Refund")
                .description("Please.")
                .build());
    desk.assign(BEA, t.id(), dev.helpdesk.agent.AgentId.of("a-bea"));
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    clock.set(Instant.parse("2026-12-26T13:59:59Z"));
    assertEquals(0, desk.followUpPendingTickets());
    clock.set(Instant.parse("2026-12-26T14:00:00Z"));
    assertEquals(1, desk.followUpPendingTickets());
    assertEquals(Status.SOLVED, desk.ticket(BEA, t.id()).ticket().status());
  }

  @Test
  void aTicketThatCannotBeSolvedStaysPendingAndIsNotTriedAgain() {
    Desk d = new Desk();
    Ticket t = d.pending();
    d.desk.unassign(BEA, t.id()); // SOLVED needs an assignee
    // A desk that was down takes one step per ticket and run: the reminders come one run apart.
    d.clock.set(berlin(12, 30, 11, 0));
    assertEquals(1, d.desk.followUpPendingTickets());
    assertEquals(1, d.desk.followUpPendingTickets());
    assertEquals(0, d.desk.followUpPendingTickets(), "the solve is refused and not counted");
    assertEquals(Status.PENDING, d.status(t));
    d.clock.set(berlin(12, 31, 11, 0));
    assertEquals(0, d.desk.followUpPendingTickets());
    assertEquals(Status.PENDING, d.status(t));
  }

  @Test
  void severalInstancesTakeEachStepOnce() throws Exception {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    InMemoryPendingFollowUps plans = new InMemoryPendingFollowUps();
    List<Desk> desks = new ArrayList<>();
    Desk first =
        new Desk(
            p -> p.policy(SlaPolicy.named("default").resolution(Duration.ofDays(30)).build()),
            b -> b.pendingFollowUp(GLOBAL).tickets(tickets, outbox).pendingFollowUps(plans));
    desks.add(first);
    for (int i = 0; i < 3; i++) {
      Desk other =
          new Desk(
              p -> p.policy(SlaPolicy.named("default").resolution(Duration.ofDays(30)).build()),
              b -> b.pendingFollowUp(GLOBAL).tickets(tickets, outbox).pendingFollowUps(plans));
      other.clock.set(first.clock.instant());
      desks.add(other);
    }
    int count = 30;
    List<Ticket> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pending.add(first.pending());
    }
    for (Instant step :
        List.of(berlin(12, 28, 15, 0), berlin(12, 29, 11, 0), berlin(12, 30, 11, 0))) {
      desks.forEach(d -> d.clock.set(step));
      ExecutorService pool = Executors.newFixedThreadPool(desks.size());
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (Desk d : desks) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return d.desk.followUpPendingTickets();
                  }));
        }
        go.countDown();
        int taken = 0;
        for (Future<Integer> r : runs) {
          taken += r.get();
        }
        assertEquals(count, taken, "each ticket's step is taken, and counted, once at " + step);
      } finally {
        pool.shutdownNow();
      }
    }
    first.desk.dispatchNotifications();
    for (Ticket t : pending) {
      List<Notification> mine =
          first.sent.stream()
              .filter(n -> n.ticketId().equals(t.id()))
              .filter(n -> n.kind() == NotificationKind.PENDING_REMINDER)
              .toList();
      assertEquals(
          List.of("1", "2"),
          mine.stream().map(n -> n.values().get(Notification.REMINDER)).toList(),
          t.key().value());
      assertEquals(Status.SOLVED, first.status(t));
    }
  }

  @Test
  void plansMadeBeforeARestartWithoutAFollowUpStillGoOnceEach() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    InMemoryPendingFollowUps plans = new InMemoryPendingFollowUps();
    Desk before =
        new Desk(
            p -> p.policy(SlaPolicy.named("default").resolution(Duration.ofDays(30)).build()),
            b -> b.pendingFollowUp(GLOBAL).tickets(tickets, outbox).pendingFollowUps(plans));
    Ticket t = before.pending();
    Desk after =
        new Desk(
            p -> p.policy(SlaPolicy.named("default").resolution(Duration.ofDays(30)).build()),
            b -> b.tickets(tickets, outbox).pendingFollowUps(plans));
    after.clock.set(berlin(12, 28, 15, 0));
    assertEquals(1, after.desk.followUpPendingTickets());
    assertEquals(0, after.desk.followUpPendingTickets(), "the plan moved on past the reminder");
    after.clock.set(berlin(12, 29, 11, 0));
    assertEquals(1, after.desk.followUpPendingTickets());
    assertEquals(0, after.desk.followUpPendingTickets());
    after.desk.dispatchNotifications();
    assertEquals(
        List.of("1", "2"),
        reminders(after.sent).stream().map(n -> n.values().get(Notification.REMINDER)).toList());
    after.desk.changeStatus(BEA, t.id(), Status.OPEN);
    after.clock.set(berlin(12, 30, 11, 0));
    assertEquals(0, after.desk.followUpPendingTickets(), "leaving PENDING dropped the plan");
    assertEquals(Status.OPEN, after.status(t));
  }

  @Test
  void aFollowUpIsValidatedNamingTheField() {
    assertEquals(
        "firstReminder",
        assertThrows(
                ValidationException.class,
                () -> PendingFollowUp.builder().firstReminder(Duration.ZERO).build())
            .field());
    assertEquals(
        "secondReminder",
        assertThrows(
                ValidationException.class,
                () -> PendingFollowUp.builder().secondReminder(Duration.ofHours(1)).build())
            .field());
    assertEquals(
        "autoSolve",
        assertThrows(
                ValidationException.class,
                () -> PendingFollowUp.builder().autoSolve(Duration.ofDays(366)).build())
            .field());
    assertEquals(
        "autoSolve",
        assertThrows(
                ValidationException.class,
                () -> PendingFollowUp.builder().autoSolve(Duration.ofHours(-1)).build())
            .field());
    assertEquals(
        "pendingFollowUp",
        assertThrows(ValidationException.class, () -> HelpDesk.builder().pendingFollowUp(null))
            .field());
    assertTrue(PendingFollowUp.off().isOff());
    assertEquals(
        java.util.Optional.of(Duration.ofHours(4)), GLOBAL.delayOf(FollowUpStep.SECOND_REMINDER));
  }
}
