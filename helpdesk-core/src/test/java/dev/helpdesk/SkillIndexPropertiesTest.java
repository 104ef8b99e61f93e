package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.AssignmentStrategy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The roster's index per skill chooses exactly as walking every eligible agent and checking the
 * skills would: for generated rosters (skills, groups, chat limits, availability) and operations
 * that change them while tickets come and go.
 */
class SkillIndexPropertiesTest {

  private static final Actor STAFF = Actor.system("test");
  private static final Actor ADMIN = Actor.system("admin");
  private static final List<String> SKILLS = List.of("lang:de", "lang:fi", "product:rail");
  private static final List<String> GROUPS = List.of("rail", "hotels");

  /** A strategy that decides by the skill index and records where the plain walk disagrees. */
  private static final class Checked implements AssignmentStrategy {
    final AssignmentStrategy among;
    final AssignmentStrategy indexed;
    final List<String> disagreements = new ArrayList<>();
    int decisions;

    Checked(AssignmentStrategy among) {
      this.among = among;
      this.indexed = Strategies.skills(Strategies.skillsFromTags(), among);
    }

    @Override
    public Optional<AgentId> choose(Ticket ticket, dev.helpdesk.assignment.Candidates candidates) {
      decisions++;
      Optional<AgentId> fast = indexed.choose(ticket, candidates);
      Set<String> needed = Strategies.skillsFromTags().apply(ticket);
      Optional<AgentId> walked =
          among.choose(ticket, candidates.narrow(c -> c.agent().hasSkills(needed)));
      if (!fast.equals(walked)) {
        disagreements.add(ticket.tags() + " " + ticket.group() + ": " + fast + " vs " + walked);
      }
      return fast;
    }
  }

  private static Set<String> subset(int bits, List<String> of) {
    Set<String> chosen = new LinkedHashSet<>();
    for (int i = 0; i < of.size(); i++) {
      if ((bits & (1 << i)) != 0) {
        chosen.add(of.get(i));
      }
    }
    return chosen;
  }

  private static Set<GroupId> groups(int bits) {
    Set<GroupId> groups = new LinkedHashSet<>();
    for (String g : subset(bits, GROUPS)) {
      groups.add(GroupId.of(g));
    }
    return groups;
  }

  /**
   * Each operation is a number: its last digit says what happens (0-4 open a ticket, 5 solve the
   * agent's oldest ticket, 6 offline, 7 online, 8 new skills, 9 new groups), the rest is its
   * argument (the skills and group a ticket requires, the skills or groups an agent gets).
   */
  @Test
  void theSkillIndexChoosesAsTheWalkOverEveryAgentDoes() {
    qt().withExamples(120)
        .forAll(
            lists().of(integers().between(0, 63)).ofSizeBetween(1, 8),
            lists().of(integers().between(0, 9_999)).ofSizeBetween(1, 80),
            integers().between(0, 2))
        .checkAssert(
            (agentCodes, ops, strategy) -> {
              Checked checked =
                  new Checked(
                      List.of(
                              Strategies.leastLoaded(),
                              Strategies.roundRobin(),
                              Strategies.mostSpareCapacity())
                          .get(strategy));
              SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
              InMemoryOutbox outbox = new InMemoryOutbox();
              InMemoryTickets tickets = new InMemoryTickets(outbox);
              HelpDesk desk =
                  HelpDesk.builder()
                      .clock(clock)
                      .tickets(tickets, outbox)
                      .notifier(n -> {})
                      .assignment(AssignmentPolicy.builder().strategy(checked).build())
                      .build();
              List<Agent> agents = new ArrayList<>();
              for (int a = 0; a < agentCodes.size(); a++) {
                int code = agentCodes.get(a);
                Capacity capacity = Capacity.of(1 + code % 4);
                if (code % 3 == 0) {
                  capacity = capacity.withChannel("CHAT", 1);
                }
                Agent agent =
                    Agent.of("a" + a, "A" + a, "a" + a + "@desk.example")
                        .withSkills(subset(code, SKILLS))
                        .withGroups(groups(code >> 3));
                agent = agent.withCapacity(capacity);
                agents.add(agent);
                desk.saveAgent(ADMIN, agent);
              }
              for (int i = 0; i < ops.size(); i++) {
                int op = ops.get(i) % 10;
                int arg = ops.get(i) / 10;
                int index = i % agents.size();
                Agent target = agents.get(index);
                clock.advance(Duration.ofSeconds(1));
                if (op <= 4) {
                  NewTicket.Builder request =
                      NewTicket.builder()
                          .requester("c-" + i, "Customer " + i, "c" + i + "@example.com")
                          .subject("Question " + i)
                          .channel(arg % 2 == 0 ? Channel.CHAT : Channel.EMAIL);
                  for (String skill : subset(arg / 2, SKILLS)) {
                    request.tag(Strategies.SKILL_TAG_PREFIX + skill);
                  }
                  int group = (arg / 16) % 3;
                  if (group < GROUPS.size()) {
                    request.group(GROUPS.get(group));
                  }
                  Ticket t = desk.open(STAFF, request.build());
                  t.assignee()
                      .ifPresent(
                          a ->
                              assertTrue(
                                  agentNamed(agents, a)
                                      .hasSkills(Strategies.skillsFromTags().apply(t)),
                                  "assigned without the skills"));
                } else if (op == 5) {
                  tickets.byAssignee(target.id(), 1).stream()
                      .findFirst()
                      .ifPresent(t -> desk.changeStatus(STAFF, t.id(), Status.SOLVED));
                } else if (op == 6 || op == 7) {
                  Availability to = op == 6 ? Availability.OFFLINE : Availability.ONLINE;
                  desk.setAvailability(ADMIN, target.id(), to);
                  agents.set(index, target.withAvailability(to));
                } else {
                  Agent changed =
                      op == 8
                          ? target.withSkills(subset(arg, SKILLS))
                          : target.withGroups(groups(arg));
                  desk.saveAgent(ADMIN, changed);
                  agents.set(index, changed);
                }
              }
              assertEquals(List.of(), checked.disagreements);
            });
  }

  private static Agent agentNamed(List<Agent> agents, AgentId id) {
    return agents.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }
}
