package dev.helpdesk.internal.change;

import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.CapacityGuard;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The capabilities that take part in every change, each named for the step of {@link
 * ChangePipeline} that calls it. The order is the pipeline's code, not the order of a list: the
 * assignment rules first (the SLA must see who the change assigned), instant answers next (the
 * acknowledgement lists them), then the SLA timers (notifications quote the first reply's due
 * time), then the notifications, which see everything the steps before added.
 *
 * @param assignmentRules the reopen rule and capacity guards, on the decided edit
 * @param instantAnswers the knowledge base's answers, on an edit that opens a ticket
 * @param slaTimers the ticket's timers brought up to date (warnings, breaches and escalations added
 *     to the edit), empty without SLAs
 * @param notifications whom the edit must tell
 * @param storeTimers stores the planned timers inside the change's unit of work, after the ticket
 * @param pendingFollowUps plans, moves on or drops the ticket's pending follow-up; the write it
 *     returns runs inside the change's unit of work, after the timers
 * @param noReplyDeadlines sets or clears the ticket's no-reply deadline; the write it returns runs
 *     inside the change's unit of work, after the pending follow-up
 * @param refused told when the store refused a change because an agent was full
 * @param committed told of each change once it is durable, before listeners: the roster's loads
 * @param published told of each change once it is durable: the application's listeners
 */
public record Steps(
    Consumer<TicketEdit> assignmentRules,
    Consumer<TicketEdit> instantAnswers,
    SlaStep slaTimers,
    NotificationStep notifications,
    Consumer<List<TicketTimers>> storeTimers,
    PendingStep pendingFollowUps,
    PendingStep noReplyDeadlines,
    Consumer<CapacityGuard> refused,
    Consumer<TicketChange> committed,
    Consumer<TicketChange> published) {

  /** Brings a ticket's SLA timers up to date with an edit. */
  @FunctionalInterface
  public interface SlaStep {
    /** The timers to store with the edit's change; empty when no SLA is kept. */
    Optional<TicketTimers> plan(TicketEdit edit);
  }

  /** Brings a ticket's pending follow-up (or its no-reply deadline) up to date with an edit. */
  @FunctionalInterface
  public interface PendingStep {
    /** The write to run in the edit's unit of work; empty when what is stored stays as it is. */
    Optional<Runnable> plan(TicketEdit edit);
  }

  /** Decides whom an edit must tell. */
  @FunctionalInterface
  public interface NotificationStep {
    /** Adds the notifications; {@code timers} are those the SLA step planned for this edit. */
    void addTo(TicketEdit edit, boolean acknowledge, Optional<TicketTimers> timers);
  }
}
