package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/** When a target warns before it is due: at a share of its business time, or a time before due. */
public sealed interface WarningLead {

  /** The business time from the target's start at which it warns, for a target of {@code goal}. */
  Duration offset(Duration goal);

  /** Warn once {@code percent} of the target's business time has elapsed (1 to 99). */
  static WarningLead percentElapsed(int percent) {
    return new PercentElapsed(percent);
  }

  /** Warn {@code lead} of business time before the target is due; must be shorter than it. */
  static WarningLead before(Duration lead) {
    return new BeforeDue(lead);
  }

  /**
   * Warns when a share of the target's time has elapsed.
   *
   * @param percent 1 to 99
   */
  record PercentElapsed(int percent) implements WarningLead {
    /** Validates the share. */
    public PercentElapsed {
      if (percent < 1 || percent > 99) {
        throw new ValidationException(
            "warning.percent", "must be between 1 and 99 (was " + percent + ")");
      }
    }

    @Override
    public Duration offset(Duration goal) {
      return Duration.ofNanos(Math.multiplyExact(goal.toNanos() / 100, percent));
    }
  }

  /**
   * Warns a fixed business time before due.
   *
   * @param lead positive
   */
  record BeforeDue(Duration lead) implements WarningLead {
    /** Validates the lead. */
    public BeforeDue {
      Check.present("warning.lead", lead);
      if (lead.isNegative() || lead.isZero()) {
        throw new ValidationException("warning.lead", "must be positive (was " + lead + ")");
      }
    }

    @Override
    public Duration offset(Duration goal) {
      return goal.minus(lead);
    }
  }
}
