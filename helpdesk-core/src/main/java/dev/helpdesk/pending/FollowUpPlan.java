package dev.helpdesk.pending;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The follow-up of one ticket in PENDING: when each of its steps falls due, and which comes next.
 * Planned when the ticket enters PENDING, advanced as each reminder goes out, and dropped when the
 * ticket leaves PENDING or its customer replies. What the {@link PendingFollowUps} port stores,
 * indexed by {@link #nextDueAt()}.
 *
 * @param ticketId the ticket
 * @param ticketVersion the ticket version the plan belongs to; a store keeps the newest
 * @param pendingSince when the ticket entered PENDING
 * @param schedule when each planned step is due, in step order and never earlier than the step
 *     before; not empty
 * @param next the step to take next; one of the schedule's
 * @throws ValidationException if the schedule is empty, out of order, before {@code pendingSince},
 *     or lacks {@code next}
 */
public record FollowUpPlan(
    TicketId ticketId,
    long ticketVersion,
    Instant pendingSince,
    Map<FollowUpStep, Instant> schedule,
    FollowUpStep next) {

  /** Validates and freezes. */
  public FollowUpPlan {
    Check.present("ticketId", ticketId);
    if (ticketVersion <= 0) {
      throw new ValidationException(
          "ticketVersion", "must be positive (was " + ticketVersion + ")");
    }
    Check.present("pendingSince", pendingSince);
    Check.present("schedule", schedule);
    Check.present("next", next);
    if (schedule.isEmpty()) {
      throw new ValidationException("schedule", "must hold at least one step");
    }
    Map<FollowUpStep, Instant> ordered = new EnumMap<>(FollowUpStep.class);
    ordered.putAll(schedule);
    Instant previous = pendingSince;
    for (Map.Entry<FollowUpStep, Instant> e : ordered.entrySet()) {
      Check.present("schedule." + e.getKey(), e.getValue());
      if (e.getValue().isBefore(previous)) {
        throw new ValidationException(
            "schedule", "must not plan " + e.getKey() + " before the step or PENDING before it");
      }
      previous = e.getValue();
    }
    if (!ordered.containsKey(next)) {
      throw new ValidationException("next", next + " is not in the schedule " + ordered.keySet());
    }
    schedule = Collections.unmodifiableMap(ordered);
  }

  /** When the next step is due: the key the job finds due plans by. */
  public Instant nextDueAt() {
    return schedule.get(next);
  }

  /** When the ticket will be solved, if the plan solves it. */
  public Optional<Instant> autoSolveAt() {
    return Optional.ofNullable(schedule.get(FollowUpStep.AUTO_SOLVE));
  }

  /**
   * The plan once its next step is taken, as of {@code ticketVersion}; empty when that was the last
   * step.
   */
  public Optional<FollowUpPlan> afterNext(long ticketVersion) {
    for (FollowUpStep step : FollowUpStep.values()) {
      if (step.ordinal() > next.ordinal() && schedule.containsKey(step)) {
        return Optional.of(new FollowUpPlan(ticketId, ticketVersion, pendingSince, schedule, step));
      }
    }
    return Optional.empty();
  }
}
