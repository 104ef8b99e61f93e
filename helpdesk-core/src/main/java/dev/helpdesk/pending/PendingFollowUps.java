package dev.helpdesk.pending;

import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where the follow-up plans of pending tickets are kept, one per ticket, indexed by the
 * instant the next step is due ({@link FollowUpPlan#nextDueAt()}). The desk writes them inside the
 * unit of work of the ticket change that plans, advances or drops them, so a plan and its ticket
 * never disagree in a store with transactions. The {@code PendingFollowUpsContract} suite in the
 * core's test-jar states what every implementation must do. Implementations must be thread-safe.
 *
 * <p>A database implementation keeps one row per ticket with an indexed {@code next_due_at} and a
 * {@code claimed_until} column, and claims like the SLA timers do, with {@code FOR UPDATE SKIP
 * LOCKED}: several instances then share the due plans, and one that dies only delays its plans
 * until the claim lapses.
 */
public interface PendingFollowUps {

  /**
   * Stores the ticket's plan, replacing what is stored unless that belongs to the same or a newer
   * ticket version; ends any claim on it.
   */
  void save(FollowUpPlan plan);

  /**
   * Drops the ticket's plan if it belongs to {@code ticketVersion} or an older version of the
   * ticket: a plan a later change made stays.
   */
  void remove(TicketId ticketId, long ticketVersion);

  /** The ticket's plan, if it has one. */
  Optional<FollowUpPlan> byTicket(TicketId ticketId);

  /**
   * Claims up to {@code limit} tickets whose next step is due at or before {@code now} and that are
   * not claimed (a claim lapses at its {@code claimedUntil}), earliest due first.
   *
   * @param claimedUntil until when the returned tickets are not returned by another claim, unless
   *     saved in between
   */
  List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil);
}
