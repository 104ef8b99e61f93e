package dev.helpdesk.examples;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.AssignmentStrategy;
import dev.helpdesk.assignment.Candidate;
import dev.helpdesk.assignment.Candidates;
import dev.helpdesk.ticket.Ticket;
import java.util.Optional;

/**
 * A team's own assignment policy: tickets tagged {@code vip} go to the least loaded agent with the
 * skill {@code senior}; every other ticket passes to the next strategy of the chain.
 */
public final class VipToSeniors implements AssignmentStrategy {

  @Override
  public Optional<AgentId> choose(Ticket ticket, Candidates candidates) {
    if (!ticket.tags().contains("vip")) {
      return Optional.empty(); // not ours: the next strategy of the chain decides
    }
    return candidates
        .byLoad() // least loaded first, walked lazily
        .filter(c -> c.agent().skills().contains("senior"))
        .findFirst()
        .map(Candidate::id);
  }
}
