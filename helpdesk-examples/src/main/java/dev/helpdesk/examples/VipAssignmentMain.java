package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Automatic assignment with a policy of the team's own: VIP customers go to senior agents ({@link
 * VipToSeniors}), then the customer's previous agent, then the least loaded agent. Each agent holds
 * at most two tickets; the fifth ticket waits in the queue until someone solves one.
 */
public final class VipAssignmentMain {

  private VipAssignmentMain() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}; returns the tickets as opened. */
  public static List<Ticket> run(PrintStream out) {
    HelpDesk desk =
        HelpDesk.builder()
            .clock(SettableClock.at("2026-03-02T09:00:00Z"))
            .notifier(n -> {})
            .assignment(
                AssignmentPolicy.builder()
                    .strategy(
                        Strategies.chain(
                            new VipToSeniors(),
                            Strategies.customerAffinity(),
                            Strategies.leastLoaded()))
                    .build())
            .build();
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sen", "Sam Senior", "sam@desk.example")
            .withSkills(Set.of("senior"))
            .withCapacity(Capacity.of(2)));
    desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-jun", "Jo Junior", "jo@desk.example").withCapacity(Capacity.of(2)));

    List<Ticket> opened = new ArrayList<>();
    String[][] requests = {
      {"c-1", "vip"}, {"c-2", "normal"}, {"c-1", "normal"}, {"c-3", "normal"}, {"c-4", "vip"}
    };
    for (String[] r : requests) {
      Ticket t =
          desk.open(
              Actor.customer(r[0]),
              NewTicket.builder()
                  .requester(r[0], "Customer " + r[0], r[0] + "@example.com")
                  .subject("Question from " + r[0])
                  .tag(r[1])
                  .build());
      opened.add(t);
      out.printf(
          "%s (%s, %s) -> %s%n",
          t.key(), r[0], r[1], t.assignee().map(AgentId::value).orElse("queue"));
    }
    return opened;
  }
}
