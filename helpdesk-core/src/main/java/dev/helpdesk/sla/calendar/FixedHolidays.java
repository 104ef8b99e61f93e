package dev.helpdesk.sla.calendar;

import dev.helpdesk.common.Check;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holidays given as a list of dates, e.g. read from the application's configuration. Sorted, so
 * that {@link #firstBetween} is one look-up.
 */
public final class FixedHolidays implements Holidays {

  private final NavigableSet<LocalDate> dates;

  private FixedHolidays(Collection<LocalDate> dates) {
    this.dates = new TreeSet<>(Check.size("holidays", Check.present("holidays", dates), 100_000));
  }

  /** Holidays on exactly these dates. */
  public static FixedHolidays of(Collection<LocalDate> dates) {
    return new FixedHolidays(dates);
  }

  /** Holidays on exactly these dates. */
  public static FixedHolidays of(LocalDate... dates) {
    return new FixedHolidays(List.of(dates));
  }

  @Override
  public boolean isHoliday(LocalDate date) {
    return dates.contains(date);
  }

  @Override
  public Optional<LocalDate> firstBetween(LocalDate from, LocalDate before) {
    LocalDate first = dates.ceiling(from);
    return first != null && first.isBefore(before) ? Optional.of(first) : Optional.empty();
  }

  /** The dates, in order. */
  public Set<LocalDate> dates() {
    return Set.copyOf(dates);
  }

  @Override
  public String toString() {
    return "FixedHolidays" + dates;
  }
}
