package dev.helpdesk;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants of assignment through the whole desk, over generated agents and operations. */
class AssignmentPropertiesTest {

  private static final Actor STAFF = Actor.system("test");

  private record Desk(HelpDesk desk, InMemoryTickets tickets, SettableClock clock) {}

  private static Desk desk(AssignmentPolicy policy) {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    HelpDesk desk =
        HelpDesk.builder()
            .clock(clock)
            .tickets(tickets, outbox)
            .notifier(n -> {})
            .assignment(policy)
            .build();
    return new Desk(desk, tickets, clock);
  }

  private static NewTicket request(int i, Channel channel) {
    return NewTicket.builder()
        .requester("c-" + i, "Customer " + i, "c" + i + "@example.com")
        .subject("Question " + i)
        .channel(channel)
        .build();
  }

  @Test
  void roundRobinCountsDifferByAtMostOne() {
    qt().withExamples(60)
        .forAll(integers().between(1, 12), integers().between(0, 80))
        .check(
            (agents, opened) -> {
              Desk d = desk(AssignmentPolicy.builder().strategy(Strategies.roundRobin()).build());
              for (int a = 0; a < agents; a++) {
                d.desk.saveAgent(
                    Actor.system("admin"), Agent.of("a" + a, "A" + a, "a" + a + "@desk.example"));
              }
              Map<AgentId, Integer> counts = new HashMap<>();
              for (int a = 0; a < agents; a++) {
                counts.put(AgentId.of("a" + a), 0);
              }
              for (int i = 0; i < opened; i++) {
                Ticket t = d.desk.open(STAFF, request(i % 7, Channel.WEB));
                counts.merge(t.assignee().orElseThrow(), 1, Integer::sum);
              }
              int max = counts.values().stream().mapToInt(Integer::intValue).max().getAsInt();
              int min = counts.values().stream().mapToInt(Integer::intValue).min().getAsInt();
              return max - min <= 1;
            });
  }

  /**
   * Operations are generated codes: 0-5 open a ticket (on chat when even), 6-7 solve the oldest
   * ticket of agent {@code code}, 8 sends an agent offline and 9 brings one back. After each, no
   * agent holds more active tickets than its capacity, over all and on chat, and every ticket is
   * either assigned or waiting in the queue; a ticket is left waiting when it is opened only if no
   * online agent has room for it, over all and on its channel.
   */
  @Test
  void noOperationSequencePushesAnAgentOverCapacity() {
    qt().withExamples(80)
        .forAll(
            lists().of(integers().between(0, 3)).ofSizeBetween(1, 5),
            lists().of(integers().between(0, 9)).ofSizeBetween(1, 60),
            integers().between(0, 2))
        .check(
            (capacities, ops, strategy) -> {
              Desk d =
                  desk(
                      AssignmentPolicy.builder()
                          .strategy(
                              List.of(
                                      Strategies.leastLoaded(),
                                      Strategies.roundRobin(),
                                      Strategies.mostSpareCapacity())
                                  .get(strategy))
                          .build());
              List<Agent> agents = new ArrayList<>();
              for (int a = 0; a < capacities.size(); a++) {
                Agent agent =
                    Agent.of("a" + a, "A" + a, "a" + a + "@desk.example")
                        .withCapacity(
                            Capacity.of(capacities.get(a)).withChannel("CHAT", (a % 2) + 1));
                agents.add(agent);
                d.desk.saveAgent(Actor.system("admin"), agent);
              }
              List<Ticket> opened = new ArrayList<>();
              Map<AgentId, Availability> availability = new HashMap<>();
              for (int i = 0; i < ops.size(); i++) {
                int op = ops.get(i);
                Agent target = agents.get(i % agents.size());
                d.clock.advance(Duration.ofSeconds(1));
                if (op <= 5) {
                  Ticket t =
                      d.desk.open(STAFF, request(i, op % 2 == 0 ? Channel.CHAT : Channel.EMAIL));
                  opened.add(t);
                  if (t.assignee().isEmpty() && someoneHadRoom(d, agents, availability, t)) {
                    return false;
                  }
                } else if (op <= 7) {
                  d.tickets.byAssignee(target.id(), 1).stream()
                      .findFirst()
                      .ifPresent(t -> d.desk.changeStatus(STAFF, t.id(), Status.SOLVED));
                } else {
                  Availability to = op == 8 ? Availability.OFFLINE : Availability.ONLINE;
                  d.desk.setAvailability(Actor.system("admin"), target.id(), to);
                  availability.put(target.id(), to);
                }
                if (!withinCapacity(d, agents) || !assignedOrQueued(d, opened)) {
                  return false;
                }
              }
              return true;
            });
  }

  private static boolean withinCapacity(Desk d, List<Agent> agents) {
    for (Agent a : agents) {
      List<Ticket> active =
          d.tickets.byAssignee(a.id(), 10_000).stream()
              .filter(t -> t.status() == Status.NEW || t.status() == Status.OPEN)
              .toList();
      long chats = active.stream().filter(t -> t.channel() == Channel.CHAT).count();
      if (active.size() > a.capacity().total() || chats > a.capacity().limitOf("CHAT").getAsInt()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an online agent had room for the ticket, over all channels and on its channel, by the
   * store's count: a ticket left waiting while someone had room means the roster's indexes lost
   * them.
   */
  private static boolean someoneHadRoom(
      Desk d, List<Agent> agents, Map<AgentId, Availability> availability, Ticket ticket) {
    for (Agent a : agents) {
      if (availability.getOrDefault(a.id(), Availability.ONLINE) != Availability.ONLINE) {
        continue;
      }
      List<Ticket> active =
          d.tickets.byAssignee(a.id(), 10_000).stream()
              .filter(t -> t.status() == Status.NEW || t.status() == Status.OPEN)
              .toList();
      long onChannel = active.stream().filter(t -> t.channel() == ticket.channel()).count();
      int limit = a.capacity().limitOf(ticket.channel().name()).orElse(Integer.MAX_VALUE);
      if (active.size() < a.capacity().total() && onChannel < limit) {
        return true;
      }
    }
    return false;
  }

  private static boolean assignedOrQueued(Desk d, List<Ticket> opened) {
    List<Ticket> queue = d.tickets.unassigned(10_000);
    for (Ticket t : opened) {
      Ticket now = d.tickets.byId(t.id()).orElseThrow();
      boolean queued = queue.stream().anyMatch(q -> q.id().equals(t.id()));
      // Assigned (working or solved) or waiting in the queue: exactly one of the two.
      if (now.assignee().isPresent() == queued) {
        return false;
      }
    }
    return true;
  }
}
