package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SLA in business hours, in memory: an office calendar with a lunch break and a holiday, a policy
 * with a first-reply target, and the monitor ticking (on a {@link SettableClock}) through a warning
 * and a breach that mails the assignee and her supervisors. Prints what happens.
 */
public final class SlaMain {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private SlaMain() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}; returns the ticket's SLA timers as it ends. */
  public static List<SlaStatus> run(PrintStream out) {
    // Thursday 2026-04-02 16:00 in Berlin; Good Friday (04-03) and Easter Monday are holidays.
    SettableClock clock = SettableClock.at(berlin("2026-04-02T16:00").toString());
    BusinessCalendar office =
        BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
            .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
            .holidays(FixedHolidays.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)))
            .build();
    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(
                SlaPolicy.named("standard")
                    .priorities(Priority.NORMAL, Priority.HIGH)
                    .firstReply(Duration.ofHours(4))
                    .resolution(Duration.ofHours(21))
                    .warning(WarningLead.before(Duration.ofHours(1)))
                    .build())
            .onWarning(Escalation.notifyAssignee())
            .onBreach(
                Escalation.raisePriority(),
                Escalation.notifyAssignee(),
                Escalation.notifySupervisors())
            .build();
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .sla(sla)
            .notifier(
                n ->
                    out.printf(
                        "  mail to %s: %s %s%n",
                        n.recipient().email(), n.kind(), n.values().getOrDefault("slaTarget", "")))
            .listener(e -> out.printf("  event: %s%n", QuickstartMain.describe(e)))
            .build();
    GroupId supervisors = GroupId.of("supervisors");
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-7", "Bea Agent", "bea@desk.example")
            .withEscalationGroup(Optional.of(supervisors)));
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-9", "Sue Supervisor", "sue@desk.example").withGroups(Set.of(supervisors)));
    SlaMonitor monitor = desk.slaMonitor().orElseThrow();
    Actor customer = Actor.customer("c-42");
    Actor agent = Actor.agent("a-7");

    out.println("1. Thursday 16:00: a customer writes; Bea takes the ticket");
    Ticket ticket =
        desk.open(
            customer,
            NewTicket.builder()
                .requester("c-42", "Ana Traveller", "ana@example.com")
                .subject("Refund for a cancelled train")
                .description("RX-881 was cancelled; I would like a refund.")
                .build());
    desk.assign(agent, ticket.id(), AgentId.of("a-7"));
    desk.dispatchNotifications();
    // 16:00-17:00 Thursday, then Friday and Monday are holidays: 09:00-12:00 Tuesday.
    out.printf(
        "   -> first reply due %s (Tuesday 12:00 in Berlin, over Easter)%n",
        desk.firstReplyDue(customer, ticket.id()).orElseThrow());

    out.println("2. The monitor ticks every second; nothing is due over the long weekend");
    clock.set(berlin("2026-04-07T10:59"));
    out.printf("   -> Tuesday 10:59: %d ticket(s) due%n", monitor.tick());

    out.println("3. Tuesday 11:00: one business hour before due, the warning");
    clock.set(berlin("2026-04-07T11:00"));
    out.printf("   -> %d ticket(s) due%n", monitor.tick());
    desk.dispatchNotifications();

    out.println("4. Tuesday 12:00: no reply yet, the breach; priority goes up, supervisors hear");
    clock.set(berlin("2026-04-07T12:00"));
    out.printf("   -> %d ticket(s) due%n", monitor.tick());
    desk.dispatchNotifications();

    List<SlaStatus> timers = desk.slaStatus(agent, ticket.id());
    out.printf("%nTimers of %s:%n", ticket.key());
    for (SlaStatus s : timers) {
      out.printf(
          "  %s: %s, due %s, remaining %s%n", s.target(), s.state(), s.dueAt(), s.remaining());
    }
    return timers;
  }

  static java.time.Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }
}
