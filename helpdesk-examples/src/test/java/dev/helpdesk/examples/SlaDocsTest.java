package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The set-up of docs/sla.md, run: which policy a ticket gets, and when its reply is due. */
class SlaDocsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void vipTicketsGetTheVipPolicyAndOthersTheNormalOneInBusinessTime() {
    SettableClock clock =
        SettableClock.at(
            LocalDateTime.of(2026, 4, 2, 12, 15).atZone(BERLIN).toInstant().toString());
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30)) // several intervals a day:
            .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0)) // lunch is not counted
            .holidays(FixedHolidays.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)))
            .build();

    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(
                SlaPolicy.named("vip") // the first policy that applies wins
                    .when(TicketMatch.tag("vip").or(TicketMatch.field("tier", "gold")))
                    .firstReply(Duration.ofMinutes(30))
                    .resolution(Duration.ofHours(4))
                    .build())
            .policy(
                SlaPolicy.named("normal")
                    .priorities(Priority.NORMAL, Priority.HIGH)
                    .firstReply(Duration.ofHours(4))
                    .nextReply(Duration.ofHours(4))
                    .periodicUpdate(Duration.ofHours(7))
                    .resolution(Duration.ofHours(14))
                    .warning(WarningLead.before(Duration.ofHours(1))) // or percentElapsed(75)
                    .build())
            .onWarning(Escalation.notifyAssignee())
            .onBreach(
                Escalation.raisePriority(),
                Escalation.notifyAssignee(),
                Escalation.notify(
                    new Recipient("Supervisors", EmailAddress.of("sup@desk.example"))))
            .build();
    HelpDesk desk = HelpDesk.builder().clock(clock).sla(sla).notifier(n -> {}).build();

    // 12:15 Thursday: 15 minutes before lunch, 15 after it.
    assertEquals(
        Optional.of(LocalDateTime.of(2026, 4, 2, 13, 45).atZone(BERLIN).toInstant()),
        desk.firstReplyDue(Actor.customer("c-1"), open(desk, "vip").id()));
    // 4 business hours: 15 minutes, then 3:30 after lunch, then 15 minutes on Tuesday (Friday
    // and Monday are Easter holidays).
    assertEquals(
        Optional.of(LocalDateTime.of(2026, 4, 7, 9, 15).atZone(BERLIN).toInstant()),
        desk.firstReplyDue(Actor.customer("c-1"), open(desk, "normal").id()));
  }

  @Test
  void theMonitorStartsAndStopsAsTheDocsSay() throws Exception {
    SlaSettings sla =
        SlaSettings.builder(BusinessCalendar.alwaysOpen())
            .policy(SlaPolicy.named("all").firstReply(Duration.ofHours(1)).build())
            .build();
    HelpDesk desk = HelpDesk.builder().sla(sla).build();
    SlaMonitor.Running monitor = desk.slaMonitor().orElseThrow().start(Duration.ofSeconds(1));
    // ... on shutdown:
    monitor.close();
    assertFalse(monitor.isRunning());
  }

  private static Ticket open(HelpDesk desk, String tag) {
    return desk.open(
        Actor.customer("c-1"),
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Help")
            .tag(tag)
            .build());
  }
}
