package dev.helpdesk;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** SLA settings for the desk tests: Berlin office hours with a lunch break, four policies. */
final class SlaFixture {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Mon-Fri 09:00-12:30 and 13:30-17:00 in Berlin. */
  static final BusinessCalendar OFFICE =
      BusinessCalendar.builder(BERLIN)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
          .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
          .build();

  static final SlaPolicy VIP =
      SlaPolicy.named("vip")
          .when(TicketMatch.tag("vip").or(TicketMatch.field("tier", "gold")))
          .firstReply(Duration.ofMinutes(30))
          .resolution(Duration.ofHours(4))
          .build();

  static final SlaPolicy RAIL_CHAT =
      SlaPolicy.named("rail-chat")
          .when(TicketMatch.channel(Channel.CHAT).and(TicketMatch.group(GroupId.of("rail"))))
          .firstReply(Duration.ofMinutes(15))
          .build();

  static final SlaPolicy URGENT =
      SlaPolicy.named("urgent")
          .priorities(Priority.URGENT)
          .firstReply(Duration.ofHours(1))
          .nextReply(Duration.ofHours(2))
          .periodicUpdate(Duration.ofHours(3))
          .resolution(Duration.ofHours(7))
          .build();

  static final SlaPolicy NORMAL =
      SlaPolicy.named("normal")
          .priorities(Priority.NORMAL, Priority.HIGH)
          .firstReply(Duration.ofHours(4))
          .nextReply(Duration.ofHours(4))
          .periodicUpdate(Duration.ofHours(7))
          .resolution(Duration.ofHours(14))
          .warning(WarningLead.before(Duration.ofHours(1)))
          .build();

  static SlaSettings.Builder settings() {
    return SlaSettings.builder(OFFICE).policy(VIP).policy(RAIL_CHAT).policy(URGENT).policy(NORMAL);
  }

  static DeskFixture desk() {
    return new DeskFixture(b -> b.sla(settings().build()));
  }

  static DeskFixture desk(SlaSettings settings) {
    return new DeskFixture(b -> b.sla(settings));
  }

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  static SlaStatus timer(DeskFixture f, Ticket t, SlaTarget target) {
    return f.desk.slaStatus(DeskFixture.BEA, t.id()).stream()
        .filter(s -> s.target() == target)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + target + " timer"));
  }

  static boolean hasTimer(DeskFixture f, Ticket t, SlaTarget target) {
    return f.desk.slaStatus(DeskFixture.BEA, t.id()).stream().anyMatch(s -> s.target() == target);
  }

  static List<TicketEvent> slaEvents(DeskFixture f, Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(e -> e instanceof TicketEvent.SlaWarned || e instanceof TicketEvent.SlaBreached)
        .toList();
  }

  static long count(List<TicketEvent> events, Class<?> kind, SlaTarget target, int cycle) {
    return events.stream()
        .filter(kind::isInstance)
        .filter(
            e ->
                e instanceof TicketEvent.SlaWarned w
                    ? w.target() == target && w.cycle() == cycle
                    : ((TicketEvent.SlaBreached) e).target() == target
                        && ((TicketEvent.SlaBreached) e).cycle() == cycle)
        .count();
  }

  static void escalations(SlaSettings.Builder b, Escalation... onBreach) {
    b.onBreach(onBreach);
  }

  private SlaFixture() {}
}
