package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket whose group moves it to another team's calendar while its timers run and while one is
 * paused, on a database: the calendar is derived from the stored ticket at each change, and what
 * the timers counted before the switch survives in their stored document, also through a new desk
 * over the same database.
 */
abstract class SlaCalendarSwitchScenario {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");
  private static final GroupId NEW_YORK_TEAM = GroupId.of("new-york");

  /** A store over an empty database. */
  abstract JpaHelpDeskStore freshStore();

  private JpaHelpDeskStore store;
  private final SettableClock clock = SettableClock.at(berlin("2026-03-02T10:00").toString());

  @BeforeEach
  void setUp() {
    store = freshStore();
  }

  private static Instant berlin(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
  }

  private static Instant newYork(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(NEW_YORK).toInstant();
  }

  private HelpDesk desk() {
    SlaSettings sla =
        SlaSettings.builder(
                BusinessCalendar.builder(BERLIN)
                    .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                    .build())
            .calendar(
                TicketMatch.group(NEW_YORK_TEAM),
                BusinessCalendar.builder(NEW_YORK)
                    .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                    .build())
            .policy(
                SlaPolicy.named("normal")
                    .firstReply(Duration.ofHours(4))
                    .resolution(Duration.ofHours(16))
                    .build())
            .onWarning()
            .onBreach()
            .build();
    HelpDesk desk = store.configure(HelpDesk.builder()).clock(clock).sla(sla).build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    return desk;
  }

  private static SlaStatus timer(HelpDesk desk, Ticket t, SlaTarget target) {
    return desk.slaStatus(BEA, t.id()).stream()
        .filter(s -> s.target() == target)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void timersSwitchingCalendarKeepTheBusinessTimeCountedInTheOldOne() {
    HelpDesk desk = desk();
    Ticket t =
        desk.open(
            ANA,
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Seat missing")
                .description("Not shown.")
                .build());
    desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    clock.set(berlin("2026-03-02T12:00")); // 2h counted in Berlin
    desk.changeGroup(BEA, t.id(), NEW_YORK_TEAM);
    // 2h left from New York's opening; resolution: 14h left, Mon and Tue until 15:00 New York.
    assertEquals(newYork("2026-03-02T11:00"), timer(desk, t, SlaTarget.FIRST_REPLY).dueAt());
    assertEquals(newYork("2026-03-03T15:00"), timer(desk, t, SlaTarget.RESOLUTION).dueAt());
    clock.set(newYork("2026-03-02T10:00")); // 1h more, in New York
    desk.reply(BEA, t.id(), "Which booking?");
    desk.changeStatus(BEA, t.id(), Status.PENDING);

    // Another desk over the same database carries on from the stored timers.
    HelpDesk other = desk();
    clock.set(newYork("2026-03-03T10:00")); // paused Mon 10-17 and Tue 9-10 in New York: 8h
    other.reply(ANA, t.id(), "Booking 42.");
    SlaStatus resolution = timer(other, t, SlaTarget.RESOLUTION);
    assertEquals(TimerState.RUNNING, resolution.state());
    assertEquals(Duration.ofHours(8), resolution.pausedSoFar());
    assertEquals(Duration.ofHours(13), resolution.remaining());
    // Tue 10-17 and Wed 9-15 in New York.
    assertEquals(newYork("2026-03-04T15:00"), resolution.dueAt());
    assertEquals(berlin("2026-03-02T10:00"), resolution.startedAt());
  }
}
