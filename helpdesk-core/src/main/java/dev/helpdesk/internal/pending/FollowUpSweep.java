package dev.helpdesk.internal.pending;

import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending follow-up job: claims the plans that are due and takes each one's next step as a
 * ticket change, a reminder (an event whose mail the notification rules write to the outbox) or the
 * move to SOLVED. The step, its mail and the plan moved on are stored in one unit of work, and the
 * decision is made on the ticket and plan as read inside that change, again after a lost race: so
 * two instances, or a run after a crash, never take a step twice. The claim only keeps instances
 * from doing the same work in vain.
 */
public final class FollowUpSweep {

  private static final Logger log = LoggerFactory.getLogger(FollowUpSweep.class);

  /** How many due plans one claim takes. */
  static final int BATCH = 100;

  /** How long a claimed plan is left to this instance before another may take it. */
  static final Duration CLAIM = Duration.ofMinutes(1);

  /** Runs one change on one ticket through the desk, as the job's actor. */
  @FunctionalInterface
  public interface Changes {
    /** The change this call committed; empty when the operation changed nothing. */
    Optional<TicketChange> change(TicketId ticketId, Consumer<TicketEdit> operation);
  }

  private final PendingFollowUps store;
  private final StatusTransitions transitions;
  private final Clock clock;
  private final Changes changes;

  /**
   * @param store where the plans are kept
   * @param transitions the desk's status table
   * @param clock the desk's clock
   * @param changes how to change a ticket through the desk
   */
  public FollowUpSweep(
      PendingFollowUps store, StatusTransitions transitions, Clock clock, Changes changes) {
    this.store = store;
    this.transitions = transitions;
    this.clock = clock;
    this.changes = changes;
  }

  /**
   * Takes the next step of every plan due now. A ticket whose change fails is logged and tried
   * again once its claim lapses.
   *
   * @return how many steps it took (reminders sent and tickets solved)
   */
  public int run() {
    Instant now = clock.instant();
    int taken = 0;
    while (true) {
      List<TicketId> due = store.claimDue(now, BATCH, now.plus(CLAIM));
      for (TicketId id : due) {
        try {
          if (takeStep(id)) {
            taken++;
          }
        } catch (RuntimeException e) {
          log.warn("Pending follow-up of ticket {} failed; retried when its claim lapses", id, e);
        }
      }
      if (due.size() < BATCH) {
        return taken;
      }
    }
  }

  /** Whether this call took the ticket's next step. */
  private boolean takeStep(TicketId id) {
    Verdict verdict = new Verdict();
    Optional<TicketChange> change;
    try {
      change = changes.change(id, edit -> decide(edit, verdict));
    } catch (NotFoundException gone) {
      store.remove(id, Long.MAX_VALUE);
      return false;
    }
    if (change.isPresent()) {
      return true;
    }
    verdict.dropUpTo.ifPresent(version -> store.remove(id, version));
    return false;
  }

  /** What a decision that changed nothing found, for the plan's sake. */
  private static final class Verdict {
    /** Drop the plan, if it is of this ticket version or older: it can never be taken. */
    Optional<Long> dropUpTo = Optional.empty();
  }

  private void decide(TicketEdit edit, Verdict verdict) {
    verdict.dropUpTo = Optional.empty();
    Ticket ticket = edit.current();
    Optional<FollowUpPlan> read = store.byTicket(ticket.id());
    if (read.isEmpty()) {
      return; // another instance took the last step, or the customer answered
    }
    FollowUpPlan plan = read.get();
    if (ticket.status() != Status.PENDING) {
      // Left over by a store without transactions: the change that left PENDING dropped it there.
      verdict.dropUpTo = Optional.of(ticket.version());
      return;
    }
    if (plan.nextDueAt().isAfter(edit.at())) {
      return; // planned again since the claim, or already moved on
    }
    switch (plan.next()) {
      case FIRST_REMINDER, SECOND_REMINDER ->
          edit.pendingReminderSent(plan.next().reminder(), plan.autoSolveAt());
      case AUTO_SOLVE -> {
        if (ticket.assignee().isEmpty() || !transitions.allows(Status.PENDING, Status.SOLVED)) {
          log.warn(
              "Ticket {} is due to be solved after waiting in PENDING, but {}; it stays PENDING",
              ticket.key(),
              ticket.assignee().isEmpty()
                  ? "SOLVED requires an assignee"
                  : "the status table does not allow PENDING to SOLVED");
          verdict.dropUpTo = Optional.of(ticket.version());
          return;
        }
        edit.changeStatus(Status.SOLVED);
      }
    }
  }
}
