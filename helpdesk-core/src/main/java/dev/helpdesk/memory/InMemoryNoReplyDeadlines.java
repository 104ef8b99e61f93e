package dev.helpdesk.memory;

import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.common.Check;
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
 * No-reply deadlines in memory, indexed by due time in a sorted set, so a claim reads the head of
 * the index only. One lock serializes every method.
 */
public final class InMemoryNoReplyDeadlines implements NoReplyDeadlines {

  private record Due(Instant at, TicketId id) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparing(Due::at).thenComparing(d -> d.id().value());

  private final Map<TicketId, NoReplyDeadline> byTicket = new HashMap<>();
  private final Map<TicketId, Instant> claims = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>(ORDER);

  @Override
  public synchronized void save(NoReplyDeadline deadline) {
    Check.present("deadline", deadline);
    NoReplyDeadline stored = byTicket.get(deadline.ticketId());
    if (stored != null && stored.ticketVersion() >= deadline.ticketVersion()) {
      return;
    }
    drop(deadline.ticketId());
    byTicket.put(deadline.ticketId(), deadline);
    index.add(new Due(deadline.dueAt(), deadline.ticketId()));
  }

  @Override
  public synchronized void remove(TicketId ticketId, long ticketVersion) {
    Check.present("ticketId", ticketId);
    NoReplyDeadline stored = byTicket.get(ticketId);
    if (stored != null && stored.ticketVersion() <= ticketVersion) {
      drop(ticketId);
    }
  }

  private void drop(TicketId id) {
    NoReplyDeadline old = byTicket.remove(id);
    claims.remove(id);
    if (old != null) {
      index.remove(new Due(old.dueAt(), id));
    }
  }

  @Override
  public synchronized Optional<NoReplyDeadline> byTicket(TicketId ticketId) {
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
