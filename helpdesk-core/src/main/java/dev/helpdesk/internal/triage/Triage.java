package dev.helpdesk.internal.triage;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.internal.fields.FieldSchema;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working a ticket's fields: status, priority, group, tags, custom fields, assignee removal, and
 * the close sweep.
 */
public final class Triage {

  private static final Logger log = LoggerFactory.getLogger(Triage.class);

  private static final Actor SWEEP = Actor.system("close-sweep");

  private final ChangePipeline pipeline;
  private final Access access;
  private final Tickets tickets;
  private final FieldSchema fields;
  private final Duration closeSolvedAfter;
  private final int sweepBatch;

  /**
   * @param closeSolvedAfter how long a SOLVED ticket waits before the sweep closes it
   * @param sweepBatch how many solved tickets the sweep reads at a time
   */
  public Triage(
      ChangePipeline pipeline,
      Access access,
      Tickets tickets,
      FieldSchema fields,
      Duration closeSolvedAfter,
      int sweepBatch) {
    this.pipeline = pipeline;
    this.access = access;
    this.tickets = tickets;
    this.fields = fields;
    this.closeSolvedAfter = closeSolvedAfter;
    this.sweepBatch = sweepBatch;
  }

  /** Moves the ticket to another status, by the status table. */
  public Ticket changeStatus(Actor actor, TicketId id, Status to) {
    Check.present("status", to);
    return staffChange(actor, id, "change the status", edit -> edit.changeStatus(to));
  }

  /** Changes the ticket's priority. */
  public Ticket changePriority(Actor actor, TicketId id, Priority to) {
    Check.present("priority", to);
    return staffChange(actor, id, "change the priority", edit -> edit.changePriority(to));
  }

  /** Routes the ticket to a group, or to none. */
  public Ticket changeGroup(Actor actor, TicketId id, Optional<GroupId> group) {
    return staffChange(actor, id, "change the group", edit -> edit.changeGroup(group));
  }

  /** Adds tags; those it has already change nothing. */
  public Ticket addTags(Actor actor, TicketId id, Set<String> tags) {
    Ticket.checkTags(Check.present("tags", tags));
    return staffChange(actor, id, "change the tags", edit -> edit.addTags(tags));
  }

  /** Removes tags; those it does not have change nothing. */
  public Ticket removeTags(Actor actor, TicketId id, Set<String> tags) {
    Ticket.checkTags(Check.present("tags", tags));
    return staffChange(actor, id, "change the tags", edit -> edit.removeTags(tags));
  }

  /**
   * Sets custom fields to the values given and removes the keys named, checked against the declared
   * fields before anything is decided.
   */
  public Ticket changeFields(
      Actor actor, TicketId id, Map<String, String> set, Set<String> remove) {
    Map<String, String> values = Ticket.checkCustomFields(Check.present("customFields", set));
    Set<String> removed = Set.copyOf(Check.present("customFields", remove));
    fields.checkEdit(values, removed);
    return staffChange(
        actor, id, "change the custom fields", edit -> edit.changeFields(values, removed));
  }

  /** The declared custom fields, in the order given. */
  public List<FieldDefinition> fields() {
    return fields.definitions();
  }

  /** Removes the assignee. */
  public Ticket unassign(Actor actor, TicketId id) {
    return staffChange(actor, id, "unassign", TicketEdit::unassign);
  }

  /** A change only staff may make; checked on the state the change is decided on. */
  private Ticket staffChange(Actor actor, TicketId id, String what, Consumer<TicketEdit> op) {
    Ticket named = access.load(actor, id);
    return pipeline.change(
        actor,
        named,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), what);
          op.accept(edit);
        },
        Then.SERVE_QUEUE);
  }

  /**
   * Closes every SOLVED ticket solved at least {@code closeSolvedAfter} ago. A ticket whose change
   * fails is logged and passed over, so it never holds up the others; the next sweep tries it
   * again.
   *
   * @return how many tickets it closed
   */
  public int closeSolvedTickets() {
    if (!pipeline.transitions().allows(Status.SOLVED, Status.CLOSED)) {
      return 0;
    }
    Instant cutoff = pipeline.clock().instant().minus(closeSolvedAfter);
    Set<TicketId> passedOver = new HashSet<>();
    int closed = 0;
    while (true) {
      // Tickets passed over stay SOLVED and come first again: read past them.
      int limit = sweepBatch + passedOver.size();
      List<Ticket> due = tickets.solvedBefore(cutoff, limit);
      int handled = 0;
      for (Ticket t : due) {
        if (passedOver.contains(t.id())) {
          continue;
        }
        handled++;
        try {
          // Counted only when this call closed it: another instance may have closed it first.
          if (pipeline
              .changeIfNeeded(SWEEP, t.id(), edit -> closeIfDue(edit, cutoff), Then.NOTHING)
              .isPresent()) {
            closed++;
          } else {
            passedOver.add(t.id());
          }
        } catch (RuntimeException e) {
          log.warn("Could not close {}; the next sweep tries again", t.key(), e);
          passedOver.add(t.id());
        }
      }
      if (due.size() < limit || handled == 0) {
        return closed;
      }
    }
  }

  private static void closeIfDue(TicketEdit edit, Instant cutoff) {
    Ticket now = edit.current();
    // Re-checked on fresh state: a customer may have replied since the query.
    if (now.status() == Status.SOLVED && !now.solvedAt().orElseThrow().isAfter(cutoff)) {
      edit.changeStatus(Status.CLOSED);
    }
  }
}
