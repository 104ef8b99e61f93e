package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.sla.CalendarRule;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A calendar per team: the Berlin group works 9-17 Berlin time (Wednesday 4 March 2026 is a holiday
 * there only), the New York group 9-17 New York time, chosen by calendar rules on the group or the
 * region field; an APAC policy has its own Tokyo calendar. In early March 2026 Berlin is UTC+1 and
 * New York UTC-5, so Berlin's day is 08:00-16:00Z and New York's 14:00-22:00Z.
 */
class SlaCalendarsTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  static final BusinessCalendar BERLIN_HOURS =
      BusinessCalendar.builder(BERLIN)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
          .holidays(FixedHolidays.of(LocalDate.of(2026, 3, 4)))
          .build();
  static final BusinessCalendar NEW_YORK_HOURS =
      BusinessCalendar.builder(NEW_YORK).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
  static final BusinessCalendar TOKYO_HOURS =
      BusinessCalendar.builder(TOKYO).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();

  static final GroupId BERLIN_TEAM = GroupId.of("berlin");
  static final GroupId NEW_YORK_TEAM = GroupId.of("new-york");

  private final DeskFixture f = new DeskFixture(b -> b.sla(settings()).pendingFollowUp(followUp()));

  private static SlaSettings settings() {
    return SlaSettings.builder(BERLIN_HOURS)
        .calendar(TicketMatch.group(NEW_YORK_TEAM), NEW_YORK_HOURS)
        .calendar(TicketMatch.field("region", "us"), NEW_YORK_HOURS)
        .calendar(new CalendarRule(TicketMatch.group(BERLIN_TEAM), BERLIN_HOURS))
        .policy(
            SlaPolicy.named("apac")
                .when(TicketMatch.tag("apac"))
                .calendar(TOKYO_HOURS)
                .firstReply(Duration.ofHours(4))
                .build())
        .policy(
            SlaPolicy.named("normal")
                .firstReply(Duration.ofHours(4))
                .resolution(Duration.ofHours(16))
                .build())
        .onWarning()
        .onBreach()
        .build();
  }

  private static PendingFollowUp followUp() {
    return PendingFollowUp.builder().firstReminder(Duration.ofHours(8)).build();
  }

  private static Instant utc(String instant) {
    return Instant.parse(instant);
  }

  private static Instant local(ZoneId zone, String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  private Ticket open(GroupId group) {
    return f.desk.open(ANA, request("c-ana").group(group.value()).build());
  }

  private Ticket stored(Ticket t) {
    return f.tickets.byId(t.id()).orElseThrow();
  }

  private SlaStatus timer(Ticket t, SlaTarget target) {
    return SlaFixture.timer(f, t, target);
  }

  @Test
  void theAcknowledgementPromisesTheFirstReplyInTheTeamsHours() {
    f.clock.set(utc("2026-03-02T09:00:00Z")); // Monday 10:00 in Berlin, 04:00 in New York
    Ticket berlin = open(BERLIN_TEAM);
    Ticket newYork = open(NEW_YORK_TEAM);
    // Berlin: 10:00-14:00. New York: opens at 09:00 (14:00Z), 4h later is 13:00 (18:00Z).
    assertEquals(
        Optional.of(local(BERLIN, "2026-03-02T14:00")), f.desk.firstReplyDue(ANA, berlin.id()));
    assertEquals(
        Optional.of(local(NEW_YORK, "2026-03-02T13:00")), f.desk.firstReplyDue(ANA, newYork.id()));
    var acks =
        f.deliver().stream().filter(n -> n.kind() == NotificationKind.TICKET_RECEIVED).toList();
    assertEquals("2026-03-02T13:00:00Z", acks.get(0).values().get(Notification.FIRST_REPLY_DUE));
    assertEquals("2026-03-02T18:00:00Z", acks.get(1).values().get(Notification.FIRST_REPLY_DUE));
    // Resolution, 16h: Berlin Mon 10-17, Tue 9-17, Wednesday off, Thu 9-10; New York Mon and Tue.
    assertEquals(local(BERLIN, "2026-03-05T10:00"), timer(berlin, SlaTarget.RESOLUTION).dueAt());
    assertEquals(local(NEW_YORK, "2026-03-03T17:00"), timer(newYork, SlaTarget.RESOLUTION).dueAt());
  }

  @Test
  void aHolidayInOneCalendarOnly() {
    f.clock.set(local(NEW_YORK, "2026-03-03T16:00")); // Tue 22:00 in Berlin
    Ticket berlin = open(BERLIN_TEAM);
    Ticket newYork = open(NEW_YORK_TEAM);
    // New York works on Wednesday: Tue 16-17, Wed 9-12.
    assertEquals(
        local(NEW_YORK, "2026-03-04T12:00"), f.desk.firstReplyDue(ANA, newYork.id()).orElseThrow());
    // Berlin does not: Wednesday is skipped, Thu 9-13.
    assertEquals(
        local(BERLIN, "2026-03-05T13:00"), f.desk.firstReplyDue(ANA, berlin.id()).orElseThrow());
  }

  @Test
  void aRuleWinsOverThePolicyCalendarWhichWinsOverTheDesk() {
    f.clock.set(utc("2026-03-02T00:00:00Z")); // Monday 09:00 in Tokyo
    Ticket apac = f.desk.open(ANA, request("c-ana").tag("apac").build());
    Ticket apacInNewYork =
        f.desk.open(ANA, request("c-ana").tag("apac").group(NEW_YORK_TEAM.value()).build());
    Ticket plain = f.desk.open(ANA, request("c-ana").build());
    assertEquals(
        local(TOKYO, "2026-03-02T13:00"), f.desk.firstReplyDue(ANA, apac.id()).orElseThrow());
    assertEquals(
        local(NEW_YORK, "2026-03-02T13:00"),
        f.desk.firstReplyDue(ANA, apacInNewYork.id()).orElseThrow());
    assertEquals(
        local(BERLIN, "2026-03-02T13:00"), f.desk.firstReplyDue(ANA, plain.id()).orElseThrow());
    // The settings answer the same for the tickets as stored (a customer's copy hides the tags).
    SlaSettings s = settings();
    assertSame(TOKYO_HOURS, s.calendarFor(stored(apac)));
    assertSame(NEW_YORK_HOURS, s.calendarFor(stored(apacInNewYork)));
    assertSame(BERLIN_HOURS, s.calendarFor(stored(plain)));
  }

  @Test
  void aGroupChangeMidTimerKeepsTheTimeCountedInTheOldCalendar() {
    f.clock.set(local(BERLIN, "2026-03-02T10:00"));
    Ticket t = open(BERLIN_TEAM);
    f.clock.set(local(BERLIN, "2026-03-02T12:00")); // 06:00 in New York: 2h counted
    f.desk.changeGroup(BEA, t.id(), NEW_YORK_TEAM);
    SlaStatus first = timer(t, SlaTarget.FIRST_REPLY);
    // The 2h left count in New York from its opening: 09:00-11:00.
    assertEquals(local(NEW_YORK, "2026-03-02T11:00"), first.dueAt());
    assertEquals(Duration.ofHours(2), first.remaining());
    assertEquals(local(BERLIN, "2026-03-02T10:00"), first.startedAt());
    // Resolution: 14h left, Mon 9-17 and Tue 9-15 in New York.
    assertEquals(local(NEW_YORK, "2026-03-03T15:00"), timer(t, SlaTarget.RESOLUTION).dueAt());
    // Back to Berlin at 10:00 New York (16:00 Berlin): 3h counted, the last hour is 16-17 Berlin.
    f.clock.set(local(NEW_YORK, "2026-03-02T10:00"));
    f.desk.changeGroup(BEA, t.id(), BERLIN_TEAM);
    assertEquals(local(BERLIN, "2026-03-02T17:00"), timer(t, SlaTarget.FIRST_REPLY).dueAt());
    // Resolution: 3h counted, 13h left in Berlin: Mon 16-17, Tue 9-17, Wed off, Thu 9-13.
    assertEquals(local(BERLIN, "2026-03-05T13:00"), timer(t, SlaTarget.RESOLUTION).dueAt());
  }

  @Test
  void aRegionFieldChangeSwitchesAPausedTimerWithoutLosingThePause() {
    f.clock.set(local(BERLIN, "2026-03-02T10:00"));
    Ticket t = f.desk.assign(BEA, open(BERLIN_TEAM).id(), BEA_ID);
    f.desk.reply(BEA, t.id(), "Which booking?");
    f.clock.set(local(BERLIN, "2026-03-02T11:00")); // resolution: 1h counted
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    assertEquals(TimerState.PAUSED, timer(t, SlaTarget.RESOLUTION).state());
    f.clock.set(local(BERLIN, "2026-03-02T13:00")); // paused 2h in Berlin
    // The group rule for Berlin comes after the region rule: this ticket now counts in New York.
    f.desk.setFields(BEA, t.id(), Map.of("region", "us"));
    SlaStatus paused = timer(t, SlaTarget.RESOLUTION);
    assertEquals(TimerState.PAUSED, paused.state());
    assertEquals(Duration.ofHours(15), paused.remaining());
    f.clock.set(local(NEW_YORK, "2026-03-03T10:00"));
    f.desk.reply(ANA, t.id(), "Booking 42.");
    SlaStatus resumed = timer(t, SlaTarget.RESOLUTION);
    assertEquals(TimerState.RUNNING, resumed.state());
    // Paused: 2h in Berlin, then Mon 9-17 and Tue 9-10 in New York.
    assertEquals(Duration.ofHours(11), resumed.pausedSoFar());
    assertEquals(Duration.ofHours(15), resumed.remaining());
    // Tue 10-17 and Wed 9-17 in New York (Berlin's holiday does not count here).
    assertEquals(local(NEW_YORK, "2026-03-04T17:00"), resumed.dueAt());
  }

  @Test
  void theMonitorWarnsAndBreachesInTheTicketsCalendar() {
    f.clock.set(utc("2026-03-02T09:00:00Z"));
    Ticket t = open(NEW_YORK_TEAM);
    var monitor = f.desk.slaMonitor().orElseThrow();
    // 75% of 4h: 12:00 New York.
    f.clock.set(local(NEW_YORK, "2026-03-02T11:59:59"));
    assertEquals(0, monitor.tick());
    f.clock.set(local(NEW_YORK, "2026-03-02T12:00"));
    assertEquals(1, monitor.tick());
    f.clock.set(local(NEW_YORK, "2026-03-02T13:00"));
    assertEquals(1, monitor.tick());
    var sla =
        f.tickets.history(t.id()).stream()
            .filter(e -> e instanceof TicketEvent.SlaBreached)
            .map(e -> ((TicketEvent.SlaBreached) e).dueAt())
            .toList();
    assertEquals(List.of(local(NEW_YORK, "2026-03-02T13:00")), sla);
  }

  @Test
  void pendingRemindersCountInTheTicketsCalendar() {
    f.clock.set(local(NEW_YORK, "2026-03-02T13:00"));
    Ticket t = f.desk.assign(BEA, open(NEW_YORK_TEAM).id(), BEA_ID);
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    // 8 business hours in New York: Mon 13-17, Tue 9-13 (in Berlin it would be Tue 9 to Thu 11).
    f.clock.set(local(NEW_YORK, "2026-03-03T12:59:59"));
    assertEquals(0, f.desk.followUpPendingTickets());
    f.clock.set(local(NEW_YORK, "2026-03-03T13:00"));
    assertEquals(1, f.desk.followUpPendingTickets());
  }

  @Test
  void aPendingTicketMovedToAnotherCalendarGetsItsReminderAfterTheTimeLeft() {
    f.clock.set(local(BERLIN, "2026-03-02T13:00"));
    Ticket t = f.desk.assign(BEA, open(BERLIN_TEAM).id(), BEA_ID);
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    // Planned in Berlin: Mon 13-17, Tue 9-13. At 15:00 Berlin (09:00 New York) it moves with 6h
    // left, which New York counts until 15:00 the same day.
    f.clock.set(local(BERLIN, "2026-03-02T15:00"));
    f.desk.changeGroup(BEA, t.id(), NEW_YORK_TEAM);
    f.clock.set(local(NEW_YORK, "2026-03-02T14:59:59"));
    assertEquals(0, f.desk.followUpPendingTickets());
    f.clock.set(local(NEW_YORK, "2026-03-02T15:00"));
    assertEquals(1, f.desk.followUpPendingTickets());
  }

  @Test
  void aRuleNeedsAMatchAndACalendar() {
    ValidationException noMatch =
        assertThrows(ValidationException.class, () -> new CalendarRule(null, BERLIN_HOURS));
    assertEquals("match", noMatch.field());
    ValidationException noCalendar =
        assertThrows(
            ValidationException.class,
            () -> SlaSettings.builder(BERLIN_HOURS).calendar(TicketMatch.any(), null));
    assertEquals("calendar", noCalendar.field());
  }
}
