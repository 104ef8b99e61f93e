package dev.helpdesk.sla.calendar;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Port: the dates on which nobody works although the weekday has working hours. {@link
 * FixedHolidays} lists dates; an application can back it with a holiday library (see {@code
 * docs/sla.md} for one over Jollyday). Implementations must be thread-safe and fast: the calendar
 * asks about each day it walks through.
 */
@FunctionalInterface
public interface Holidays {

  /** No holidays. */
  Holidays NONE = date -> false;

  /** Whether nobody works on {@code date} (in the calendar's time zone). */
  boolean isHoliday(LocalDate date);

  /**
   * The first holiday on or after {@code from} and before {@code before}, if any. The calendar uses
   * it to skip whole weeks without a holiday in one step; the default asks {@link #isHoliday} day
   * by day, so override it when the source can answer directly.
   */
  default Optional<LocalDate> firstBetween(LocalDate from, LocalDate before) {
    for (LocalDate d = from; d.isBefore(before); d = d.plusDays(1)) {
      if (isHoliday(d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
