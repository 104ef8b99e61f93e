package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What automatic assignment knows of an agent (skills, capacity in all and per channel,
 * availability, escalation group) survives {@code hd_agent}, {@code hd_agent_skill} and the
 * capacity JSON column, and a save replaces all of it. The core's {@code AgentsContract} predates
 * these fields.
 */
abstract class AgentAssignmentFieldsContract {

  private static final List<String> CHANNELS = List.of("CHAT", "EMAIL", "PHONE", "WEB");
  private static final AtomicInteger IDS = new AtomicInteger();

  /** An empty agent store of the database under test. */
  protected abstract Agents agents();

  private static Agent full() {
    return new Agent(
        AgentId.of("a-bea"),
        "Bea",
        EmailAddress.of("bea@example.com"),
        Set.of(GroupId.of("rail"), GroupId.of("refunds")),
        Set.of("lang:de", "product:rail"),
        Capacity.of(8).withChannel("CHAT", 2).withChannel("PHONE", 0),
        Availability.AWAY,
        Optional.of(GroupId.of("supervisors")));
  }

  @Test
  void everyAssignmentFieldReadsBack() {
    Agents agents = agents();
    Agent bea = full();
    agents.save(bea);
    assertEquals(Optional.of(bea), agents.byId(bea.id()));
    assertEquals(List.of(bea), agents.all());
  }

  @Test
  void anAgentWithoutLimitsReadsBackUnlimitedAndOnline() {
    Agents agents = agents();
    Agent plain = Agent.of("a-cy", "Cy", "cy@example.com");
    agents.save(plain);
    Agent read = agents.byId(plain.id()).orElseThrow();
    assertEquals(plain, read);
    assertEquals(true, read.capacity().isUnlimited());
    assertEquals(Availability.ONLINE, read.availability());
  }

  @Test
  void aSaveReplacesSkillsCapacityAvailabilityAndEscalationGroup() {
    Agents agents = agents();
    agents.save(full());
    Agent changed =
        full()
            .withSkills(Set.of("lang:fr"))
            .withCapacity(Capacity.of(3))
            .withAvailability(Availability.OFFLINE)
            .withEscalationGroup(Optional.empty());
    agents.save(changed);
    assertEquals(Optional.of(changed), agents.byId(changed.id()));
    assertEquals(List.of(changed), agents.all());
  }

  @Test
  void anyCapacityAndSkillSetRoundTrips() {
    Agents agents = agents();
    qt().withExamples(40)
        .forAll(
            integers().between(0, 500),
            lists().of(integers().between(-1, 20)).ofSize(CHANNELS.size()),
            lists().of(integers().between(0, 30)).ofSizeBetween(0, 8))
        .check(
            (total, perChannel, skillNumbers) -> {
              Map<String, Integer> limits = new TreeMap<>();
              for (int i = 0; i < CHANNELS.size(); i++) {
                if (perChannel.get(i) >= 0) {
                  limits.put(CHANNELS.get(i), perChannel.get(i));
                }
              }
              Set<String> skills = new HashSet<>();
              skillNumbers.forEach(n -> skills.add("skill:" + n));
              Agent agent =
                  Agent.of("a-" + IDS.incrementAndGet(), "Agent", "agent@example.com")
                      .withSkills(skills)
                      .withCapacity(new Capacity(total, limits));
              agents.save(agent);
              return agents.byId(agent.id()).orElseThrow().equals(agent);
            });
  }
}
