package dev.helpdesk.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each built-in strategy and the chain, on fixed candidate lists. */
class StrategiesTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Ticket ticket(String... tags) {
    NewTicket.Builder b =
        NewTicket.builder().requester("c-1", "Ana", "ana@example.com").subject("Seat missing");
    for (String t : tags) {
      b.tag(t);
    }
    return TicketEdit.open(
            TicketId.random(),
            TicketKey.of("HD", 1000),
            b.build(),
            Optional.empty(),
            dev.helpdesk.actor.Actor.customer("c-1"),
            T0,
            StatusTransitions.defaults())
        .current();
  }

  static Candidate candidate(String id, int load, int capacity, long lastAssigned) {
    Agent agent =
        Agent.of(id, "Agent " + id, id + "@desk.example").withCapacity(Capacity.of(capacity));
    return new Candidate(
        agent,
        load,
        capacity,
        lastAssigned,
        lastAssigned == 0 ? Optional.empty() : Optional.of(T0.plusSeconds(lastAssigned)));
  }

  static Optional<String> pick(AssignmentStrategy s, Ticket t, Candidates c) {
    return s.choose(t, c).map(AgentId::value);
  }

  @Test
  void roundRobinTakesTheAgentIdleLongestNeverAssignedFirst() {
    Candidates c =
        Candidates.of(
            List.of(candidate("a", 0, 5, 7), candidate("b", 3, 5, 2), candidate("c", 1, 5, 0)));
    assertEquals(Optional.of("c"), pick(Strategies.roundRobin(), ticket(), c));
    Candidates assigned = Candidates.of(List.of(candidate("a", 0, 5, 7), candidate("b", 3, 5, 2)));
    assertEquals(Optional.of("b"), pick(Strategies.roundRobin(), ticket(), assigned));
  }

  @Test
  void withSkillsKeepsOnlyAgentsWithEverySkillAndAnEmptySetKeepsEveryone() {
    Candidate de = skilled(candidate("de", 0, 5, 1), "lang:de");
    Candidate both = skilled(candidate("both", 2, 5, 2), "lang:de", "product:rail");
    Candidate none = candidate("none", 0, 5, 0);
    Candidates c = Candidates.of(List.of(de, both, none));
    assertEquals(
        List.of("both"),
        c.withSkills(Set.of("lang:de", "product:rail")).byLoad().map(x -> x.id().value()).toList());
    assertEquals(
        List.of("de", "both"),
        c.withSkills(Set.of("lang:de")).byLoad().map(x -> x.id().value()).toList());
    assertEquals(3L, c.withSkills(Set.of()).byIdle().count());
    assertEquals(Optional.empty(), c.withSkills(Set.of("lang:fi")).find(AgentId.of("de")));
    assertEquals(
        Optional.of("de"),
        pick(
            Strategies.skills(Strategies.skillsFromTags(), Strategies.roundRobin()),
            ticket("skill:lang:de"),
            c));
  }

  static Candidate skilled(Candidate c, String... skills) {
    return new Candidate(
        c.agent().withSkills(Set.of(skills)),
        c.load(),
        c.capacity(),
        c.lastAssigned(),
        c.lastAssignedAt());
  }

  @Test
  void leastLoadedTakesTheFewestActiveTiesToTheLongestIdle() {
    Candidates c =
        Candidates.of(
            List.of(candidate("a", 2, 5, 1), candidate("b", 1, 5, 9), candidate("c", 1, 5, 4)));
    assertEquals(Optional.of("c"), pick(Strategies.leastLoaded(), ticket(), c));
  }

  @Test
  void mostSpareCapacityComparesPercentagesNotCounts() {
    Candidates c =
        Candidates.of(
            List.of(
                candidate("big", 5, 10, 0), // 50 %
                candidate("small", 1, 4, 0), // 75 %
                candidate("full", 2, 2, 0))); // 0 %
    assertEquals(Optional.of("small"), pick(Strategies.mostSpareCapacity(), ticket(), c));
    assertEquals(75.0, candidate("small", 1, 4, 0).sparePercent());
    assertEquals(100.0, candidate("u", 3, Capacity.UNLIMITED, 0).sparePercent());
  }

  @Test
  void skillsBasedTakesOnlyAgentsWithEverySkillAndPassesOtherwise() {
    Candidate de = withSkills(candidate("de", 3, 5, 0), "lang:de");
    Candidate deRail = withSkills(candidate("derail", 4, 5, 0), "lang:de", "product:rail");
    Candidate none = candidate("none", 0, 5, 0);
    Candidates c = Candidates.of(List.of(de, deRail, none));
    AssignmentStrategy skills =
        Strategies.skills(Strategies.skillsFromTags(), Strategies.leastLoaded());
    assertEquals(Optional.of("de"), pick(skills, ticket("skill:lang:de"), c));
    assertEquals(
        Optional.of("derail"), pick(skills, ticket("skill:lang:de", "skill:product:rail"), c));
    assertEquals(Optional.empty(), pick(skills, ticket("skill:lang:fr"), c));
    assertEquals(Optional.of("none"), pick(skills, ticket("vip"), c), "no skill required");
    assertEquals(
        Set.of("lang:de"), Strategies.skillsFromTags().apply(ticket("skill:lang:de", "x")));
  }

  @Test
  void customerAffinityTakesThePreviousAgentOnlyWhenEligible() {
    List<Candidate> list = List.of(candidate("a", 0, 5, 0), candidate("b", 4, 5, 0));
    assertEquals(
        Optional.of("b"),
        pick(
            Strategies.customerAffinity(),
            ticket(),
            Candidates.of(list, Optional.of(AgentId.of("b")))));
    assertEquals(
        Optional.empty(),
        pick(
            Strategies.customerAffinity(),
            ticket(),
            Candidates.of(list, Optional.of(AgentId.of("gone")))));
    assertEquals(
        Optional.empty(),
        pick(
            Strategies.customerAffinity(),
            ticket(),
            Candidates.of(list, Optional.of(AgentId.of("b"))).narrow(x -> x.load() < 4)),
        "a narrowed view hides the previous agent too");
  }

  @Test
  void aChainTriesEachStrategyInTurn() {
    Candidates c = Candidates.of(List.of(candidate("a", 2, 5, 0), candidate("b", 1, 5, 0)));
    AssignmentStrategy pass = (t, x) -> Optional.empty();
    AssignmentStrategy alwaysA = (t, x) -> Optional.of(AgentId.of("a"));
    assertEquals(
        Optional.of("a"),
        pick(Strategies.chain(pass, alwaysA, Strategies.leastLoaded()), ticket(), c));
    assertEquals(
        Optional.of("b"), pick(Strategies.chain(pass, Strategies.leastLoaded()), ticket(), c));
    assertEquals(Optional.empty(), pick(Strategies.chain(pass, pass), ticket(), c));
    assertEquals(Optional.of("b"), pick(pass.orElse(Strategies.leastLoaded()), ticket(), c));
    assertEquals(
        "strategies", assertThrows(ValidationException.class, () -> Strategies.chain()).field());
  }

  @Test
  void nobodyEligibleMeansNoChoice() {
    Candidates none = Candidates.of(List.of());
    for (AssignmentStrategy s :
        List.of(
            Strategies.roundRobin(),
            Strategies.leastLoaded(),
            Strategies.mostSpareCapacity(),
            Strategies.customerAffinity())) {
      assertEquals(Optional.empty(), s.choose(ticket(), none));
    }
    assertEquals(true, none.isEmpty());
  }

  static Candidate withSkills(Candidate c, String... skills) {
    return new Candidate(
        c.agent().withSkills(Set.of(skills)),
        c.load(),
        c.capacity(),
        c.lastAssigned(),
        c.lastAssignedAt());
  }
}
