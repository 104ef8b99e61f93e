package dev.helpdesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A timer that switches calendars (and pauses) at random instants counts each stretch in the
 * calendar in force during it: the business time it has run, summed piece by piece in each piece's
 * calendar, plus what the current calendar counts from the last step to the due instant, is the
 * goal. The instants span March and April 2026, so the pieces cross the clock changes of New York
 * (8 March), Berlin (29 March) and Sydney (5 April) and each calendar's own holidays.
 */
class SlaTimerCalendarSwitchPropertiesTest {

  private static final List<BusinessCalendar> CALENDARS =
      List.of(
          BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
              .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 30))
              .weekdays(LocalTime.of(13, 30), LocalTime.of(17, 0))
              .holidays(FixedHolidays.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)))
              .build(),
          BusinessCalendar.builder(ZoneId.of("America/New_York"))
              .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
              .holidays(FixedHolidays.of(LocalDate.of(2026, 3, 16)))
              .build(),
          // An evening shift running past midnight.
          BusinessCalendar.builder(ZoneId.of("Australia/Sydney"))
              .weekdays(LocalTime.of(20, 0), LocalTime.of(4, 0))
              .build(),
          BusinessCalendar.alwaysOpen());

  private static final long BASE = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();

  /** One step: after {@code gap} seconds, pause or resume ({@code action} 0) or switch. */
  private record Step(long gap, int action) {}

  private static Gen<List<Step>> steps() {
    return lists()
        .of(longs().between(0, 3L * 86_400).zip(integers().between(0, 4), Step::new))
        .ofSizeBetween(0, 8);
  }

  @Test
  void theBusinessTimeCountedIsTheSumOfThePiecesInEachCalendar() {
    qt().withExamples(2_000)
        .forAll(
            longs().between(0, 30L * 86_400),
            integers().between(0, CALENDARS.size() - 1),
            longs().between(1, 80L * 60),
            steps())
        .checkAssert(
            (startOffset, first, goalMinutes, steps) -> {
              Duration goal = Duration.ofMinutes(goalMinutes);
              TargetRule rule =
                  new TargetRule(
                      SlaTarget.RESOLUTION,
                      goal,
                      Set.of(Status.PENDING),
                      WarningLead.percentElapsed(50));
              Instant start = Instant.ofEpochSecond(BASE + startOffset);
              BusinessCalendar calendar = CALENDARS.get(first);
              SlaTimer t = SlaTimer.start(rule, 1, start, Status.OPEN, calendar);
              Instant now = start;
              boolean paused = false;
              Duration ran = Duration.ZERO;
              Duration pausedFor = Duration.ZERO;
              for (Step step : steps) {
                Instant next = now.plusSeconds(step.gap());
                // The reference: each piece in the calendar in force during it.
                Duration piece = calendar.between(now, next);
                if (paused) {
                  pausedFor = pausedFor.plus(piece);
                } else {
                  ran = ran.plus(piece);
                }
                now = next;
                if (step.action() == 0) {
                  t = t.follow(paused ? Status.OPEN : Status.PENDING, now, calendar);
                  paused = !paused;
                } else {
                  BusinessCalendar to = CALENDARS.get(step.action() - 1);
                  t = t.switchCalendar(now, calendar, to);
                  calendar = to;
                }
              }
              if (paused) {
                t = t.follow(Status.OPEN, now, calendar);
              }
              assertEquals(TimerState.RUNNING, t.state());
              assertEquals(start, t.startedAt());
              assertEquals(pausedFor, t.pausedSoFar());
              Duration left = goal.minus(ran);
              if (left.isNegative() || left.isZero()) {
                // Overdue: due at or before now, so the next check records the breach.
                assertFalse(t.dueAt().isAfter(now));
              } else {
                assertEquals(calendar.add(now, left), t.dueAt());
                assertEquals(left, t.remaining(now, calendar));
                assertEquals(goal, ran.plus(calendar.between(now, t.dueAt())));
              }
              Duration warnLeft = goal.dividedBy(2).minus(ran);
              if (warnLeft.isNegative() || warnLeft.isZero()) {
                assertFalse(t.warnAt().isAfter(now));
              } else {
                assertEquals(calendar.add(now, warnLeft), t.warnAt());
              }
            });
  }

  @Test
  void aSwitchToTheSameCalendarChangesNoDueInstant() {
    qt().withExamples(1_000)
        .forAll(
            longs().between(0, 30L * 86_400),
            integers().between(0, CALENDARS.size() - 1),
            longs().between(1, 80L * 60),
            longs().between(0, 10L * 86_400))
        .checkAssert(
            (startOffset, which, goalMinutes, after) -> {
              BusinessCalendar calendar = CALENDARS.get(which);
              TargetRule rule =
                  new TargetRule(
                      SlaTarget.FIRST_REPLY,
                      Duration.ofMinutes(goalMinutes),
                      Set.of(),
                      WarningLead.percentElapsed(75));
              Instant start = Instant.ofEpochSecond(BASE + startOffset);
              SlaTimer t = SlaTimer.start(rule, 1, start, Status.OPEN, calendar);
              Instant at = start.plusSeconds(after);
              SlaTimer same = t.switchCalendar(at, calendar, calendar);
              // Only a timer not yet overdue is comparable: an overdue one has breached by then.
              if (at.isBefore(t.warnAt())) {
                assertEquals(t.warnAt(), same.warnAt());
              }
              if (at.isBefore(t.dueAt())) {
                assertEquals(t.dueAt(), same.dueAt());
                assertEquals(at, same.countedFrom());
                assertTrue(same.countedBefore().compareTo(rule.goal()) < 0);
              }
            });
  }
}
