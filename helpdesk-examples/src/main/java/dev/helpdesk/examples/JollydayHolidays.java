package dev.helpdesk.examples;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.helpdesk.sla.calendar.Holidays;
import java.time.LocalDate;
import java.time.Year;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Public holidays by country and region from <a
 * href="https://github.com/focus-shift/jollyday">Jollyday</a>, for an SLA {@link
 * dev.helpdesk.sla.calendar.BusinessCalendar}: the core ships only {@code FixedHolidays}, and stays
 * free of dependencies; an application brings this adapter of the {@link Holidays} port. Each
 * year's holidays are read once and cached, because the calendar asks about every day it walks.
 */
public final class JollydayHolidays implements Holidays {

  private final HolidayManager manager;
  private final String[] region; // e.g. "by" for Bavaria; none for the whole country
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  /** The public holidays of {@code country}, and of the region path if given. */
  public JollydayHolidays(HolidayCalendar country, String... region) {
    this.manager = HolidayManager.getInstance(ManagerParameters.create(country));
    this.region = region.clone();
  }

  @Override
  public boolean isHoliday(LocalDate date) {
    return year(date.getYear()).contains(date);
  }

  @Override
  public Optional<LocalDate> firstBetween(LocalDate from, LocalDate before) {
    for (int y = from.getYear(); y <= before.getYear(); y++) {
      Optional<LocalDate> first =
          year(y).stream()
              .filter(d -> !d.isBefore(from) && d.isBefore(before))
              .min(Comparator.naturalOrder());
      if (first.isPresent()) {
        return first;
      }
    }
    return Optional.empty();
  }

  private Set<LocalDate> year(int year) {
    return byYear.computeIfAbsent(
        year,
        y ->
            manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, region).stream()
                .map(Holiday::getDate)
                .collect(Collectors.toUnmodifiableSet()));
  }
}
