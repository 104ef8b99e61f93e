package dev.helpdesk.assignment;

import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the no-reply deadlines of assigned tickets, one per ticket, indexed by the instant it falls
 * due ({@link NoReplyDeadline#dueAt()}), so the {@code escalation} job reads only the tickets that
 * are due instead of every active ticket's history. The desk writes them inside the unit of work of
 * the ticket change that sets or clears them, so a deadline and its ticket never disagree in a
 * store with transactions. The {@code NoReplyDeadlinesContract} suite in the core's test-jar states
 * what every implementation must do. Implementations must be thread-safe.
 *
 * <p>A database implementation keeps one row per ticket with an indexed {@code due_at} and a {@code
 * claimed_until} column, and claims like the SLA timers and pending follow-ups do, with {@code FOR
 * UPDATE SKIP LOCKED}: several instances then share the due deadlines, and one that dies only
 * delays its deadlines until the claim lapses.
 */
public interface NoReplyDeadlines {

  /**
   * Stores the ticket's deadline, replacing what is stored unless that belongs to the same or a
   * newer ticket version; ends any claim on it.
   */
  void save(NoReplyDeadline deadline);

  /**
   * Drops the ticket's deadline if it belongs to {@code ticketVersion} or an older version of the
   * ticket: a deadline a later change set stays.
   */
  void remove(TicketId ticketId, long ticketVersion);

  /** The ticket's deadline, if it has one. */
  Optional<NoReplyDeadline> byTicket(TicketId ticketId);

  /**
   * Claims up to {@code limit} tickets whose deadline is at or before {@code now} and that are not
   * claimed (a claim lapses at its {@code claimedUntil}), earliest due first.
   *
   * @param claimedUntil until when the returned tickets are not returned by another claim, unless
   *     saved in between
   */
  List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil);
}
