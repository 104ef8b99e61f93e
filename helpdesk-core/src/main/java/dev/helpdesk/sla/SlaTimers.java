package dev.helpdesk.sla;

import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where SLA timers are kept, indexed by the instant each ticket next needs the monitor
 * ({@link TicketTimers#nextCheck()}). The {@code SlaTimersContract} suite in the core's test-jar
 * states what every implementation must do. Implementations must be thread-safe.
 *
 * <p>A database implementation keeps one row per ticket with an indexed {@code next_check_at} and a
 * {@code claimed_until} column, and claims with {@code SELECT ... WHERE next_check_at <= :now AND
 * (claimed_until IS NULL OR claimed_until <= :now) ORDER BY next_check_at LIMIT :n FOR UPDATE SKIP
 * LOCKED} followed by setting {@code claimed_until}: several monitors then share the work, and a
 * monitor that dies only delays its tickets until the claim lapses.
 */
public interface SlaTimers {

  /**
   * Stores the ticket's timers, replacing what is stored unless that belongs to the same or a newer
   * ticket version (changes stored out of order do not go back in time). Re-indexes the ticket by
   * its next check (none: not indexed) and ends any claim on it. When the timers replace what is
   * stored, an adapter that belongs to a ticket store also gives that store the ticket's {@link
   * SlaState} ({@link SlaState#of}) in the same atomic write, which its search reads.
   */
  void save(TicketTimers timers);

  /** The ticket's timers, if any were stored. */
  Optional<TicketTimers> byTicket(TicketId ticketId);

  /**
   * Claims up to {@code limit} tickets whose next check is at or before {@code now} and that are
   * not claimed (a claim lapses at its {@code claimedUntil}), earliest next check first. Takes time
   * proportional to what it returns, not to how many tickets are stored.
   *
   * @param claimedUntil until when the returned tickets are not returned by another claim, unless
   *     saved in between
   */
  List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil);
}
