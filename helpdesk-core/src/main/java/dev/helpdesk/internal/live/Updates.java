package dev.helpdesk.internal.live;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The live updates a stored change makes, in the order of its events, with whom each concerns. */
final class Updates {

  /**
   * One update.
   *
   * @param update what subscribers are told
   * @param ticketId the ticket it is about
   * @param requester the ticket's customer
   * @param assignee who the ticket is assigned to once the update happened
   * @param internal whether only staff may see it (an internal note)
   */
  record Entry(
      LiveUpdate update,
      TicketId ticketId,
      CustomerId requester,
      Optional<AgentId> assignee,
      boolean internal) {

    /**
     * Whether {@code viewer}, subscribed to {@code ticket}, may be told: checked for every update,
     * although the subscription was checked when it was made, so that a bug elsewhere cannot leak
     * another customer's ticket or an internal note. A {@code colleague} follows a ticket of their
     * organisation, which the subscription checked.
     */
    boolean visibleTo(Actor viewer, TicketId ticket, boolean colleague) {
      if (!ticketId.equals(ticket)) {
        return false;
      }
      if (viewer instanceof Actor.Customer c) {
        return (colleague || c.id().equals(requester)) && !internal;
      }
      return true;
    }

    /** Whether it belongs on {@code agent}'s queue: their ticket, or one that came or left. */
    boolean concerns(AgentId agent) {
      if (update instanceof LiveUpdate.AssigneeChanged a) {
        return a.from().filter(agent::equals).isPresent()
            || a.to().filter(agent::equals).isPresent();
      }
      return assignee.filter(agent::equals).isPresent();
    }
  }

  private Updates() {}

  static List<Entry> of(TicketChange change) {
    Ticket after = change.after();
    return of(
        after.id(),
        after.requester().id(),
        change.before().flatMap(Ticket::assignee),
        change.messages(),
        change.events());
  }

  /**
   * The updates of one change of a ticket, from what it stored.
   *
   * @param id the ticket
   * @param requester its customer
   * @param assigneeBefore who it was assigned to before the change
   * @param stored the messages the change added
   * @param events the events it recorded, in order
   */
  static List<Entry> of(
      TicketId id,
      CustomerId requester,
      Optional<AgentId> assigneeBefore,
      List<Message> stored,
      List<TicketEvent> events) {
    Map<MessageId, Message> messages = new HashMap<>();
    stored.forEach(m -> messages.put(m.id(), m));
    Optional<AgentId> assignee = assigneeBefore;
    List<Entry> entries = new ArrayList<>();
    for (TicketEvent event : events) {
      if (event instanceof TicketEvent.MessageAdded added) {
        Message m = messages.get(added.messageId());
        if (m != null) {
          entries.add(
              new Entry(
                  new LiveUpdate.MessagePosted(id, m), id, requester, assignee, !m.isPublic()));
        }
      } else if (event instanceof TicketEvent.StatusChanged s) {
        entries.add(
            new Entry(
                new LiveUpdate.StatusChanged(id, s.from(), s.to()),
                id,
                requester,
                assignee,
                false));
      } else if (event instanceof TicketEvent.Assigned a) {
        assignee = a.to();
        entries.add(
            new Entry(
                new LiveUpdate.AssigneeChanged(id, a.from(), a.to()),
                id,
                requester,
                assignee,
                false));
      }
      // Other events (priority, group, SLA, ...) are not live updates; a reader sees them on read.
    }
    return entries;
  }

  /** Every agent an entry concerns: whose queue subscriptions must look at the change. */
  static Set<AgentId> agents(List<Entry> entries) {
    Set<AgentId> agents = new LinkedHashSet<>();
    for (Entry e : entries) {
      e.assignee().ifPresent(agents::add);
      if (e.update() instanceof LiveUpdate.AssigneeChanged a) {
        a.from().ifPresent(agents::add);
      }
    }
    return agents;
  }
}
