package dev.helpdesk.sla.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked examples: each expected instant was worked out on paper from the calendar. */
class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Mon-Fri 09:00-12:30 and 13:30-17:00 in Berlin: 7 hours a day, lunch 12:30-13:30. */
  static BusinessCalendar office(Holidays holidays) {
    return BusinessCalendar.builder(BERLIN)
        .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
        .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
        .holidays(holidays)
        .build();
  }

  /** Every night 00:00-06:00 in Berlin: the shift the clocks change in. */
  static BusinessCalendar nights() {
    return BusinessCalendar.builder(BERLIN)
        .hours(List.of(DayOfWeek.values()), LocalTime.MIDNIGHT, LocalTime.of(6, 0))
        .build();
  }

  /** Mon-Fri 22:00-06:00 (next morning) in Berlin. */
  static BusinessCalendar overnight() {
    return BusinessCalendar.builder(BERLIN)
        .hours(
            List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
            LocalTime.of(22, 0),
            LocalTime.of(6, 0))
        .build();
  }

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  void aLunchBreakIsNotCounted() {
    BusinessCalendar c = office(Holidays.NONE);
    // Mon 11:30 + 2h: 11:30-12:30 (1h), lunch, 13:30-14:30 (1h).
    Instant due = c.add(berlin("2026-03-02T11:30"), Duration.ofHours(2));
    assertEquals(berlin("2026-03-02T14:30"), due);
    assertEquals(Instant.parse("2026-03-02T13:30:00Z"), due);
    assertEquals(
        Duration.ofHours(2), c.between(berlin("2026-03-02T11:30"), berlin("2026-03-02T14:30")));
  }

  @Test
  void aTargetEndingWithAnIntervalIsDueAtItsEnd() {
    BusinessCalendar c = office(Holidays.NONE);
    assertEquals(
        berlin("2026-03-02T12:30"), c.add(berlin("2026-03-02T09:00"), Duration.ofMinutes(210)));
  }

  @Test
  void aStartOutsideWorkingHoursCountsFromTheNextInterval() {
    BusinessCalendar c = office(Holidays.NONE);
    // Saturday 10:00: nothing until Monday 09:00.
    assertEquals(
        berlin("2026-03-09T10:00"), c.add(berlin("2026-03-07T10:00"), Duration.ofHours(1)));
    // Monday 07:00, before opening.
    assertEquals(
        berlin("2026-03-09T09:30"), c.add(berlin("2026-03-09T07:00"), Duration.ofMinutes(30)));
    // Friday 18:00, after closing.
    assertEquals(
        berlin("2026-03-09T09:15"), c.add(berlin("2026-03-06T18:00"), Duration.ofMinutes(15)));
    assertEquals(Duration.ZERO, c.between(berlin("2026-03-06T17:00"), berlin("2026-03-09T09:00")));
  }

  @Test
  void aHolidayInsideATargetIsSkipped() {
    // Good Friday 2026-04-03 and Easter Monday 2026-04-06.
    BusinessCalendar c =
        office(FixedHolidays.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)));
    // Thu 16:00 + 2h: 16:00-17:00 Thursday, then Tuesday 09:00-10:00.
    Instant due = c.add(berlin("2026-04-02T16:00"), Duration.ofHours(2));
    assertEquals(berlin("2026-04-07T10:00"), due);
    assertEquals(Instant.parse("2026-04-07T08:00:00Z"), due);
    assertEquals(Duration.ofHours(2), c.between(berlin("2026-04-02T16:00"), due));
  }

  @Test
  void springForwardShortensTheNightItHappensIn() {
    BusinessCalendar c = nights();
    // 2026-03-29: 02:00 CET becomes 03:00 CEST, so 00:00-06:00 lasts 5 hours.
    Instant midnight = berlin("2026-03-29T00:00");
    assertEquals(Instant.parse("2026-03-28T23:00:00Z"), midnight);
    assertEquals(Duration.ofHours(5), c.between(midnight, berlin("2026-03-29T06:00")));
    assertEquals(Instant.parse("2026-03-29T04:00:00Z"), c.add(midnight, Duration.ofHours(5)));
    // The sixth hour is the first hour of the next night, now at UTC+2.
    assertEquals(Instant.parse("2026-03-29T23:00:00Z"), c.add(midnight, Duration.ofHours(6)));
    // 02:30 does not exist that night: it counts as the jump, 01:00Z, after exactly 2h of work.
    assertEquals(Instant.parse("2026-03-29T01:00:00Z"), c.add(midnight, Duration.ofHours(2)));
  }

  @Test
  void fallBackLengthensTheNightItHappensIn() {
    BusinessCalendar c = nights();
    // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 00:00-06:00 lasts 7 hours.
    Instant midnight = berlin("2026-10-25T00:00");
    assertEquals(Instant.parse("2026-10-24T22:00:00Z"), midnight);
    assertEquals(Duration.ofHours(7), c.between(midnight, berlin("2026-10-25T06:00")));
    assertEquals(Instant.parse("2026-10-25T05:00:00Z"), c.add(midnight, Duration.ofHours(7)));
    // The eighth hour is 00:00-01:00 CET of the next night, 23:00Z-00:00Z.
    assertEquals(Instant.parse("2026-10-26T00:00:00Z"), c.add(midnight, Duration.ofHours(8)));
  }

  @Test
  void aDstChangeOverAWeekendMovesTheUtcDueInstant() {
    BusinessCalendar c = office(Holidays.NONE);
    // Fri 2026-03-27 16:00 CET (15:00Z) + 2h: 1h Friday, 1h Monday 09:00-10:00 CEST (08:00Z).
    assertEquals(
        Instant.parse("2026-03-30T08:00:00Z"),
        c.add(Instant.parse("2026-03-27T15:00:00Z"), Duration.ofHours(2)));
    // And back in autumn: Fri 2026-10-23 16:00 CEST (14:00Z) + 2h = Mon 10:00 CET (09:00Z).
    assertEquals(
        Instant.parse("2026-10-26T09:00:00Z"),
        c.add(Instant.parse("2026-10-23T14:00:00Z"), Duration.ofHours(2)));
  }

  @Test
  void anOvernightShiftRunsIntoTheNextDay() {
    BusinessCalendar c = overnight();
    // Fri 23:00 + 8h: 7h until Sat 06:00; no shift starts Sat or Sun; Mon 22:00-23:00.
    assertEquals(
        berlin("2026-03-09T23:00"), c.add(berlin("2026-03-06T23:00"), Duration.ofHours(8)));
    // Tue 02:00 is inside Monday's shift.
    assertEquals(
        berlin("2026-03-10T03:00"), c.add(berlin("2026-03-10T02:00"), Duration.ofHours(1)));
    // Sunday night has no shift: Sun 23:00 + 1h = Mon 23:00.
    assertEquals(
        berlin("2026-03-09T23:00"), c.add(berlin("2026-03-08T23:00"), Duration.ofHours(1)));
    assertEquals(
        Duration.ofHours(8), c.between(berlin("2026-03-06T23:00"), berlin("2026-03-09T23:00")));
  }

  @Test
  void thirtyBusinessDaysSkipWholeWeeksAndStillLandExactly() {
    BusinessCalendar c = office(Holidays.NONE);
    // 30 business days of 7h from Mon 2026-06-01 09:00: six whole weeks, due Fri 2026-07-10 17:00.
    Instant start = berlin("2026-06-01T09:00");
    Instant due = c.add(start, Duration.ofHours(7 * 30));
    assertEquals(berlin("2026-07-10T17:00"), due);
    assertEquals(Duration.ofHours(210), c.between(start, due));
    assertEquals(Duration.ofHours(35), c.nominalWeek());
  }

  @Test
  void alwaysOpenIsPlainDurationArithmetic() {
    BusinessCalendar c = BusinessCalendar.alwaysOpen();
    Instant s = Instant.parse("2026-03-28T22:00:00Z");
    assertEquals(s.plus(Duration.ofHours(30)), c.add(s, Duration.ofHours(30)));
    assertEquals(Duration.ofHours(30), c.between(s, s.plus(Duration.ofHours(30))));
    assertTrue(c.isAlwaysOpen());
  }

  @Test
  void aCalendarWithoutWorkingTimeIsRefused() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> BusinessCalendar.builder(BERLIN).build());
    assertEquals("workingHours", e.field());
    assertTrue(e.getMessage().contains("must contain some working time"), e.getMessage());
  }

  @Test
  void overlappingIntervalsAreRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                BusinessCalendar.builder(BERLIN)
                    .hours(MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0))
                    .hours(MONDAY, LocalTime.of(12, 0), LocalTime.of(17, 0))
                    .build());
    assertEquals("workingHours", e.field());
    assertTrue(e.getMessage().contains("must not overlap"), e.getMessage());
    assertTrue(e.getMessage().contains("MONDAY 09:00-13:00"), e.getMessage());
    // Sunday's overnight shift reaches into Monday morning.
    ValidationException wrap =
        assertThrows(
            ValidationException.class,
            () ->
                BusinessCalendar.builder(BERLIN)
                    .hours(SUNDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))
                    .hours(MONDAY, LocalTime.of(5, 0), LocalTime.of(9, 0))
                    .build());
    assertTrue(wrap.getMessage().contains("must not overlap"), wrap.getMessage());
  }

  @Test
  void touchingIntervalsAreFine() {
    BusinessCalendar c =
        BusinessCalendar.builder(BERLIN)
            .hours(MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
            .hours(MONDAY, LocalTime.of(12, 0), LocalTime.of(14, 0))
            .build();
    assertEquals(
        berlin("2026-03-02T13:00"), c.add(berlin("2026-03-02T09:00"), Duration.ofHours(4)));
  }

  @Test
  void aNegativeAmountIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> office(Holidays.NONE).add(Instant.EPOCH, Duration.ofMinutes(-1)));
    assertEquals("amount", e.field());
  }
}
