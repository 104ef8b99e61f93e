package dev.helpdesk.metrics;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How many times something took how long: a count, the average and the longest. Durations are
 * calendar time between two instants the desk recorded (at microsecond precision), not business
 * time.
 *
 * @param count how many
 * @param average the mean, truncated to whole microseconds; empty when {@code count} is 0
 * @param max the longest; empty when {@code count} is 0
 */
public record DurationStats(long count, Optional<Duration> average, Optional<Duration> max) {

  /** Nothing counted. */
  public static final DurationStats NONE = new DurationStats(0, Optional.empty(), Optional.empty());

  /** Validates that the figures agree with the count. */
  public DurationStats {
    Check.present("average", average);
    Check.present("max", max);
    if (count < 0) {
      throw new ValidationException("count", "must not be negative (was " + count + ")");
    }
    if ((count == 0) != average.isEmpty() || (count == 0) != max.isEmpty()) {
      throw new ValidationException("average", "must be present exactly when count is positive");
    }
  }

  /**
   * The figures from a count and a sum and maximum in microseconds, as an adapter's aggregate query
   * returns them: the average is {@code totalMicros / count}, truncated.
   */
  public static DurationStats ofMicros(long count, long totalMicros, long maxMicros) {
    if (count == 0) {
      return NONE;
    }
    return new DurationStats(
        count,
        Optional.of(Duration.of(totalMicros / count, ChronoUnit.MICROS)),
        Optional.of(Duration.of(maxMicros, ChronoUnit.MICROS)));
  }

  /** A duration in whole microseconds, as the facts store it. */
  public static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
  }
}
