package dev.helpdesk.sla.calendar;

import dev.helpdesk.common.Check;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

/**
 * One working interval of a weekday, in the calendar's local time: {@code MONDAY 09:00-12:30}. An
 * interval whose end is at or before its start runs over midnight into the next day (an overnight
 * shift, {@code FRIDAY 22:00-06:00}); {@code 00:00-00:00} is the whole day. The interval belongs to
 * the day it starts on, also for holidays.
 *
 * @param day the weekday it starts on
 * @param start the local time it starts, inclusive
 * @param end the local time it ends, exclusive; on the next day when not after {@code start}
 */
public record WorkingHours(DayOfWeek day, LocalTime start, LocalTime end) {

  private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

  /** Validates the interval. */
  public WorkingHours {
    Check.present("day", day);
    Check.present("start", start);
    Check.present("end", end);
  }

  /** Whether it runs over midnight into the next day. */
  public boolean overnight() {
    return !end.isAfter(start);
  }

  /** Its length by the wall clock (a DST change on the day makes the real length differ). */
  public Duration nominalLength() {
    long nanos = end.toNanoOfDay() - start.toNanoOfDay();
    return Duration.ofNanos(overnight() ? nanos + DAY_NANOS : nanos);
  }

  /** Where it starts in a week that begins on Monday at 00:00, in nanoseconds. */
  long weekStart() {
    return (day.getValue() - 1) * DAY_NANOS + start.toNanoOfDay();
  }

  @Override
  public String toString() {
    return day + " " + start + "-" + end;
  }
}
