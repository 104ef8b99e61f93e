package dev.helpdesk.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.helpdesk.common.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The constant-time arithmetic of regular stretches, and the calendar as a whole, against a
 * reference that walks every interval of every day and knows nothing of weeks, stretches or
 * skipping. Calendars are random: a zone with or without DST (one moving its clocks by 30 minutes),
 * zero to two intervals a weekday among lunch breaks, overnight shifts, whole days and the hour the
 * clocks change in, and a few random holidays.
 */
class BusinessCalendarReferenceTest {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Asia/Tokyo"),
          ZoneOffset.UTC);

  /** Interval sets a weekday may have; some combinations overlap and are refused by the builder. */
  private static final List<List<LocalTime[]>> DAY_SHAPES =
      List.of(
          List.<LocalTime[]>of(),
          List.<LocalTime[]>of(times("09:00", "17:00")),
          List.<LocalTime[]>of(times("09:00", "12:30"), times("13:30", "17:00")),
          List.<LocalTime[]>of(times("22:00", "06:00")),
          List.<LocalTime[]>of(times("00:00", "00:00")),
          List.<LocalTime[]>of(times("01:30", "03:30")),
          List.<LocalTime[]>of(times("08:00", "12:00"), times("20:00", "02:00")));

  private static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");

  /** A calendar with a reference walk over the same hours and holidays. */
  record Case(BusinessCalendar calendar, List<LocalDate> holidays) {
    @Override
    public String toString() {
      return calendar + " holidays " + holidays;
    }
  }

  private static LocalTime[] times(String start, String end) {
    return new LocalTime[] {LocalTime.parse(start), LocalTime.parse(end)};
  }

  /** A random valid calendar: draws again while the random intervals overlap or are empty. */
  static Case randomCase(long seed) {
    Random r = new Random(seed);
    while (true) {
      Case c = attempt(r);
      if (c != null) {
        return c;
      }
    }
  }

  private static Case attempt(Random r) {
    BusinessCalendar.Builder b = BusinessCalendar.builder(ZONES.get(r.nextInt(ZONES.size())));
    for (DayOfWeek day : DayOfWeek.values()) {
      for (LocalTime[] t : DAY_SHAPES.get(r.nextInt(DAY_SHAPES.size()))) {
        b.hours(day, t[0], t[1]);
      }
    }
    List<LocalDate> holidays = new ArrayList<>();
    int count = r.nextInt(4) == 0 ? 0 : r.nextInt(12);
    for (int i = 0; i < count; i++) {
      holidays.add(LocalDate.of(2025, 1, 1).plusDays(r.nextInt(5 * 365)));
    }
    try {
      return new Case(b.holidays(FixedHolidays.of(holidays)).build(), holidays);
    } catch (ValidationException overlapOrEmpty) {
      return null;
    }
  }

  private static final Gen<Case> CASES = longs().all().map(s -> randomCase(s));

  private static final Gen<Instant> STARTS =
      longs()
          .between(0, Duration.ofDays(4 * 365).getSeconds())
          .map(s -> FIRST.plusSeconds(s).plusNanos(s % 7 == 0 ? 0 : 1_000 * (s % 1000)));

  /** Up to 1,000 business hours, to the second. */
  private static final Gen<Duration> AMOUNTS =
      longs().between(1, 1_000L * 3600).map(s -> Duration.ofSeconds(s));

  @Test
  void theRegularStretchAgreesWithTheReferenceWalk() {
    AtomicInteger stretches = new AtomicInteger();
    qt().withExamples(3_000)
        .forAll(CASES, STARTS, AMOUNTS)
        .checkAssert(
            (c, s, d) -> {
              Instant fast = c.calendar().addInRegularStretch(s, d.toNanos());
              if (fast != null) {
                stretches.incrementAndGet();
                assertEquals(referenceAdd(c, s, d), fast, c + " from " + s + " + " + d);
                assertEquals(
                    d.toNanos(), c.calendar().betweenInRegularStretch(s, fast), c + " from " + s);
              }
            });
    // The property must not pass vacuously: most random ranges are regular stretches.
    assertTrue(stretches.get() > 500, "regular stretches met: " + stretches.get());
  }

  @Test
  void addAndBetweenAgreeWithTheReferenceWalkThroughHolidaysAndClockChanges() {
    qt().withExamples(1_500)
        .forAll(CASES, STARTS, AMOUNTS, longs().between(0, Duration.ofDays(120).getSeconds()))
        .checkAssert(
            (c, s, d, span) -> {
              assertEquals(referenceAdd(c, s, d), c.calendar().add(s, d), c + " from " + s);
              Instant to = s.plusSeconds(span);
              assertEquals(
                  referenceBetween(c, s, to), c.calendar().between(s, to), c + " " + s + " " + to);
            });
  }

  /** Walks every interval from the day before the start on, one at a time. */
  static Instant referenceAdd(Case c, Instant start, Duration amount) {
    long remaining = amount.toNanos();
    ZoneId zone = c.calendar().zone();
    for (LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1); ; day = day.plusDays(1)) {
      for (Instant[] i : intervals(c, day)) {
        Instant from = i[0].isAfter(start) ? i[0] : start;
        long available = from.until(i[1], ChronoUnit.NANOS);
        if (available <= 0) {
          continue;
        }
        if (remaining <= available) {
          return from.plusNanos(remaining);
        }
        remaining -= available;
      }
    }
  }

  static Duration referenceBetween(Case c, Instant from, Instant to) {
    long total = 0;
    ZoneId zone = c.calendar().zone();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate day = LocalDate.ofInstant(from, zone).minusDays(1);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      for (Instant[] i : intervals(c, day)) {
        Instant s = i[0].isAfter(from) ? i[0] : from;
        Instant e = i[1].isBefore(to) ? i[1] : to;
        if (e.isAfter(s)) {
          total += s.until(e, ChronoUnit.NANOS);
        }
      }
    }
    return Duration.ofNanos(Math.max(0, total));
  }

  /** The intervals a day owns as instants: gap times at the jump, overlap times the earlier. */
  private static List<Instant[]> intervals(Case c, LocalDate day) {
    List<Instant[]> out = new ArrayList<>();
    if (c.holidays().contains(day)) {
      return out;
    }
    for (WorkingHours h : c.calendar().hours()) {
      if (h.day() == day.getDayOfWeek()) {
        LocalDate endDay = h.overnight() ? day.plusDays(1) : day;
        out.add(
            new Instant[] {
              instant(c.calendar().zone(), day.atTime(h.start())),
              instant(c.calendar().zone(), endDay.atTime(h.end()))
            });
      }
    }
    return out;
  }

  private static Instant instant(ZoneId zone, LocalDateTime local) {
    // atZone puts a gap time after the gap (shifted by its length), so take the jump itself.
    var rules = zone.getRules();
    if (rules.getValidOffsets(local).isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
  }
}
