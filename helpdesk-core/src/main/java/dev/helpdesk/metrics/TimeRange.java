package dev.helpdesk.metrics;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;

/**
 * A half-open span of time, {@code [from, to)}: an instant {@code t} is in it when {@code from <= t
 * < to}, so consecutive ranges (days, weeks) count every fact exactly once.
 *
 * @param from the first instant in the range
 * @param to the first instant after it
 */
public record TimeRange(Instant from, Instant to) {

  /** Validates that the range is not empty. */
  public TimeRange {
    Check.present("from", from);
    Check.present("to", to);
    if (!to.isAfter(from)) {
      throw new ValidationException("to", "must be after from (" + from + ", was " + to + ")");
    }
  }

  /** Whether {@code at} is in the range. */
  public boolean contains(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }
}
