package dev.helpdesk.benchmarks;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.AssignmentStrategy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long one assignment decision takes when the best-ranked agents may not have the ticket: the
 * candidates either walk past them (a skill) or start from an index without them (a group, a
 * channel limit). With 100, 1,000 and 10,000 online agents, only the last 1% in both orders (by
 * load and by last assignment) are eligible. The other 99% hold one ticket each and were assigned
 * first; the eligible 1% hold two and were assigned last, so least-loaded and round-robin both rank
 * every ineligible agent before every eligible one.
 *
 * <ul>
 *   <li>{@code skill}: the ticket requires a skill ({@code skill:lang:fi}) only the eligible agents
 *       have; the strategy is {@code skills(skillsFromTags(), among)}.
 *   <li>{@code channelLimit}: every agent may hold one CHAT ticket; the 99% hold theirs (their
 *       ticket is a chat), the 1% hold two email tickets. The ticket is a chat.
 *   <li>{@code group}: the ticket is in group {@code billing}, which only the eligible agents are
 *       in; the others are in {@code support}.
 * </ul>
 *
 * <p>Only the decision is measured: it records nothing, so every call sees the same roster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AssignmentIneligibleBenchmark {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor SYSTEM = Actor.system("bench");
  private static final GroupId SUPPORT = GroupId.of("support");
  private static final GroupId BILLING = GroupId.of("billing");

  @Param({"100", "1000", "10000"})
  public int agents;

  @Param({"leastLoaded", "roundRobin"})
  public String strategy;

  @Param({"skill", "channelLimit", "group"})
  public String ineligibleBy;

  private Assignment assignment;
  private Ticket ticket;
  private long keys = 1000;

  @Setup
  public void setUp() {
    int eligibleFrom = agents - Math.max(1, agents / 100);
    InMemoryAgents roster = new InMemoryAgents();
    for (int i = 0; i < agents; i++) {
      boolean eligible = i >= eligibleFrom;
      Agent agent =
          Agent.of("a" + i, "Agent " + i, "a" + i + "@desk.example")
              .withCapacity(Capacity.of(1_000_000).withChannel(Channel.CHAT.name(), 1))
              .withSkills(Set.of(eligible ? "lang:fi" : "lang:en"))
              .withGroups(Set.of(eligible ? BILLING : SUPPORT));
      roster.save(agent);
    }
    AssignmentStrategy among =
        strategy.equals("roundRobin") ? Strategies.roundRobin() : Strategies.leastLoaded();
    AssignmentStrategy chosen =
        ineligibleBy.equals("skill")
            ? Strategies.skills(Strategies.skillsFromTags(), among)
            : among;
    assignment =
        new Assignment(
            AssignmentPolicy.builder().strategy(chosen).build(),
            new InMemoryTickets(new InMemoryOutbox()),
            roster,
            SettableClock.at(T0));
    // In agent order, so the eligible agents (the highest numbers) were assigned last.
    for (int i = 0; i < agents; i++) {
      AgentId agent = AgentId.of("a" + i);
      if (i < eligibleFrom) {
        assignment.stored(newTicket(Channel.CHAT).assign(agent, SYSTEM).done());
      } else {
        assignment.stored(newTicket(Channel.EMAIL).assign(agent, SYSTEM).done());
        assignment.stored(newTicket(Channel.EMAIL).assign(agent, SYSTEM).done());
      }
    }
    TicketEdit wanted = newTicket(ineligibleBy.equals("channelLimit") ? Channel.CHAT : Channel.WEB);
    if (ineligibleBy.equals("skill")) {
      wanted.addTags(Set.of(Strategies.SKILL_TAG_PREFIX + "lang:fi"));
    } else if (ineligibleBy.equals("group")) {
      wanted.changeGroup(Optional.of(BILLING));
    }
    ticket = wanted.current();
    AgentId first = assignment.choose(ticket).orElseThrow();
    if (Integer.parseInt(first.value().substring(1)) < eligibleFrom) {
      throw new IllegalStateException("chose an ineligible agent: " + first);
    }
  }

  private TicketEdit newTicket(Channel channel) {
    NewTicket request =
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Seat missing")
            .channel(channel)
            .build();
    return TicketEdit.open(
        TicketId.random(),
        TicketKey.of("HD", keys++),
        request,
        Optional.empty(),
        SYSTEM,
        T0,
        StatusTransitions.defaults());
  }

  @Benchmark
  public Optional<AgentId> decide() {
    return assignment.choose(ticket);
  }
}
