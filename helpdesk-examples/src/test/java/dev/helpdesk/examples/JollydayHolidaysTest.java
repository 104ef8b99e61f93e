package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.focus_shift.jollyday.core.HolidayCalendar;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JollydayHolidaysTest {

  private final JollydayHolidays bavaria = new JollydayHolidays(HolidayCalendar.GERMANY, "by");
  private final JollydayHolidays berlin = new JollydayHolidays(HolidayCalendar.GERMANY, "be");

  @Test
  void regionalHolidaysDependOnTheRegionAndNationalOnesHoldEverywhere() {
    LocalDate epiphany = LocalDate.of(2026, 1, 6);
    assertTrue(bavaria.isHoliday(epiphany));
    assertFalse(berlin.isHoliday(epiphany));
    LocalDate goodFriday = LocalDate.of(2026, 4, 3);
    assertTrue(bavaria.isHoliday(goodFriday));
    assertTrue(berlin.isHoliday(goodFriday));
    assertFalse(bavaria.isHoliday(LocalDate.of(2026, 4, 7)));
  }

  @Test
  void theFirstHolidayOfARangeCrossesYearsAndAgreesWithAskingDayByDay() {
    assertEquals(
        Optional.of(LocalDate.of(2025, 12, 25)),
        bavaria.firstBetween(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 2, 1)));
    assertEquals(
        Optional.of(LocalDate.of(2026, 1, 1)),
        berlin.firstBetween(LocalDate.of(2025, 12, 27), LocalDate.of(2026, 2, 1)));
    assertEquals(
        Optional.empty(), berlin.firstBetween(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1)));
    for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
      LocalDate from = d;
      Optional<LocalDate> dayByDay =
          from.datesUntil(from.plusDays(30)).filter(bavaria::isHoliday).findFirst();
      assertEquals(dayByDay, bavaria.firstBetween(from, from.plusDays(30)), from.toString());
    }
  }

  @Test
  void anSlaOverEasterInBavariaSkipsGoodFridayAndEasterMonday() {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holidays(new JollydayHolidays(HolidayCalendar.GERMANY, "by"))
            .build();
    var thursday = LocalDateTime.of(2026, 4, 2, 16, 0).atZone(zone).toInstant();
    // One hour on Thursday, then Friday and Monday are holidays: due Tuesday at 12:00.
    assertEquals(
        LocalDateTime.of(2026, 4, 7, 12, 0).atZone(zone).toInstant(),
        office.add(thursday, Duration.ofHours(4)));
  }
}
