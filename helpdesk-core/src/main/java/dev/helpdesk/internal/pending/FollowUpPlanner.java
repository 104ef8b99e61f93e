package dev.helpdesk.internal.pending;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps each ticket's pending follow-up in step with its changes; the change pipeline calls {@link
 * #plan} on every edit and runs the write it returns inside the change's unit of work, so a plan is
 * stored or dropped together with the status change that called for it. By the edit's events, in
 * order:
 *
 * <ul>
 *   <li>entering PENDING plans the follow-up afresh from the edit's instant, by the ticket's SLA
 *       policy's follow-up if it has one, else the global one, in the ticket's business calendar as
 *       it stands then (every hour counts without SLAs);
 *   <li>leaving PENDING, or a public message of the customer, drops it;
 *   <li>a reminder sent moves the plan on to its next step, or drops it after the last;
 *   <li>a change that moves a PENDING ticket to another business calendar (its group, a field a
 *       calendar rule reads) moves the steps still to come: the business time left to each, in the
 *       old calendar, is counted in the new one from the change on.
 * </ul>
 *
 * Thread-safe: it keeps nothing between calls.
 */
public final class FollowUpPlanner {

  private final Optional<PendingFollowUp> global;
  private final Optional<SlaSettings> sla;
  private final Function<Ticket, BusinessCalendar> calendar;
  private final PendingFollowUps store;
  private final boolean configured;

  /**
   * @param global the builder's follow-up, if any
   * @param sla the desk's SLA settings, if any: their policies
   * @param calendar the business calendar a ticket counts in (the SLA engine's {@code calendarOf};
   *     always open without SLAs)
   * @param store where plans are kept
   */
  public FollowUpPlanner(
      Optional<PendingFollowUp> global,
      Optional<SlaSettings> sla,
      Function<Ticket, BusinessCalendar> calendar,
      PendingFollowUps store) {
    this.global = global;
    this.sla = sla;
    this.calendar = calendar;
    this.store = store;
    // Without any follow-up configured no new plan is made, and customers' messages need not
    // touch the store. Plans made before (the application ran with a follow-up until its last
    // start) are still moved on after each reminder and dropped when their ticket leaves PENDING,
    // so that none is sent twice.
    this.configured =
        global.filter(f -> !f.isOff()).isPresent()
            || sla.stream()
                .flatMap(s -> s.policies().stream())
                .anyMatch(p -> p.pendingFollowUp().filter(f -> !f.isOff()).isPresent());
  }

  /** The store the plans are kept in. */
  public PendingFollowUps store() {
    return store;
  }

  /** What the edit does to the ticket's plan, decided from its events. */
  private sealed interface Outcome {}

  private record Keep() implements Outcome {}

  private record Plan(Instant since) implements Outcome {}

  private record Advance() implements Outcome {}

  private record Drop() implements Outcome {}

  /**
   * The write the edit calls for, to run in its unit of work after the ticket is stored; empty when
   * it leaves the plan as it is.
   */
  public Optional<Runnable> plan(TicketEdit edit) {
    if (edit.before().isEmpty()) {
      return Optional.empty();
    }
    Outcome outcome = new Keep();
    for (TicketEvent e : edit.events()) {
      if (e instanceof TicketEvent.StatusChanged s) {
        if (s.to() == Status.PENDING) {
          outcome = new Plan(s.at());
        } else if (s.from() == Status.PENDING) {
          outcome = new Drop();
        }
      } else if (configured
          && e instanceof TicketEvent.MessageAdded m
          && m.actor() instanceof Actor.Customer
          && m.visibility() == Visibility.PUBLIC) {
        // The customer answered: what the reminders asked for has come, whatever the status table
        // does with the reply.
        outcome = new Drop();
      } else if (e instanceof TicketEvent.PendingReminderSent) {
        outcome = new Advance();
      }
    }
    Ticket ticket = edit.current();
    TicketId id = ticket.id();
    long version = edit.before().get().version() + 1;
    if (outcome instanceof Plan p && configured) {
      Optional<FollowUpPlan> plan = planFor(ticket, version, p.since());
      // A stay that gets no follow-up (say the policy switches it off) leaves no plan behind.
      return Optional.of(
          plan.<Runnable>map(fresh -> () -> store.save(fresh))
              .orElse(() -> store.remove(id, version)));
    }
    if (outcome instanceof Drop) {
      return Optional.of(() -> store.remove(id, version));
    }
    if (outcome instanceof Keep && ticket.status() == Status.PENDING) {
      BusinessCalendar was = calendar.apply(edit.before().get());
      BusinessCalendar now = calendar.apply(ticket);
      if (was != now) {
        Instant at = edit.at();
        return Optional.of(
            () ->
                store
                    .byTicket(id)
                    .ifPresent(plan -> store.save(moved(plan, version, at, was, now))));
      }
    }
    if (outcome instanceof Advance) {
      return Optional.of(
          () ->
              store
                  .byTicket(id)
                  .flatMap(plan -> plan.afterNext(version))
                  .ifPresentOrElse(store::save, () -> store.remove(id, version)));
    }
    return Optional.empty();
  }

  /**
   * The plan with its steps still to come counted in {@code to} from {@code at}: the business time
   * from {@code at} to the next step, and between each step and the one after, as {@code from}
   * counted it. Steps already taken keep their instants.
   */
  static FollowUpPlan moved(
      FollowUpPlan plan, long version, Instant at, BusinessCalendar from, BusinessCalendar to) {
    Map<FollowUpStep, Instant> schedule = new EnumMap<>(FollowUpStep.class);
    Instant oldPrevious = at;
    Instant previous = at;
    for (Map.Entry<FollowUpStep, Instant> e : plan.schedule().entrySet()) {
      Instant due = e.getValue();
      if (e.getKey().ordinal() < plan.next().ordinal()) {
        schedule.put(e.getKey(), due);
        continue;
      }
      // A step already due but not yet taken stays due now.
      Duration gap = due.isAfter(oldPrevious) ? from.between(oldPrevious, due) : Duration.ZERO;
      Instant moved = to.add(previous, gap);
      schedule.put(e.getKey(), moved);
      oldPrevious = due.isAfter(oldPrevious) ? due : oldPrevious;
      previous = moved;
    }
    return new FollowUpPlan(plan.ticketId(), version, plan.pendingSince(), schedule, plan.next());
  }

  /** The follow-up of a ticket entering PENDING at {@code since}; empty when it gets none. */
  Optional<FollowUpPlan> planFor(Ticket ticket, long version, Instant since) {
    Optional<PendingFollowUp> followUp =
        sla.flatMap(s -> s.policyFor(ticket))
            .flatMap(SlaPolicy::pendingFollowUp)
            .or(() -> global)
            .filter(f -> !f.isOff());
    if (followUp.isEmpty()) {
      return Optional.empty();
    }
    BusinessCalendar businessHours = calendar.apply(ticket);
    Map<FollowUpStep, Instant> schedule = new EnumMap<>(FollowUpStep.class);
    Instant at = since;
    for (FollowUpStep step : FollowUpStep.values()) {
      Optional<Duration> delay = followUp.get().delayOf(step);
      if (delay.isPresent()) {
        at = businessHours.add(at, delay.get());
        schedule.put(step, at);
      }
    }
    FollowUpStep first = schedule.keySet().iterator().next();
    return Optional.of(new FollowUpPlan(ticket.id(), version, since, schedule, first));
  }
}
