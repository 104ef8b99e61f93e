package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;
import java.util.Optional;

/**
 * A ticket's SLA state as search filters and sorts by it, derived from its {@link TicketTimers}
 * alone ({@link #of}), so that a store can keep it beside the ticket in the same write as the
 * timers.
 *
 * @param due the earliest due instant of a {@link TimerState#RUNNING running} timer; empty when
 *     none runs (all paused, met, breached, or no SLA applies). A running timer past its due
 *     instant that the monitor has not yet marked breached still counts here.
 * @param breached whether the latest cycle of some target is {@link TimerState#BREACHED}, as the
 *     monitor recorded it, whether or not it was fulfilled since
 */
public record SlaState(Optional<Instant> due, boolean breached) {

  /**
   * What stores may keep as the due instant of a ticket with none running, so that "no due" sorts
   * after every real one with a plain ascending order; no real due instant may reach it.
   */
  public static final Instant NO_DUE = Instant.parse("9999-01-01T00:00:00Z");

  /** No timer running and none breached: the state of a ticket without SLA timers. */
  public static final SlaState NONE = new SlaState(Optional.empty(), false);

  /** Validates the state. */
  public SlaState {
    Check.present("due", due);
    if (due.filter(d -> !d.isBefore(NO_DUE)).isPresent()) {
      throw new ValidationException("due", "must be before " + NO_DUE);
    }
  }

  /** The state of a ticket whose timers are these. */
  public static SlaState of(TicketTimers timers) {
    Check.present("timers", timers);
    Instant due = null;
    boolean breached = false;
    for (SlaTimer t : timers.timers().values()) {
      if (t.state() == TimerState.RUNNING && (due == null || t.dueAt().isBefore(due))) {
        due = t.dueAt();
      }
      breached |= t.state() == TimerState.BREACHED;
    }
    return new SlaState(Optional.ofNullable(due), breached);
  }

  /** The due instant, or {@link #NO_DUE} when none runs: the key of the SLA-due order. */
  public Instant dueOrLast() {
    return due.orElse(NO_DUE);
  }

  /** Whether a running timer is due at or before {@code limit}. */
  public boolean isDueBy(Instant limit) {
    Check.present("limit", limit);
    return due.filter(d -> !d.isAfter(limit)).isPresent();
  }
}
