package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.request;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whatever the times at which the job runs, a ticket never waits on an agent longer than the rule
 * allows, in business time, without the rule acting on it, and the rule never acts early, never
 * goes back to an agent, never reassigns more often than allowed and never acts after a reply.
 */
class NoReplyPropertiesTest {

  private static final Actor ADMIN = Actor.system("admin");
  private static final Actor NO_REPLY = Actor.system("no-reply");
  private static final GroupId RAIL = GroupId.of("rail");
  private static final GroupId SUPERVISORS = GroupId.of("supervisors");

  @Test
  void aTicketNeverWaitsLongerThanTheRuleAllowsWithoutAnAction() {
    qt().withExamples(150)
        .forAll(
            integers().between(1, 600), // the rule's wait, in minutes of business time
            integers().between(0, 3), // reassignments
            lists().of(integers().between(1, 4000)).ofSizeBetween(1, 25), // minutes between runs
            integers().between(-1, 30)) // the run before which the agent replies; -1 never
        .checkAssert(
            (within, reassignments, steps, replyAt) ->
                run(Duration.ofMinutes(within), reassignments, steps, replyAt));
  }

  private static void run(Duration within, int reassignments, List<Integer> steps, int replyAt) {
    DeskFixture f =
        new DeskFixture(
            b ->
                b.sla(NoReplyTest.OFFICE_SLA)
                    .assignment(
                        AssignmentPolicy.builder()
                            .noReply(within, reassignments)
                            .escalationGroup(SUPERVISORS)
                            .build()));
    for (int i = 0; i < 5; i++) {
      f.desk.saveAgent(
          ADMIN, Agent.of("r-" + i, "R" + i, "r" + i + "@desk.example").withGroups(Set.of(RAIL)));
    }
    f.desk.saveAgent(
        ADMIN, Agent.of("a-sue", "Sue", "sue@desk.example").withGroups(Set.of(SUPERVISORS)));
    f.clock.set(Instant.parse("2026-03-06T15:17:00Z")); // a Friday afternoon
    Ticket t = f.desk.open(ANA, request("c-ana").group("rail").build());
    boolean replied = false;
    for (int i = 0; i < steps.size(); i++) {
      f.clock.advance(Duration.ofMinutes(steps.get(i)));
      if (i == replyAt) {
        Ticket now = f.tickets.byId(t.id()).orElseThrow();
        f.desk.reply(Actor.agent(now.assignee().orElseThrow().value()), t.id(), "On it");
        replied = true;
      }
      f.desk.escalateOverdue();
      check(f, t, within, reassignments, replied);
    }
  }

  private static void check(
      DeskFixture f, Ticket t, Duration within, int reassignments, boolean replied) {
    Instant now = f.clock.instant();
    List<TicketEvent> history = f.tickets.history(t.id());
    Instant last = null;
    Instant repliedAt = null;
    int moved = 0;
    int escalated = 0;
    Set<AgentId> had = new HashSet<>();
    for (TicketEvent e : history) {
      boolean byRule = e.actor().equals(NO_REPLY);
      if (e instanceof TicketEvent.MessageAdded m && m.actor() instanceof Actor.Agent) {
        repliedAt = m.at();
      }
      if (byRule && repliedAt != null) {
        throw new AssertionError("the rule acted after a reply: " + e);
      }
      if (e instanceof TicketEvent.Escalated) {
        escalated++;
        requireNotEarly(last, e.at(), within, e);
      } else if (e instanceof TicketEvent.Assigned a && a.to().isPresent() && escalated == 0) {
        if (byRule) {
          moved++;
          requireNotEarly(last, e.at(), within, e);
          if (!a.reason().equals(java.util.Optional.of(NoReplyRule.REASON))) {
            throw new AssertionError("a reassignment without its reason: " + e);
          }
        }
        if (!had.add(a.to().get())) {
          throw new AssertionError("back to an agent the ticket had: " + e);
        }
        last = a.at();
      }
    }
    if (moved > reassignments || escalated > 1) {
      throw new AssertionError(moved + " reassignments, " + escalated + " escalations: " + history);
    }
    if (escalated == 0 && !replied) {
      Duration waited = NoReplyTest.OFFICE.between(last, now);
      if (waited.compareTo(within) >= 0) {
        throw new AssertionError(
            "waited " + waited + " of business time (rule " + within + ") at " + now);
      }
    }
  }

  private static void requireNotEarly(Instant last, Instant at, Duration within, TicketEvent e) {
    Duration waited = NoReplyTest.OFFICE.between(last, at);
    if (waited.compareTo(within) < 0) {
      throw new AssertionError("acted after only " + waited + " of " + within + ": " + e);
    }
  }
}
