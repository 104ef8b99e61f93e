package dev.helpdesk.internal.pending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.FixedHolidays;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pending ticket's plan moved to another calendar keeps the business time left to each step still
 * to come: what the old calendar counted from the switch to the next step, the new one counts from
 * the switch to its new instant, and the same for the gaps between later steps.
 */
class FollowUpMovePropertiesTest {

  private static final List<BusinessCalendar> CALENDARS =
      List.of(
          BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
              .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
              .holidays(FixedHolidays.of(LocalDate.of(2026, 3, 4)))
              .build(),
          BusinessCalendar.builder(ZoneId.of("America/New_York"))
              .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
              .build(),
          BusinessCalendar.alwaysOpen());

  private static final long BASE = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();

  /** The business minutes to the reminder, and from it to the auto-solve. */
  private record Delays(long firstMinutes, long solveMinutes) {}

  @Test
  void theTimeLeftToEachStepIsKept() {
    qt().withExamples(1_000)
        .forAll(
            longs().between(0, 20L * 86_400),
            integers().between(0, CALENDARS.size() * CALENDARS.size() - 1),
            longs().between(1, 30L * 60).zip(longs().between(1, 30L * 60), Delays::new),
            longs().between(0, 40L * 60))
        .checkAssert(
            (sinceOffset, pair, delays, switchMinutes) -> {
              long firstMinutes = delays.firstMinutes();
              long solveMinutes = delays.solveMinutes();
              BusinessCalendar from = CALENDARS.get(pair / CALENDARS.size());
              BusinessCalendar to = CALENDARS.get(pair % CALENDARS.size());
              Instant since = Instant.ofEpochSecond(BASE + sinceOffset);
              Instant reminder = from.add(since, Duration.ofMinutes(firstMinutes));
              Instant solve = from.add(reminder, Duration.ofMinutes(solveMinutes));
              Map<FollowUpStep, Instant> schedule = new EnumMap<>(FollowUpStep.class);
              schedule.put(FollowUpStep.FIRST_REMINDER, reminder);
              schedule.put(FollowUpStep.AUTO_SOLVE, solve);
              FollowUpPlan plan =
                  new FollowUpPlan(
                      TicketId.random(), 1, since, schedule, FollowUpStep.FIRST_REMINDER);
              // The switch: any business time after entering PENDING, up to past the last step.
              Instant at = from.add(since, Duration.ofMinutes(switchMinutes));
              FollowUpPlan moved = FollowUpPlanner.moved(plan, 2, at, from, to);
              Instant newReminder = moved.schedule().get(FollowUpStep.FIRST_REMINDER);
              Instant newSolve = moved.schedule().get(FollowUpStep.AUTO_SOLVE);
              assertEquals(2, moved.ticketVersion());
              assertEquals(FollowUpStep.FIRST_REMINDER, moved.next());
              assertFalse(newReminder.isBefore(at));
              Duration left = reminder.isAfter(at) ? from.between(at, reminder) : Duration.ZERO;
              assertEquals(left, to.between(at, newReminder));
              Instant afterReminder = reminder.isAfter(at) ? reminder : at;
              Duration gap =
                  solve.isAfter(afterReminder) ? from.between(afterReminder, solve) : Duration.ZERO;
              assertEquals(gap, to.between(newReminder, newSolve));
            });
  }
}
