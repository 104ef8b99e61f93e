package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pending follow-up plans in memory, indexed by next due time in a sorted set, so a claim reads the
 * head of the index only. One lock serializes every method.
 */
public final class InMemoryPendingFollowUps implements PendingFollowUps {

  private record Due(Instant at, TicketId id) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparing(Due::at).thenComparing(d -> d.id().value());

  private final Map<TicketId, FollowUpPlan> byTicket = new HashMap<>();
  private final Map<TicketId, Instant> claims = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>(ORDER);

  @Override
  public synchronized void save(FollowUpPlan plan) {
    Check.present("plan", plan);
    FollowUpPlan stored = byTicket.get(plan.ticketId());
    if (stored != null && stored.ticketVersion() >= plan.ticketVersion()) {
      return;
    }
    drop(plan.ticketId());
    byTicket.put(plan.ticketId(), plan);
    index.add(new Due(plan.nextDueAt(), plan.ticketId()));
  }

  @Override
  public synchronized void remove(TicketId ticketId, long ticketVersion) {
    Check.present("ticketId", ticketId);
    FollowUpPlan stored = byTicket.get(ticketId);
    if (stored != null && stored.ticketVersion() <= ticketVersion) {
      drop(ticketId);
    }
  }

  private void drop(TicketId id) {
    FollowUpPlan old = byTicket.remove(id);
    claims.remove(id);
    if (old != null) {
      index.remove(new Due(old.nextDueAt(), id));
    }
  }

  @Override
  public synchronized Optional<FollowUpPlan> byTicket(TicketId ticketId) {
    Check.present("ticketId", ticketId);
    return Optional.ofNullable(byTicket.get(ticketId));
  }

  @Override
  public synchronized List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
    Check.present("now", now);
    Check.positive("limit", limit);
    Check.present("claimedUntil", claimedUntil);
    List<TicketId> result = new ArrayList<>();
    Iterator<Due> it = index.iterator();
    while (result.size() < limit && it.hasNext()) {
      Due d = it.next();
      if (d.at().isAfter(now)) {
        break;
      }
      Instant claim = claims.get(d.id());
      if (claim == null || !claim.isAfter(now)) {
        claims.put(d.id(), claimedUntil);
        result.add(d.id());
      }
    }
    return result;
  }
}
