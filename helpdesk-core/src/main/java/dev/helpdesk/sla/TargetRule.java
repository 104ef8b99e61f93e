package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * One target of a policy: how much business time, which statuses pause it, when it warns.
 *
 * @param target what is measured
 * @param goal the business time allowed; positive, at most {@link #MAX_GOAL}
 * @param pausedBy the statuses in which the timer stands still
 * @param warning when it warns; a {@link WarningLead.BeforeDue} lead must be shorter than the goal
 */
public record TargetRule(
    SlaTarget target, Duration goal, Set<Status> pausedBy, WarningLead warning) {

  /** The longest goal accepted (leaves room for pauses within the calendar's arithmetic). */
  public static final Duration MAX_GOAL = BusinessCalendar.MAX_AMOUNT.dividedBy(4);

  /** Validates the rule. */
  public TargetRule {
    Check.present("target", target);
    Check.present(field(target), goal);
    if (goal.isNegative() || goal.isZero()) {
      throw new ValidationException(
          field(target), "must be a positive duration (was " + goal + ")");
    }
    if (goal.compareTo(MAX_GOAL) > 0) {
      throw new ValidationException(
          field(target), "must be at most " + MAX_GOAL + " (was " + goal + ")");
    }
    pausedBy = Set.copyOf(Check.present("pausedBy", pausedBy));
    if (pausedBy.contains(Status.SOLVED) || pausedBy.contains(Status.CLOSED)) {
      throw new ValidationException("pausedBy", "must not hold SOLVED or CLOSED, which end timers");
    }
    Check.present("warning", warning);
    if (warning instanceof WarningLead.BeforeDue b && b.lead().compareTo(goal) >= 0) {
      throw new ValidationException(
          "warning.lead",
          "must be shorter than the " + target + " target (" + b.lead() + " >= " + goal + ")");
    }
  }

  /**
   * The default pausing statuses: PENDING (waiting on the customer) pauses next reply and
   * resolution; ON_HOLD (waiting on a third party) pauses resolution only.
   */
  public static Set<Status> defaultPausedBy(SlaTarget target) {
    return switch (target) {
      case FIRST_REPLY, PERIODIC_UPDATE -> Set.of();
      case NEXT_REPLY -> Set.of(Status.PENDING);
      case RESOLUTION -> EnumSet.of(Status.PENDING, Status.ON_HOLD);
    };
  }

  /** The field name a bad goal is reported under, e.g. {@code firstReply}. */
  static String field(SlaTarget target) {
    return switch (target) {
      case FIRST_REPLY -> "firstReply";
      case NEXT_REPLY -> "nextReply";
      case PERIODIC_UPDATE -> "periodicUpdate";
      case RESOLUTION -> "resolution";
    };
  }
}
