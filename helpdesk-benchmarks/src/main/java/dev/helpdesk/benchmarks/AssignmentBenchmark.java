package dev.helpdesk.benchmarks;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 * How long one assignment decision takes with 100, 1,000 and 10,000 online agents, for least-loaded
 * and round-robin. The agents are indexed by load and by last assignment, so the cost should hardly
 * grow with their number.
 *
 * <ul>
 *   <li>{@code decide}: the strategy's choice among the eligible agents, nothing recorded.
 *   <li>{@code decideAndRecord}: the choice, then the roster updated for the assignment and for the
 *       ticket being solved again, so that loads and the round-robin order keep moving (round-robin
 *       walks through every agent in turn). The two ticket changes per agent are built in the
 *       setup: building tickets is not what is measured here.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AssignmentBenchmark {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor SYSTEM = Actor.system("bench");

  @Param({"100", "1000", "10000"})
  public int agents;

  @Param({"leastLoaded", "roundRobin"})
  public String strategy;

  private Assignment assignment;
  private Ticket ticket;
  private long keys = 1000;
  private Map<AgentId, TicketChange[]> changes;

  @Setup
  public void setUp() {
    InMemoryAgents roster = new InMemoryAgents();
    for (int i = 0; i < agents; i++) {
      // Loads spread over 0..9 so that least-loaded has real ties and real differences.
      roster.save(
          Agent.of("a" + i, "Agent " + i, "a" + i + "@desk.example")
              .withCapacity(Capacity.of(1_000_000)));
    }
    InMemoryTickets tickets = new InMemoryTickets(new InMemoryOutbox());
    assignment =
        new Assignment(
            AssignmentPolicy.builder()
                .strategy(
                    strategy.equals("roundRobin")
                        ? Strategies.roundRobin()
                        : Strategies.leastLoaded())
                .build(),
            tickets,
            roster,
            SettableClock.at(T0));
    ticket = newTicket().current();
    changes = new HashMap<>();
    for (int i = 0; i < agents; i++) {
      AgentId agent = AgentId.of("a" + i);
      // Give agents different loads: agent i holds i % 10 tickets.
      for (int k = 0; k < i % 10; k++) {
        assignment.stored(newTicket().assign(agent).done());
      }
      TicketChange assigned = newTicket().assign(agent, SYSTEM).done();
      TicketChange solved =
          TicketEdit.of(assigned.after(), SYSTEM, T0, StatusTransitions.defaults())
              .changeStatus(Status.SOLVED)
              .done();
      changes.put(agent, new TicketChange[] {assigned, solved});
    }
  }

  private TicketEdit newTicket() {
    NewTicket request =
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Seat missing")
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

  @Benchmark
  public Optional<AgentId> decideAndRecord() {
    Optional<AgentId> chosen = assignment.choose(ticket);
    TicketChange[] assignedThenSolved = changes.get(chosen.orElseThrow());
    assignment.stored(assignedThenSolved[0]);
    assignment.stored(assignedThenSolved[1]);
    return chosen;
  }
}
