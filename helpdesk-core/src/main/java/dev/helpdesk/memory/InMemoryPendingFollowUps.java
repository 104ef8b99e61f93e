package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pending follow-up plans in memory, indexed by next due time in a sorted set, so a claim reads the
 * head of the index only. One lock serializes every method.
 */
public final class InMemoryPendingFollowUps implements PendingFollowUps {

  private final DueIndex<FollowUpPlan> entries =
      new DueIndex<>(
          FollowUpPlan::ticketId,
          FollowUpPlan::ticketVersion,
          plan -> Optional.of(plan.nextDueAt()));

  @Override
  public synchronized void save(FollowUpPlan plan) {
    entries.save(Check.present("plan", plan));
  }

  @Override
  public synchronized void remove(TicketId ticketId, long ticketVersion) {
    entries.remove(Check.present("ticketId", ticketId), ticketVersion);
  }

  @Override
  public synchronized Optional<FollowUpPlan> byTicket(TicketId ticketId) {
    return entries.byTicket(Check.present("ticketId", ticketId));
  }

  @Override
  public synchronized List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Check.present("now", now);
    Check.positive("limit", limit);
    Check.present("claimedUntil", claimedUntil);
    return entries.claimDue(now, limit, claimedUntil);
  }
}
