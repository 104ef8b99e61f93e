package dev.helpdesk.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Invariants of business-time arithmetic over calendars chosen to be awkward. */
class BusinessCalendarPropertiesTest {

  private static final List<BusinessCalendar> CALENDARS =
      List.of(
          BusinessCalendarTest.office(
              FixedHolidays.of(
                  LocalDate.of(2026, 4, 3),
                  LocalDate.of(2026, 4, 6),
                  LocalDate.of(2026, 12, 24),
                  LocalDate.of(2026, 12, 25),
                  LocalDate.of(2027, 1, 1),
                  LocalDate.of(2027, 3, 26))),
          BusinessCalendarTest.nights(),
          BusinessCalendarTest.overnight(),
          BusinessCalendar.builder(ZoneId.of("America/New_York"))
              .weekdays(LocalTime.of(8, 0), LocalTime.of(20, 0))
              .hours(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(14, 0))
              .build(),
          // Lord Howe Island moves its clocks by 30 minutes.
          BusinessCalendar.builder(ZoneId.of("Australia/Lord_Howe"))
              .hours(List.of(DayOfWeek.values()), LocalTime.of(1, 30), LocalTime.of(2, 30))
              .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
              .build());

  /** Instants from 2025 to 2029, to the second. */
  private static final Gen<Instant> STARTS =
      longs()
          .between(
              Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(),
              Instant.parse("2029-12-31T00:00:00Z").getEpochSecond())
          .map(l -> Instant.ofEpochSecond(l));

  /** Business durations from one second to 400 hours (over ten weeks of office time). */
  private static final Gen<Duration> AMOUNTS =
      longs().between(1, 400L * 3600).map(l -> Duration.ofSeconds(l));

  private static final Gen<BusinessCalendar> CALENDAR =
      integers().between(0, CALENDARS.size() - 1).map(i -> CALENDARS.get(i));

  @Test
  void addingAndMeasuringBackGivesTheAmount() {
    qt().withExamples(2_000)
        .forAll(CALENDAR, STARTS, AMOUNTS)
        .checkAssert((c, s, d) -> assertEquals(d, c.between(s, c.add(s, d)), c + " from " + s));
  }

  @Test
  void dueIsMonotoneInTheStart() {
    qt().withExamples(2_000)
        .forAll(CALENDAR, STARTS, longs().between(0, 14L * 86_400), AMOUNTS)
        .checkAssert(
            (c, s, later, d) ->
                assertFalse(c.add(s.plusSeconds(later), d).isBefore(c.add(s, d)), c + " " + s));
  }

  @Test
  void addingInTwoStepsEqualsAddingOnce() {
    qt().withExamples(2_000)
        .forAll(CALENDAR, STARTS, AMOUNTS, AMOUNTS)
        .checkAssert((c, s, a, b) -> assertEquals(c.add(s, a.plus(b)), c.add(c.add(s, a), b)));
  }

  @Test
  void skippingWholeWeeksAgreesWithWalkingDayByDay() {
    // Steps of at most 6 hours never skip a week; one big step does.
    qt().withExamples(300)
        .forAll(CALENDAR, STARTS, AMOUNTS)
        .checkAssert(
            (c, s, d) -> {
              Instant walked = s;
              Duration left = d;
              Duration step = Duration.ofHours(6);
              while (left.compareTo(step) > 0) {
                walked = c.add(walked, step);
                left = left.minus(step);
              }
              walked = c.add(walked, left);
              assertEquals(walked, c.add(s, d), c + " from " + s + " + " + d);
            });
  }

  @Test
  void aCalendarOpenAllDayAgreesWithPlainDurationArithmetic() {
    List<BusinessCalendar> allDay =
        List.of(
            BusinessCalendar.alwaysOpen(),
            BusinessCalendar.builder(ZoneId.of("UTC"))
                .hours(List.of(DayOfWeek.values()), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
                .build(),
            // Whole days in a zone with DST: 23- and 25-hour days are still real time.
            BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .hours(List.of(DayOfWeek.values()), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
                .build());
    qt().withExamples(2_000)
        .forAll(integers().between(0, allDay.size() - 1).map(i -> allDay.get(i)), STARTS, AMOUNTS)
        .checkAssert(
            (c, s, d) -> {
              assertEquals(s.plus(d), c.add(s, d));
              assertEquals(d, c.between(s, s.plus(d)));
            });
  }
}
