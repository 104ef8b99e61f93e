package dev.helpdesk.benchmarks;

import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding business days to an instant: whole weeks without a holiday or clock change are skipped by
 * division, so 30 business days cost about what 1 does. Office hours Mon-Fri 09:00-12:30 and
 * 13:30-17:00 in Berlin (7 hours a day), with the German holidays of 2026 (none inside the measured
 * range, which starts Mon 2026-06-01 10:00: the case the skip is for).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BusinessCalendarBenchmark {

  /** Business days to add, of 7 hours each. */
  @Param({"1", "30"})
  public int days;

  private BusinessCalendar calendar;
  private Instant start;
  private Duration amount;

  @Setup
  public void setUp() {
    calendar =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
            .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
            .holidays(
                FixedHolidays.of(
                    LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 4, 3),
                    LocalDate.of(2026, 4, 6),
                    LocalDate.of(2026, 5, 1),
                    LocalDate.of(2026, 5, 14),
                    LocalDate.of(2026, 5, 25),
                    LocalDate.of(2026, 10, 3),
                    LocalDate.of(2026, 12, 25),
                    LocalDate.of(2026, 12, 26)))
            .build();
    start = LocalDateTime.parse("2026-06-01T10:00").atZone(calendar.zone()).toInstant();
    amount = Duration.ofHours(7L * days);
  }

  @Benchmark
  public Instant addBusinessDays() {
    return calendar.add(start, amount);
  }

  @Benchmark
  public Duration measureBusinessDays() {
    return calendar.between(start, start.plus(Duration.ofDays(days * 7L / 5)));
  }
}
