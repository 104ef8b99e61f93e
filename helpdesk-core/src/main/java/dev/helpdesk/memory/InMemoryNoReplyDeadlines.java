package dev.helpdesk.memory;

import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * No-reply deadlines in memory, indexed by due time in a sorted set, so a claim reads the head of
 * the index only. One lock serializes every method.
 */
public final class InMemoryNoReplyDeadlines implements NoReplyDeadlines {

  private final DueIndex<NoReplyDeadline> entries =
      new DueIndex<>(
          NoReplyDeadline::ticketId,
          NoReplyDeadline::ticketVersion,
          deadline -> Optional.of(deadline.dueAt()));

  @Override
  public synchronized void save(NoReplyDeadline deadline) {
    entries.save(Check.present("deadline", deadline));
  }

  @Override
  public synchronized void remove(TicketId ticketId, long ticketVersion) {
    entries.remove(Check.present("ticketId", ticketId), ticketVersion);
  }

  @Override
  public synchronized Optional<NoReplyDeadline> byTicket(TicketId ticketId) {
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
