package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A morning at a rail desk, then its figures: a customer writes twice about one cancelled train
 * (the duplicate is merged), rates the solve bad (it goes to the supervisors), a second ticket is
 * linked to the first, and the desk reports first reply and resolution times, SLA compliance,
 * satisfaction per agent and the load.
 */
public final class InsightsMain {

  private InsightsMain() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}; returns the morning's report. */
  public static MetricsReport run(PrintStream out) {
    SettableClock clock = SettableClock.at("2026-03-02T08:00:00Z");
    Instant start = clock.instant();
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .notifier(n -> {})
            .sla(
                SlaSettings.builder(BusinessCalendar.alwaysOpen())
                    .policy(
                        SlaPolicy.named("standard")
                            .firstReply(Duration.ofHours(1))
                            .resolution(Duration.ofHours(8))
                            .build())
                    .build())
            .assignment(AssignmentPolicy.builder().automatic(false).build())
            .onBadRating(BadRatingAction.ESCALATE)
            .build();
    GroupId rail = GroupId.of("rail");
    GroupId leads = GroupId.of("leads");
    desk.saveAgent(
        Actor.system("admin"),
        new Agent(AgentId.of("a-bea"), "Bea", EmailAddress.of("bea@desk.example"), Set.of(rail))
            .withEscalationGroup(Optional.of(leads)));
    desk.saveAgent(
        Actor.system("admin"),
        new Agent(AgentId.of("a-lee"), "Lee", EmailAddress.of("lee@desk.example"), Set.of(leads)));
    Actor ana = Actor.customer("c-ana");
    Actor bea = Actor.agent("a-bea");

    out.println("08:00 Ana writes about her cancelled train, and again by mail a minute later");
    Ticket first = desk.open(ana, request("Train RX-881 cancelled, refund?"));
    clock.advance(Duration.ofMinutes(1));
    Ticket again = desk.open(ana, request("Refund for RX-881"));

    out.println("08:20 Bea merges the second into the first and answers");
    clock.advance(Duration.ofMinutes(19));
    desk.assign(bea, first.id(), AgentId.of("a-bea"));
    desk.merge(bea, again.id(), first.id());
    desk.reply(bea, first.id(), "Your refund of EUR 42 is on its way.");
    desk.changeStatus(bea, first.id(), Status.SOLVED);

    out.println("09:30 Ana rates it bad: the refund is short; it goes to the leads");
    clock.advance(Duration.ofMinutes(70));
    Ticket escalated = desk.rate(ana, first.id(), Rating.BAD, "I paid EUR 58, not 42.");
    out.printf(
        "      -> %s is %s in %s, queued for a lead%n",
        escalated.key(), escalated.status(), escalated.group().map(GroupId::value).orElse("-"));

    out.println("09:40 Lee takes it, pays the difference and solves; Ana is happy now");
    clock.advance(Duration.ofMinutes(10));
    desk.assign(Actor.agent("a-lee"), first.id(), AgentId.of("a-lee"));
    desk.reply(Actor.agent("a-lee"), first.id(), "Sorry: we refunded the missing EUR 16.");
    desk.changeStatus(Actor.agent("a-lee"), first.id(), Status.SOLVED);
    desk.rate(ana, first.id(), Rating.GOOD, null);

    out.println("10:00 Ana asks about her return trip; Bea links it to the first ticket");
    clock.advance(Duration.ofMinutes(20));
    Ticket returnTrip = desk.open(ana, request("Is my return trip on RX-882 affected?"));
    desk.link(bea, returnTrip.id(), first.id(), LinkKind.RELATED);

    out.printf("%nThe history of %s:%n", first.key());
    for (TicketEvent e : desk.ticket(bea, first.id()).history()) {
      out.printf("  %s%n", QuickstartMain.describe(e));
    }

    MetricsReport r = desk.metrics(bea, start, clock.instant().plusSeconds(1));
    out.printf("%nThe morning in figures:%n");
    out.printf("  opened              %d%n", r.opened());
    out.printf("  first reply         %s%n", stats(r.firstReply()));
    out.printf("  resolution          %s%n", stats(r.resolution()));
    out.printf("  reopened            %d%n", r.reopens());
    out.printf("  first reply SLA     %s%n", r.sla().get(SlaTarget.FIRST_REPLY));
    out.printf("  satisfaction        %s%n", r.satisfaction());
    out.printf("  by agent            %s%n", r.satisfactionByAgent());
    out.printf("  load now            %s%n", r.loadByAgent());
    out.printf("  queue now           %s%n", r.queueByPriority());
    return r;
  }

  private static NewTicket request(String subject) {
    return NewTicket.builder()
        .requester("c-ana", "Ana Traveller", "ana@example.com")
        .subject(subject)
        .description(subject)
        .build();
  }

  private static String stats(DurationStats s) {
    return s.count()
        + " ticket(s), average "
        + s.average().map(Duration::toString).orElse("-")
        + ", longest "
        + s.max().map(Duration::toString).orElse("-");
  }
}
