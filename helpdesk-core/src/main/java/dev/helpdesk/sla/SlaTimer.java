package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One cycle of one target on one ticket. Its due instant is always {@code calendar.add(startedAt,
 * goal + pausedSoFar)}: a pause of {@code p} business time therefore moves it by exactly {@code p},
 * and a new rule (after a priority change) keeps the elapsed time. Immutable: each method returns
 * the timer as it is after the step.
 *
 * @param rule the target's rule, from the policy in force
 * @param cycle 1 for the first cycle; next reply and periodic update start new ones
 * @param startedAt when the cycle started
 * @param pausedSoFar business time spent paused in this cycle, excluding a pause still running
 * @param pausedSince when the running pause began, while {@link TimerState#PAUSED}
 * @param state where it stands
 * @param dueAt the first instant at which it is breached; while paused, as it was when the pause
 *     began (it moves on resume)
 * @param warnAt the first instant at which it warns (same rule as {@code dueAt})
 * @param warned whether this cycle has warned
 * @param endedAt when it was fulfilled (or ended by SOLVED), if it was
 */
public record SlaTimer(
    TargetRule rule,
    int cycle,
    Instant startedAt,
    Duration pausedSoFar,
    Optional<Instant> pausedSince,
    TimerState state,
    Instant dueAt,
    Instant warnAt,
    boolean warned,
    Optional<Instant> endedAt) {

  /** Validates the timer. */
  public SlaTimer {
    Check.present("rule", rule);
    Check.positive("cycle", cycle);
    Check.present("startedAt", startedAt);
    Check.present("pausedSoFar", pausedSoFar);
    Check.present("pausedSince", pausedSince);
    Check.present("state", state);
    Check.present("dueAt", dueAt);
    Check.present("warnAt", warnAt);
    Check.present("endedAt", endedAt);
    if (pausedSince.isPresent() != (state == TimerState.PAUSED)) {
      throw new ValidationException("pausedSince", "must be present exactly while PAUSED");
    }
    if (state == TimerState.MET && endedAt.isEmpty()) {
      throw new ValidationException("endedAt", "is required when MET");
    }
  }

  /**
   * Starts a cycle at {@code at}; paused at once when {@code status} pauses the target.
   *
   * @param status the ticket's status at the start
   */
  public static SlaTimer start(
      TargetRule rule, int cycle, Instant at, Status status, BusinessCalendar calendar) {
    SlaTimer t =
        new SlaTimer(
            rule,
            cycle,
            at,
            Duration.ZERO,
            Optional.empty(),
            TimerState.RUNNING,
            calendar.add(at, rule.goal()),
            calendar.add(at, rule.warning().offset(rule.goal())),
            false,
            Optional.empty());
    return t.follow(status, at, calendar);
  }

  /** The target. */
  public SlaTarget target() {
    return rule.target();
  }

  /** Whether it still waits for fulfilment (running, paused, or breached and not yet fulfilled). */
  public boolean isOpen() {
    return endedAt.isEmpty();
  }

  /** The next instant the monitor must look at it: its warning, then its due instant. */
  public Optional<Instant> nextCheck() {
    if (state != TimerState.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(warned ? dueAt : warnAt);
  }

  /** Pauses or resumes as {@code status} requires; a breached or ended timer stays as it is. */
  public SlaTimer follow(Status status, Instant at, BusinessCalendar calendar) {
    boolean pauses = rule.pausedBy().contains(status);
    if (state == TimerState.RUNNING && pauses) {
      return new SlaTimer(
          rule,
          cycle,
          startedAt,
          pausedSoFar,
          Optional.of(at),
          TimerState.PAUSED,
          dueAt,
          warnAt,
          warned,
          endedAt);
    }
    if (state == TimerState.PAUSED && !pauses) {
      return resume(at, calendar);
    }
    return this;
  }

  private SlaTimer resume(Instant at, BusinessCalendar calendar) {
    if (state != TimerState.PAUSED) {
      return this;
    }
    Duration paused = pausedSoFar.plus(calendar.between(pausedSince.orElseThrow(), at));
    return new SlaTimer(
            rule,
            cycle,
            startedAt,
            paused,
            Optional.empty(),
            TimerState.RUNNING,
            dueAt,
            warnAt,
            warned,
            endedAt)
        .recompute(calendar);
  }

  /** The timer under a new rule for the same target, keeping its start and its pauses. */
  public SlaTimer withRule(
      TargetRule newRule, Status status, Instant at, BusinessCalendar calendar) {
    if (newRule.target() != rule.target()) {
      throw new ValidationException("rule", "must be for " + rule.target());
    }
    if (!isOpen()) {
      return this;
    }
    // Resume under the old rule first, so the time paused so far is counted once, then pause
    // again if the new rule says so.
    SlaTimer running = resume(at, calendar);
    SlaTimer moved =
        new SlaTimer(
                newRule,
                cycle,
                startedAt,
                running.pausedSoFar,
                Optional.empty(),
                running.state,
                dueAt,
                warnAt,
                warned,
                endedAt)
            .recompute(calendar);
    return moved.follow(status, at, calendar);
  }

  /** Records that it warned. */
  public SlaTimer markWarned() {
    return new SlaTimer(
        rule, cycle, startedAt, pausedSoFar, pausedSince, state, dueAt, warnAt, true, endedAt);
  }

  /** Records that it breached (a breach always follows or includes a warning). */
  public SlaTimer markBreached() {
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        Optional.empty(),
        TimerState.BREACHED,
        dueAt,
        warnAt,
        true,
        endedAt);
  }

  /** Ends the cycle at {@code at}: MET unless already BREACHED. */
  public SlaTimer end(Instant at) {
    if (!isOpen()) {
      return this;
    }
    TimerState s = state == TimerState.BREACHED ? TimerState.BREACHED : TimerState.MET;
    Duration paused = pausedSoFar;
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        paused,
        Optional.empty(),
        s,
        dueAt,
        warnAt,
        warned,
        Optional.of(at));
  }

  /**
   * Business time left at {@code now}: negative once breached; while paused, what was left when the
   * pause began; after the end, what was left (or overdue) then.
   */
  public Duration remaining(Instant now, BusinessCalendar calendar) {
    Instant at = endedAt.or(() -> pausedSince).orElse(now);
    return at.isBefore(dueAt) ? calendar.between(at, dueAt) : calendar.between(dueAt, at).negated();
  }

  private SlaTimer recompute(BusinessCalendar calendar) {
    Duration base = pausedSoFar;
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        pausedSince,
        state,
        calendar.add(startedAt, rule.goal().plus(base)),
        calendar.add(startedAt, rule.warning().offset(rule.goal()).plus(base)),
        warned,
        endedAt);
  }
}
