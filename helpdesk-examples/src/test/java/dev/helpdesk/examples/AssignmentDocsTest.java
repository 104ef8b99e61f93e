package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Candidate;
import dev.helpdesk.assignment.Candidates;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/assignment.md, run. */
class AssignmentDocsTest {

  @Test
  void thePolicyOfTheDocsRoutesByAffinityThenSkillThenLoad() {
    HelpDesk desk =
        HelpDesk.builder()
            .assignment(
                AssignmentPolicy.builder()
                    .strategy(
                        Strategies.chain(
                            Strategies.customerAffinity(), // the customer's previous agent
                            Strategies.skills(
                                Strategies.skillsFromTags(), Strategies.leastLoaded()),
                            Strategies.leastLoaded()))
                    .countPending(false) // NEW and OPEN count as load; PENDING too if true
                    .onOffline(AssignmentPolicy.OfflineRule.REQUEUE)
                    .noReply(Duration.ofHours(2), 1) // another agent, then supervisors
                    .escalationGroup(GroupId.of("supervisors"))
                    .build())
            .build();

    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-7", "Bea", "bea@desk.example")
            .withGroups(Set.of(GroupId.of("rail")))
            .withSkills(Set.of("lang:de", "product:rail"))
            .withCapacity(Capacity.of(8).withChannel("CHAT", 2))
            .withEscalationGroup(Optional.of(GroupId.of("rail-leads"))));
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-8", "Cal", "cal@desk.example").withSkills(Set.of("lang:fr")));

    Ticket german = open(desk, "c-1", "skill:lang:de");
    Ticket french = open(desk, "c-2", "skill:lang:fr");
    Ticket again = open(desk, "c-1", "skill:lang:fr");
    assertEquals(Optional.of(AgentId.of("a-7")), german.assignee());
    assertEquals(Optional.of(AgentId.of("a-8")), french.assignee());
    assertEquals(
        Optional.of(AgentId.of("a-7")), again.assignee(), "the customer's previous agent first");
  }

  @Test
  void aStrategyIsTestedWithoutADeskOnAViewOfCandidates() {
    Ticket vip =
        HelpDesk.builder()
            .build()
            .open(
                Actor.system("intake"),
                NewTicket.builder()
                    .requester("c-1", "Ana", "ana@example.com")
                    .subject("Upgrade to first class")
                    .tag("vip")
                    .build());
    Candidates candidates =
        Candidates.of(
            List.of(
                Candidate.of(Agent.of("a-1", "Jo", "jo@desk.example"), 0),
                Candidate.of(
                    Agent.of("a-2", "Sam", "sam@desk.example").withSkills(Set.of("senior")), 3),
                Candidate.of(
                    Agent.of("a-3", "Kim", "kim@desk.example").withSkills(Set.of("senior")), 1)));

    assertEquals(Optional.of(AgentId.of("a-3")), new VipToSeniors().choose(vip, candidates));
    Ticket plain = open(HelpDesk.builder().build(), "c-2", "normal");
    assertEquals(Optional.empty(), new VipToSeniors().choose(plain, candidates), "not ours");
  }

  private static Ticket open(HelpDesk desk, String customer, String tag) {
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Customer " + customer, customer + "@example.com")
            .subject("A question")
            .tag(tag)
            .build());
  }
}
