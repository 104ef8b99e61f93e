package dev.helpdesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pauses move the due instant by exactly the business time paused; rules keep elapsed time. */
class SlaTimerPropertiesTest {

  private static final BusinessCalendar OFFICE =
      BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
          .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
          .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
          .holidays(FixedHolidays.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)))
          .build();

  private static final TargetRule RESOLUTION =
      new TargetRule(
          SlaTarget.RESOLUTION,
          Duration.ofHours(21),
          Set.of(Status.PENDING),
          WarningLead.percentElapsed(80));

  private static final long BASE = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();

  @Test
  void aPauseOfPBusinessTimeMovesDueByExactlyP() {
    qt().withExamples(1_000)
        .forAll(
            longs().between(0, 90L * 86_400),
            longs().between(0, 10L * 86_400),
            longs().between(1, 20L * 86_400))
        .checkAssert(
            (startOffset, untilPause, pauseLength) -> {
              Instant start = Instant.ofEpochSecond(BASE + startOffset);
              Instant pauseAt = start.plusSeconds(untilPause);
              Instant resumeAt = pauseAt.plusSeconds(pauseLength);
              SlaTimer t = SlaTimer.start(RESOLUTION, 1, start, Status.OPEN, OFFICE);
              SlaTimer paused = t.follow(Status.PENDING, pauseAt, OFFICE);
              assertEquals(TimerState.PAUSED, paused.state());
              SlaTimer resumed = paused.follow(Status.OPEN, resumeAt, OFFICE);
              Duration p = OFFICE.between(pauseAt, resumeAt);
              assertEquals(TimerState.RUNNING, resumed.state());
              assertEquals(p, resumed.pausedSoFar());
              assertEquals(OFFICE.add(t.dueAt(), p), resumed.dueAt());
              assertEquals(OFFICE.add(t.warnAt(), p), resumed.warnAt());
            });
  }

  @Test
  void aNewRuleKeepsTheElapsedTimeAndThePauses() {
    TargetRule shorter =
        new TargetRule(
            SlaTarget.RESOLUTION,
            Duration.ofHours(7),
            Set.of(Status.PENDING),
            WarningLead.percentElapsed(50));
    qt().withExamples(1_000)
        .forAll(
            longs().between(0, 90L * 86_400),
            longs().between(0, 10L * 86_400),
            longs().between(1, 20L * 86_400))
        .checkAssert(
            (startOffset, untilPause, pauseLength) -> {
              Instant start = Instant.ofEpochSecond(BASE + startOffset);
              Instant pauseAt = start.plusSeconds(untilPause);
              Instant resumeAt = pauseAt.plusSeconds(pauseLength);
              SlaTimer t =
                  SlaTimer.start(RESOLUTION, 1, start, Status.OPEN, OFFICE)
                      .follow(Status.PENDING, pauseAt, OFFICE)
                      .follow(Status.OPEN, resumeAt, OFFICE);
              SlaTimer changed = t.withRule(shorter, Status.OPEN, resumeAt, OFFICE);
              assertEquals(start, changed.startedAt());
              assertEquals(
                  OFFICE.add(start, Duration.ofHours(7).plus(t.pausedSoFar())), changed.dueAt());
            });
  }
}
