package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.memory.InMemoryNoReplyDeadlines;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The no-reply rule: after the policy's business time without an agent reply, another agent, then
 * the supervisors.
 */
class NoReplyTest {

  static final GroupId RAIL = GroupId.of("rail");
  static final GroupId SUPERVISORS = GroupId.of("supervisors");
  static final Actor ADMIN = Actor.system("admin");

  /** Mon-Fri 09:00-17:00 UTC. */
  static final BusinessCalendar OFFICE =
      BusinessCalendar.builder(ZoneOffset.UTC)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
          .build();

  static final SlaSettings OFFICE_SLA =
      SlaSettings.builder(OFFICE)
          .policy(SlaPolicy.named("all").firstReply(Duration.ofHours(8)).build())
          .build();

  private final InMemoryNoReplyDeadlines deadlines = new InMemoryNoReplyDeadlines();

  /** A desk whose rail agents are a-bea, a-cal and a-dan, and whose supervisor is a-sue. */
  private DeskFixture desk(
      Duration within, int reassignments, UnaryOperator<HelpDeskBuilder> more) {
    DeskFixture f =
        new DeskFixture(
            b ->
                more.apply(
                    b.noReplyDeadlines(deadlines)
                        .assignment(
                            AssignmentPolicy.builder()
                                .noReply(within, reassignments)
                                .escalationGroup(SUPERVISORS)
                                .build())));
    for (String id : List.of("a-bea", "a-cal", "a-dan")) {
      f.desk.saveAgent(ADMIN, Agent.of(id, id, id + "@desk.example").withGroups(Set.of(RAIL)));
    }
    f.desk.saveAgent(
        ADMIN, Agent.of("a-sue", "Sue", "sue@desk.example").withGroups(Set.of(SUPERVISORS)));
    return f;
  }

  private static Ticket openForRail(DeskFixture f) {
    return f.desk.open(ANA, request("c-ana").group("rail").build());
  }

  private static Ticket now(DeskFixture f, Ticket t) {
    return f.tickets.byId(t.id()).orElseThrow();
  }

  private static List<TicketEvent.Assigned> assignments(DeskFixture f, Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(TicketEvent.Assigned.class::isInstance)
        .map(TicketEvent.Assigned.class::cast)
        .toList();
  }

  @Test
  void theWaitIsCountedInBusinessTimeAcrossTheWeekend() {
    DeskFixture f = desk(Duration.ofHours(2), 1, b -> b.sla(OFFICE_SLA));
    f.clock.set(Instant.parse("2026-03-06T16:00:00Z")); // a Friday, an hour before closing
    Ticket t = openForRail(f);
    AgentId first = t.assignee().orElseThrow();
    assertEquals(
        Instant.parse("2026-03-09T10:00:00Z"), // Monday: one hour on Friday, one on Monday
        deadlines.byTicket(t.id()).orElseThrow().dueAt());

    f.clock.set(Instant.parse("2026-03-06T18:00:00Z")); // two calendar hours later
    assertEquals(0, f.desk.escalateOverdue());
    f.clock.set(Instant.parse("2026-03-08T20:00:00Z")); // Sunday evening
    assertEquals(0, f.desk.escalateOverdue());
    f.clock.set(Instant.parse("2026-03-09T09:59:59Z"));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(Optional.of(first), now(f, t).assignee());

    f.clock.set(Instant.parse("2026-03-09T10:00:00Z"));
    assertEquals(1, f.desk.escalateOverdue());
    Ticket moved = now(f, t);
    AgentId second = moved.assignee().orElseThrow();
    assertNotEquals(first, second);
    TicketEvent.Assigned last = assignments(f, t).get(assignments(f, t).size() - 1);
    assertEquals(Optional.of(NoReplyRule.REASON), last.reason());
    assertEquals(Actor.system("no-reply"), last.actor());
    assertEquals(Optional.of(first), last.from());
    NoReplyDeadline next = deadlines.byTicket(t.id()).orElseThrow();
    assertEquals(Instant.parse("2026-03-09T12:00:00Z"), next.dueAt());
    assertEquals(1, next.attempts());
    assertEquals(List.of(first, second), next.agentsTried());
  }

  @Test
  void withoutSlasEveryHourCounts() {
    DeskFixture f = desk(Duration.ofHours(2), 0, b -> b);
    f.clock.set(Instant.parse("2026-03-06T16:00:00Z"));
    Ticket t = openForRail(f);
    f.clock.set(Instant.parse("2026-03-06T17:59:00Z"));
    assertEquals(0, f.desk.escalateOverdue());
    f.clock.set(Instant.parse("2026-03-06T18:00:00Z"));
    assertEquals(1, f.desk.escalateOverdue());
    assertEquals(Optional.of(AgentId.of("a-sue")), now(f, t).assignee());
  }

  @Test
  void reassignsToAgentsItHasNotHadThenEscalatesOnce() {
    DeskFixture f = desk(Duration.ofHours(1), 2, b -> b);
    Ticket t = openForRail(f);
    Set<AgentId> had = new HashSet<>(List.of(t.assignee().orElseThrow()));
    for (int i = 1; i <= 2; i++) {
      f.clock.advance(Duration.ofMinutes(59));
      assertEquals(0, f.desk.escalateOverdue());
      f.clock.advance(Duration.ofMinutes(1));
      assertEquals(1, f.desk.escalateOverdue());
      AgentId next = now(f, t).assignee().orElseThrow();
      assertTrue(had.add(next), "reassigned to an agent it had before: " + next);
      assertTrue(Set.of("a-bea", "a-cal", "a-dan").contains(next.value()));
    }
    f.clock.advance(Duration.ofHours(1));
    assertEquals(1, f.desk.escalateOverdue());
    Ticket escalated = now(f, t);
    assertEquals(Optional.of(AgentId.of("a-sue")), escalated.assignee());
    assertEquals(Optional.of(SUPERVISORS), escalated.group());
    List<TicketEvent.Escalated> escalations =
        f.tickets.history(t.id()).stream()
            .filter(TicketEvent.Escalated.class::isInstance)
            .map(TicketEvent.Escalated.class::cast)
            .toList();
    assertEquals(1, escalations.size());
    assertEquals(Actor.system("no-reply"), escalations.get(0).actor());
    assertTrue(escalations.get(0).reason().contains("2 reassignment"), escalations.get(0).reason());
    assertEquals(Optional.empty(), deadlines.byTicket(t.id()), "the rule is done with it");
    f.clock.advance(Duration.ofHours(5));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(
        2,
        assignments(f, t).stream().filter(a -> a.reason().isPresent()).count(),
        "two reassignments by the rule, the escalation's own assignment has no reason");
  }

  @Test
  void anAgentsPublicReplyStopsTheRule() {
    DeskFixture f = desk(Duration.ofHours(1), 2, b -> b);
    Ticket t = openForRail(f);
    AgentId agent = t.assignee().orElseThrow();
    f.clock.advance(Duration.ofMinutes(30));
    f.desk.note(Actor.agent(agent.value()), t.id(), "looking into it");
    assertTrue(deadlines.byTicket(t.id()).isPresent(), "an internal note is no reply");
    f.desk.reply(Actor.agent(agent.value()), t.id(), "On it");
    assertEquals(Optional.empty(), deadlines.byTicket(t.id()));
    f.clock.advance(Duration.ofHours(10));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(Optional.of(agent), now(f, t).assignee());
  }

  @Test
  void aReplyInTheMiddleOfTheChainStopsItToo() {
    DeskFixture f = desk(Duration.ofHours(1), 2, b -> b);
    Ticket t = openForRail(f);
    f.clock.advance(Duration.ofHours(1));
    assertEquals(1, f.desk.escalateOverdue());
    AgentId second = now(f, t).assignee().orElseThrow();
    f.desk.reply(Actor.agent(second.value()), t.id(), "Sorry for the wait");
    f.clock.advance(Duration.ofHours(10));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(Optional.of(second), now(f, t).assignee());
  }

  @Test
  void leavingOpenOrBeingUnassignedClearsTheDeadline() {
    DeskFixture f = desk(Duration.ofHours(1), 2, b -> b);
    Ticket pending = openForRail(f);
    Actor agent = Actor.agent(pending.assignee().orElseThrow().value());
    f.desk.changeStatus(agent, pending.id(), Status.PENDING);
    assertEquals(Optional.empty(), deadlines.byTicket(pending.id()));
    Ticket unassigned = openForRail(f);
    f.desk.unassign(ADMIN, unassigned.id());
    assertEquals(Optional.empty(), deadlines.byTicket(unassigned.id()));
    f.clock.advance(Duration.ofHours(3));
    assertEquals(0, f.desk.escalateOverdue());
  }

  @Test
  void anAssignmentByHandStartsANewChain() {
    DeskFixture f = desk(Duration.ofHours(1), 1, b -> b);
    Ticket t = openForRail(f);
    f.clock.advance(Duration.ofHours(1));
    assertEquals(1, f.desk.escalateOverdue());
    assertEquals(1, deadlines.byTicket(t.id()).orElseThrow().attempts());
    f.desk.assign(
        ADMIN,
        t.id(),
        AgentId.of("a-bea").equals(now(f, t).assignee().get())
            ? AgentId.of("a-cal")
            : AgentId.of("a-bea"));
    NoReplyDeadline fresh = deadlines.byTicket(t.id()).orElseThrow();
    assertEquals(0, fresh.attempts());
    assertEquals(List.of(now(f, t).assignee().orElseThrow()), fresh.agentsTried());
  }

  @Test
  void whenNobodyElseCanTakeItTheSupervisorsGetItAtOnce() {
    DeskFixture f = desk(Duration.ofHours(1), 3, b -> b);
    for (String id : List.of("a-cal", "a-dan")) {
      f.desk.setAvailability(ADMIN, AgentId.of(id), dev.helpdesk.agent.Availability.OFFLINE);
    }
    Ticket t = openForRail(f);
    assertEquals(Optional.of(AgentId.of("a-bea")), t.assignee());
    f.clock.advance(Duration.ofHours(1));
    assertEquals(1, f.desk.escalateOverdue());
    assertEquals(Optional.of(AgentId.of("a-sue")), now(f, t).assignee());
  }

  @Test
  void aTicketAlreadyWithTheSupervisorsIsNotChased() {
    DeskFixture f = desk(Duration.ofHours(1), 0, b -> b);
    f.desk.setAvailability(ADMIN, AgentId.of("a-sue"), dev.helpdesk.agent.Availability.OFFLINE);
    Ticket t = openForRail(f);
    f.clock.advance(Duration.ofHours(1));
    assertEquals(1, f.desk.escalateOverdue());
    assertEquals(Optional.empty(), now(f, t).assignee(), "no supervisor free: it waits");
    // Sue comes online and the queue gives her the ticket: a new assignment, in the supervisors'
    // group, which the rule leaves to them.
    f.desk.setAvailability(ADMIN, AgentId.of("a-sue"), dev.helpdesk.agent.Availability.ONLINE);
    assertEquals(Optional.of(AgentId.of("a-sue")), now(f, t).assignee());
    f.clock.advance(Duration.ofHours(3));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(Optional.of(AgentId.of("a-sue")), now(f, t).assignee());
    assertEquals(Optional.empty(), deadlines.byTicket(t.id()));
    assertEquals(
        1,
        f.tickets.history(t.id()).stream().filter(TicketEvent.Escalated.class::isInstance).count());
  }

  @Test
  void withoutAnEscalationGroupTheRuleLetsTheTicketBe() {
    DeskFixture f =
        new DeskFixture(
            b ->
                b.noReplyDeadlines(deadlines)
                    .assignment(
                        AssignmentPolicy.builder().noReply(Duration.ofHours(1), 0).build()));
    Ticket t = openForRail(f);
    f.clock.advance(Duration.ofHours(2));
    assertEquals(0, f.desk.escalateOverdue());
    assertEquals(t.assignee(), now(f, t).assignee());
    assertEquals(Optional.empty(), deadlines.byTicket(t.id()), "not tried again every run");
  }

  @Test
  void theDeprecatedEscalationIsTheRuleWithoutReassignments() {
    @SuppressWarnings("deprecation")
    AssignmentPolicy old =
        AssignmentPolicy.builder().escalateAfterNoReply(Duration.ofHours(2)).build();
    assertEquals(Optional.of(new NoReplyRule(Duration.ofHours(2), 0)), old.noReply());
    @SuppressWarnings("deprecation")
    Optional<Duration> within = old.escalateAfterNoReply();
    assertEquals(Optional.of(Duration.ofHours(2)), within);
  }

  @Test
  void badRulesAreRefusedNamingTheField() {
    AssignmentPolicy.Builder b = AssignmentPolicy.builder();
    assertEquals(
        "within",
        assertThrows(ValidationException.class, () -> b.noReply(Duration.ZERO, 1)).field());
    assertEquals(
        "within",
        assertThrows(ValidationException.class, () -> b.noReply(Duration.ofHours(-1), 1)).field());
    assertEquals(
        "within", assertThrows(ValidationException.class, () -> b.noReply(null, 1)).field());
    assertEquals(
        "within",
        assertThrows(ValidationException.class, () -> b.noReply(Duration.ofDays(366), 1)).field());
    assertEquals(
        "reassignments",
        assertThrows(ValidationException.class, () -> b.noReply(Duration.ofHours(1), -1)).field());
    assertEquals(
        "reassignments",
        assertThrows(ValidationException.class, () -> b.noReply(Duration.ofHours(1), 101)).field());
  }

  @Test
  void deadlinesAreValidatedNamingTheField() {
    var id = dev.helpdesk.ticket.TicketId.random();
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    AgentId bea = AgentId.of("a-bea");
    assertEquals(
        "agentsTried",
        assertThrows(ValidationException.class, () -> new NoReplyDeadline(id, 1, at, 0, List.of()))
            .field());
    assertEquals(
        "agentsTried",
        assertThrows(
                ValidationException.class,
                () -> new NoReplyDeadline(id, 1, at, 0, List.of(bea, bea)))
            .field());
    assertEquals(
        "ticketVersion",
        assertThrows(
                ValidationException.class, () -> new NoReplyDeadline(id, 0, at, 0, List.of(bea)))
            .field());
    assertEquals(
        "attempts",
        assertThrows(
                ValidationException.class, () -> new NoReplyDeadline(id, 1, at, -1, List.of(bea)))
            .field());
    List<AgentId> many = new ArrayList<>();
    for (int i = 0; i <= NoReplyDeadline.MAX_AGENTS; i++) {
      many.add(AgentId.of("a-" + i));
    }
    assertEquals(
        "agentsTried",
        assertThrows(ValidationException.class, () -> new NoReplyDeadline(id, 1, at, 0, many))
            .field());
  }
}
