package dev.helpdesk.internal.assignment;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps each ticket's no-reply deadline in step with its changes; the change pipeline calls {@link
 * #plan} on every edit and runs the write it returns inside the change's unit of work, so a
 * deadline is set or cleared together with the ticket change that called for it. By the edit's
 * events, in order:
 *
 * <ul>
 *   <li>an assignment to an agent sets the deadline, {@code within} of business time (the ticket's
 *       calendar) from the assignment; one the rule itself made ({@link NoReplyRule#REASON})
 *       carries the chain on (one more attempt, one more agent tried), any other starts a new
 *       chain;
 *   <li>a public message of an agent, an unassignment, a status other than NEW or OPEN, or an
 *       escalation clears it (an escalation's own assignment to a supervisor sets none: the rule
 *       has done what it can).
 * </ul>
 *
 * Without a rule it writes nothing. Thread-safe: it keeps nothing between calls.
 */
public final class NoReplyPlanner {

  /** The statuses in which a ticket waits on its agent. */
  static final Set<Status> WAITING = Set.of(Status.NEW, Status.OPEN);

  private final Optional<NoReplyRule> rule;
  private final Function<Ticket, BusinessCalendar> calendar;
  private final NoReplyDeadlines store;

  /**
   * @param rule the policy's rule, if any
   * @param calendar the business calendar of a ticket
   * @param store where deadlines are kept
   */
  public NoReplyPlanner(
      Optional<NoReplyRule> rule,
      Function<Ticket, BusinessCalendar> calendar,
      NoReplyDeadlines store) {
    this.rule = rule;
    this.calendar = calendar;
    this.store = store;
  }

  /** The store the deadlines are kept in. */
  public NoReplyDeadlines store() {
    return store;
  }

  private sealed interface Outcome {}

  private record Keep() implements Outcome {}

  private record Due(Instant at, AgentId agent, boolean byRule) implements Outcome {}

  private record Clear() implements Outcome {}

  /**
   * The write the edit calls for, to run in its unit of work after the ticket is stored; empty when
   * it leaves the deadline as it is.
   */
  public Optional<Runnable> plan(TicketEdit edit) {
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    Outcome outcome = new Keep();
    boolean escalated = false;
    for (TicketEvent e : edit.events()) {
      if (e instanceof TicketEvent.Escalated) {
        escalated = true;
        outcome = new Clear();
      } else if (e instanceof TicketEvent.Assigned a) {
        if (a.to().isEmpty()) {
          outcome = new Clear();
        } else if (!escalated) {
          outcome =
              new Due(
                  a.at(), a.to().get(), a.reason().filter(NoReplyRule.REASON::equals).isPresent());
        }
      } else if (e instanceof TicketEvent.StatusChanged s && !WAITING.contains(s.to())) {
        outcome = new Clear();
      } else if (e instanceof TicketEvent.MessageAdded m
          && m.actor() instanceof Actor.Agent
          && m.visibility() == Visibility.PUBLIC) {
        outcome = new Clear();
      }
    }
    Ticket ticket = edit.current();
    TicketId id = ticket.id();
    long version = edit.before().map(t -> t.version() + 1).orElse(1L);
    if (outcome instanceof Due s) {
      if (!ticket.isAssignedTo(s.agent()) || !WAITING.contains(ticket.status())) {
        // Assigned, then moved on within the same change: nothing waits on that agent.
        return edit.before().isEmpty()
            ? Optional.empty()
            : Optional.of(() -> store.remove(id, version));
      }
      Instant due = calendar.apply(ticket).add(s.at(), rule.get().within());
      if (!s.byRule()) {
        return Optional.of(
            () -> store.save(new NoReplyDeadline(id, version, due, 0, List.of(s.agent()))));
      }
      return Optional.of(() -> store.save(carriedOn(id, version, due, s.agent())));
    }
    if (outcome instanceof Clear && edit.before().isPresent()) {
      return Optional.of(() -> store.remove(id, version));
    }
    return Optional.empty();
  }

  /** The chain one reassignment by the rule further: one more attempt, one more agent tried. */
  private NoReplyDeadline carriedOn(TicketId id, long version, Instant due, AgentId agent) {
    Optional<NoReplyDeadline> before = store.byTicket(id);
    List<AgentId> tried =
        new ArrayList<>(before.map(NoReplyDeadline::agentsTried).orElse(List.of()));
    tried.remove(agent);
    tried.add(agent);
    int attempts = before.map(d -> d.attempts() + 1).orElse(1);
    return new NoReplyDeadline(
        id,
        version,
        due,
        Math.min(attempts, NoReplyRule.MAX_REASSIGNMENTS),
        tried.subList(Math.max(0, tried.size() - NoReplyDeadline.MAX_AGENTS), tried.size()));
  }
}
