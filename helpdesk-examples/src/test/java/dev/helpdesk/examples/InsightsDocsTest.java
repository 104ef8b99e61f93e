package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/satisfaction-and-metrics.md, run. */
class InsightsDocsTest {

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private final Actor ana = Actor.customer("c-42");
  private final Actor bea = Actor.agent("a-7");

  private HelpDesk desk() {
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .onBadRating(BadRatingAction.ESCALATE) // REOPEN (default), ESCALATE or NOTHING
            .build();
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-7", "Bea", "bea@desk.example")
            .withEscalationGroup(Optional.of(GroupId.of("leads"))));
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-lead", "Lee", "lee@desk.example").withGroups(Set.of(GroupId.of("leads"))));
    return desk;
  }

  private Ticket solved(HelpDesk desk, String subject) {
    Ticket t = open(desk, subject);
    desk.assign(bea, t.id(), AgentId.of("a-7"));
    desk.reply(bea, t.id(), "Done.");
    return desk.changeStatus(bea, t.id(), Status.SOLVED);
  }

  private Ticket open(HelpDesk desk, String subject) {
    return desk.open(
        ana,
        NewTicket.builder()
            .requester("c-42", "Ana Traveller", "ana@example.com")
            .subject(subject)
            .description(subject)
            .build());
  }

  @Test
  void aGoodRatingIsRecordedAndABadOneGoesToTheSupervisors() {
    HelpDesk desk = desk();
    Ticket refunded = solved(desk, "Refund for RX-881");
    Ticket shortRefund = solved(desk, "Refund for RX-882");
    desk.rate(ana, refunded.id(), Rating.GOOD, "Quick and kind, thanks!");
    desk.rate(ana, shortRefund.id(), Rating.BAD, null); // a comment is optional
    assertEquals(Status.SOLVED, desk.ticket(bea, refunded.id()).ticket().status());
    Ticket escalated = desk.ticket(bea, shortRefund.id()).ticket();
    assertEquals(Status.OPEN, escalated.status());
    assertEquals(Optional.of(GroupId.of("leads")), escalated.group());
  }

  @Test
  void linksShowAtBothEndsAndUnlinkingRemovesThem() {
    HelpDesk desk = desk();
    Ticket older = open(desk, "Train RX-881 cancelled");
    Ticket newer = open(desk, "Return trip on RX-882?");
    Ticket a = open(desk, "Seat lost");
    Ticket b = open(desk, "Seat lost again");
    desk.link(bea, newer.id(), older.id(), LinkKind.FOLLOW_UP); // newer follows up older
    desk.link(bea, a.id(), b.id(), LinkKind.RELATED); // same incident, same booking
    desk.unlink(bea, a.id(), b.id());
    List<TicketLink> links = desk.ticket(bea, newer.id()).links(); // kind, outgoing, other, ...
    assertEquals(1, links.size());
    assertEquals(LinkKind.FOLLOW_UP, links.get(0).kind());
    assertTrue(links.get(0).outgoing());
    assertEquals(older.id(), links.get(0).other());
    assertEquals(List.of(), desk.ticket(bea, a.id()).links());
    assertEquals(1, desk.ticket(ana, older.id()).links().size(), "both ends, also for Ana");
  }

  @Test
  void aMergeCarriesTheDuplicatesMessagesAndClosesIt() {
    HelpDesk desk = desk();
    Ticket into = open(desk, "Refund for RX-881");
    Ticket duplicate = open(desk, "RX-881 refund, again");
    desk.assign(bea, into.id(), AgentId.of("a-7"));
    Ticket kept = desk.merge(bea, duplicate.id(), into.id());
    assertEquals(into.id(), kept.id());
    assertEquals(Status.CLOSED, desk.ticket(bea, duplicate.id()).ticket().status());
    assertEquals(2, desk.ticket(bea, into.id()).conversation().size());
  }

  @Test
  void theWeeksFiguresCountWhatHappenedInTheRange() {
    HelpDesk desk = desk();
    Instant from = clock.instant();
    Ticket t = open(desk, "Refund for RX-881");
    clock.advance(Duration.ofMinutes(30));
    desk.assign(bea, t.id(), AgentId.of("a-7"));
    desk.reply(bea, t.id(), "Refunded.");
    desk.changeStatus(bea, t.id(), Status.SOLVED);
    desk.rate(ana, t.id(), Rating.GOOD, null);
    open(desk, "Seat lost").id();
    Instant to = clock.instant().plusSeconds(1);
    Actor lead = Actor.agent("a-lead");
    MetricsReport week = desk.metrics(lead, from, to); // [from, to)
    Optional<Duration> firstReply = week.firstReply().average();
    OptionalDouble kept = week.sla().get(SlaTarget.FIRST_REPLY).compliance(); // 0..1, none: empty
    OptionalDouble happy = week.satisfactionByAgent().get(AgentId.of("a-7")).score();
    long waiting = week.queueByPriority().get(Priority.NORMAL); // now
    assertEquals(2, week.opened());
    assertEquals(Optional.of(Duration.ofMinutes(30)), firstReply);
    assertEquals(OptionalDouble.empty(), kept, "no SLA configured");
    assertEquals(OptionalDouble.of(1.0), happy);
    assertEquals(1, waiting);
  }
}
