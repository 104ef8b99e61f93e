package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The set-up of docs/sla.md's "Pending tickets" section, run with a settable clock: across
 * Christmas Day and a weekend the reminders and the solve land in business time, a customer's reply
 * stops them, and the VIP policy's own follow-up wins over the global one.
 */
class PendingDocsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Actor BEA = Actor.agent("a-bea");

  private final SettableClock clock = SettableClock.at(berlin(12, 24, 15, 0));
  private final List<Notification> sent = new ArrayList<>();
  private final HelpDesk desk = docsDesk();

  private static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  /** The desk of docs/sla.md, with this test's clock and mail recorder. */
  private HelpDesk docsDesk() {
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holidays(FixedHolidays.of(LocalDate.of(2026, 12, 25)))
            .build();
    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(
                SlaPolicy.named("vip")
                    .when(TicketMatch.tag("vip"))
                    .firstReply(Duration.ofHours(1))
                    .pendingFollowUp(
                        PendingFollowUp.builder().firstReminder(Duration.ofHours(4)).build())
                    .build())
            .policy(SlaPolicy.named("normal").firstReply(Duration.ofHours(8)).build())
            .onWarning()
            .onBreach()
            .build();
    HelpDesk built =
        HelpDesk.builder()
            .clock(clock)
            .notifier(sent::add)
            .sla(sla)
            .pendingFollowUp(
                PendingFollowUp.builder()
                    .firstReminder(Duration.ofHours(8))
                    .secondReminder(Duration.ofHours(4))
                    .autoSolve(Duration.ofHours(8))
                    .build())
            .build();
    built.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    return built;
  }

  private Ticket pending(String customer, String... tags) {
    NewTicket.Builder request =
        NewTicket.builder()
            .requester(customer, "Name of " + customer, customer + "@example.com")
            .subject("Refund for seat 12C")
            .description("Please refund the seat.")
            .acknowledge(false);
    for (String tag : tags) {
      request.tag(tag);
    }
    Ticket t = desk.open(Actor.customer(customer), request.build());
    desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    return desk.changeStatus(BEA, t.id(), Status.PENDING);
  }

  /** Sets the clock, runs the job and delivers; the reminders sent, as "ticket key: number". */
  private List<String> remindersAt(Instant now) {
    clock.set(now);
    desk.followUpPendingTickets();
    int before = sent.size();
    desk.dispatchNotifications();
    return sent.subList(before, sent.size()).stream()
        .filter(n -> n.kind() == NotificationKind.PENDING_REMINDER)
        .map(n -> n.ticketKey() + ": " + n.values().get(Notification.REMINDER))
        .toList();
  }

  private Status status(Ticket t) {
    return desk.ticket(BEA, t.id()).ticket().status();
  }

  @Test
  void acrossChristmasAndAWeekendTheStepsLandWhereTheDocsSay() {
    Ticket ana = pending("c-ana"); // Thursday 24 December, 15:00
    Ticket vip = pending("c-vip", "vip");
    String a = ana.key().value();
    String v = vip.key().value();

    assertEquals(List.of(), remindersAt(berlin(12, 24, 16, 59)));
    // The VIP policy: 4 business hours, Thursday 15-17 and Monday 9-11.
    assertEquals(List.of(), remindersAt(berlin(12, 25, 12, 0)), "Christmas Day is a holiday");
    assertEquals(List.of(), remindersAt(berlin(12, 27, 12, 0)), "Sunday");
    assertEquals(List.of(v + ": 1"), remindersAt(berlin(12, 28, 11, 0)));
    assertEquals(List.of(), remindersAt(berlin(12, 28, 14, 59)));
    assertEquals(List.of(a + ": 1"), remindersAt(berlin(12, 28, 15, 0)));
    assertEquals(List.of(), remindersAt(berlin(12, 29, 10, 59)));
    assertEquals(List.of(a + ": 2"), remindersAt(berlin(12, 29, 11, 0)));
    assertEquals(Status.PENDING, status(ana));
    remindersAt(berlin(12, 30, 11, 0));
    assertEquals(Status.SOLVED, status(ana));
    assertEquals(Status.PENDING, status(vip), "the VIP policy never solves a ticket itself");
  }

  @Test
  void aCustomerReplyStopsTheReminders() {
    Ticket ana = pending("c-ana");
    clock.set(berlin(12, 28, 9, 30));
    desk.reply(Actor.customer("c-ana"), ana.id(), "The booking is 7Q2K.");
    assertEquals(Status.OPEN, status(ana));
    assertEquals(List.of(), remindersAt(berlin(12, 28, 15, 0)));
    assertEquals(List.of(), remindersAt(berlin(12, 30, 11, 0)));
    assertEquals(Status.OPEN, status(ana));
  }
}
