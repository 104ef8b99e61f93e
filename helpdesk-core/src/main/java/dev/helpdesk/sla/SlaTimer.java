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
 * One cycle of one target on one ticket. Its due instant is always {@code calendar.add(countedFrom,
 * goal + pausedSoFar - countedBefore)}, in the calendar the ticket counts in now: a pause of {@code
 * p} business time therefore moves it by exactly {@code p}, a new rule (after a priority change)
 * keeps the elapsed time, and a new calendar ({@link #switchCalendar}) keeps the business time
 * counted in the old one. Until a calendar switch, {@code countedFrom} is {@code startedAt} and
 * {@code countedBefore} zero, so the due instant is {@code calendar.add(startedAt, goal +
 * pausedSoFar)}. Immutable: each method returns the timer as it is after the step.
 *
 * @param rule the target's rule, from the policy in force
 * @param cycle 1 for the first cycle; next reply and periodic update start new ones
 * @param startedAt when the cycle started
 * @param pausedSoFar business time spent paused in this cycle, excluding a pause still running
 * @param pausedSince when the running pause began (or when its calendar last switched), while
 *     {@link TimerState#PAUSED}
 * @param state where it stands
 * @param dueAt the first instant at which it is breached; while paused, as it was when the pause
 *     began or the calendar last switched (it moves on resume)
 * @param warnAt the first instant at which it warns (same rule as {@code dueAt})
 * @param warned whether this cycle has warned
 * @param endedAt when it was fulfilled (or ended by SOLVED), if it was
 * @param countedFrom since when the current calendar counts: {@code startedAt}, or the instant of
 *     the last calendar switch
 * @param countedBefore business time of the cycle before {@code countedFrom}, running and paused,
 *     each stretch counted in the calendar in force then
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
    Optional<Instant> endedAt,
    Instant countedFrom,
    Duration countedBefore) {

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
    Check.present("countedFrom", countedFrom);
    Check.present("countedBefore", countedBefore);
    if (pausedSince.isPresent() != (state == TimerState.PAUSED)) {
      throw new ValidationException("pausedSince", "must be present exactly while PAUSED");
    }
    if (state == TimerState.MET && endedAt.isEmpty()) {
      throw new ValidationException("endedAt", "is required when MET");
    }
    if (countedFrom.isBefore(startedAt)) {
      throw new ValidationException("countedFrom", "must not be before startedAt");
    }
    if (countedBefore.isNegative()) {
      throw new ValidationException("countedBefore", "must not be negative");
    }
  }

  /** A timer that has counted in one calendar since it started. */
  public SlaTimer(
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
    this(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        pausedSince,
        state,
        dueAt,
        warnAt,
        warned,
        endedAt,
        startedAt,
        Duration.ZERO);
  }

  /**
   * Starts a cycle at {@code at}; paused at once when {@code status} pauses the target.
   *
   * @param status the ticket's status at the start
   * @param calendar the calendar the ticket counts in
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
      return with(pausedSoFar, Optional.of(at), TimerState.PAUSED, countedFrom, countedBefore);
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
    return with(paused, Optional.empty(), TimerState.RUNNING, countedFrom, countedBefore)
        .recompute(calendar);
  }

  /**
   * The timer going on in another calendar from {@code at}: the business time so far, running and
   * paused, is counted in {@code from} (the calendar it counted in until now) up to {@code at}, and
   * what remains counts in {@code to}. A running timer's due instant is then the instant at which
   * {@code to} has counted what the goal still lacked at {@code at}; a paused one's, the same as if
   * it resumed at {@code at}. A breached or ended timer stays as it is (its breach, or its end, is
   * already decided).
   */
  public SlaTimer switchCalendar(Instant at, BusinessCalendar from, BusinessCalendar to) {
    Check.present("at", at);
    Check.present("from", from);
    Check.present("to", to);
    if (state != TimerState.RUNNING && state != TimerState.PAUSED) {
      return this;
    }
    // A change stamped before the last switch (clocks of two instances a little apart) switches at
    // that last switch: counting never runs backwards.
    Instant switchAt = at.isBefore(countedFrom) ? countedFrom : at;
    Duration counted = countedBefore.plus(from.between(countedFrom, switchAt));
    Duration paused = pausedSoFar;
    Optional<Instant> since = pausedSince;
    if (pausedSince.isPresent()) {
      Instant p = pausedSince.get().isAfter(switchAt) ? switchAt : pausedSince.get();
      paused = paused.plus(from.between(p, switchAt));
      since = Optional.of(switchAt);
    }
    return with(paused, since, state, switchAt, counted).recompute(to);
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
                endedAt,
                countedFrom,
                countedBefore)
            .recompute(calendar);
    return moved.follow(status, at, calendar);
  }

  /** Records that it warned. */
  public SlaTimer markWarned() {
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        pausedSince,
        state,
        dueAt,
        warnAt,
        true,
        endedAt,
        countedFrom,
        countedBefore);
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
        endedAt,
        countedFrom,
        countedBefore);
  }

  /** Ends the cycle at {@code at}: MET unless already BREACHED. */
  public SlaTimer end(Instant at) {
    if (!isOpen()) {
      return this;
    }
    TimerState s = state == TimerState.BREACHED ? TimerState.BREACHED : TimerState.MET;
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        Optional.empty(),
        s,
        dueAt,
        warnAt,
        warned,
        Optional.of(at),
        countedFrom,
        countedBefore);
  }

  /**
   * Business time left at {@code now}: negative once breached; while paused, what was left when the
   * pause began; after the end, what was left (or overdue) then.
   *
   * @param calendar the calendar the ticket counts in
   */
  public Duration remaining(Instant now, BusinessCalendar calendar) {
    Instant at = endedAt.or(() -> pausedSince).orElse(now);
    return at.isBefore(dueAt) ? calendar.between(at, dueAt) : calendar.between(dueAt, at).negated();
  }

  private SlaTimer with(
      Duration pausedSoFar,
      Optional<Instant> pausedSince,
      TimerState state,
      Instant countedFrom,
      Duration countedBefore) {
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        pausedSince,
        state,
        dueAt,
        warnAt,
        warned,
        endedAt,
        countedFrom,
        countedBefore);
  }

  private SlaTimer recompute(BusinessCalendar calendar) {
    return new SlaTimer(
        rule,
        cycle,
        startedAt,
        pausedSoFar,
        pausedSince,
        state,
        calendar.add(countedFrom, left(rule.goal())),
        calendar.add(countedFrom, left(rule.warning().offset(rule.goal()))),
        warned,
        endedAt,
        countedFrom,
        countedBefore);
  }

  /**
   * What of {@code amount} the current calendar still has to count from {@code countedFrom}. When
   * the business time before a calendar switch already exceeds it (a shorter goal applied after the
   * switch), the instant it was reached lies in a calendar no longer known: it is taken as the
   * switch, already past, so the next check records the crossing.
   */
  private Duration left(Duration amount) {
    Duration d = amount.plus(pausedSoFar).minus(countedBefore);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
