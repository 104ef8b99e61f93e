package dev.helpdesk.internal.access;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketLink;
import java.util.List;

/**
 * What each kind of actor may see and do with a ticket they may read: customers never see internal
 * notes nor the team's own events, and only staff work tickets. Which tickets an actor may read at
 * all (their own, their organisation's, their groups') is {@link Access#scope}'s, which knows the
 * agents, the customers and the desk's role settings.
 */
public final class TicketAccess {

  private TicketAccess() {}

  /** Fails unless the actor is an agent or the system: notes, assignment, status, priority. */
  public static void requireStaff(Actor actor, Ticket ticket, String what) {
    if (actor instanceof Actor.Customer) {
      throw new AccessDeniedException(actor, what + " on ticket " + ticket.key());
    }
  }

  /** Fails unless the actor is the ticket's own customer: rating a solve is theirs alone. */
  public static void requireRequester(Actor actor, Ticket ticket, String what) {
    if (!(actor instanceof Actor.Customer c) || !c.id().equals(ticket.requester().id())) {
      throw new AccessDeniedException(
          actor, what + " ticket " + ticket.key() + " (only its customer may)");
    }
  }

  /** Fails unless the actor may open or list tickets for {@code customer}. */
  public static void requireCanActFor(Actor actor, CustomerId customer) {
    if (actor instanceof Actor.Customer c && !c.id().equals(customer)) {
      throw new AccessDeniedException(actor, "act for customer " + customer);
    }
  }

  /** Whether the actor may see the message. */
  public static boolean canSee(Actor actor, Message message) {
    return message.isPublic() || !(actor instanceof Actor.Customer);
  }

  /** The messages the actor may see, in order. */
  public static List<Message> visibleMessages(Actor actor, List<Message> messages) {
    return messages.stream().filter(m -> canSee(actor, m)).toList();
  }

  /**
   * Whether the actor may see the event: customers do not see that internal notes were added, nor
   * escalations (their reasons are the team's internal matter), nor the desk's SLA warnings,
   * breaches and met targets (internal measures of the team), nor which macro an agent used or how
   * the team tagged the ticket, nor links to tickets of other customers (whose ids and keys are not
   * theirs to know).
   */
  public static boolean canSee(Actor actor, TicketEvent event) {
    return !(actor instanceof Actor.Customer c) || event.accept(new CustomerSees(c));
  }

  /**
   * Whether a customer may see an event of their own ticket, decided for every event type: a new
   * type does not compile until it says whether customers see it, rather than showing it to them by
   * default.
   */
  private record CustomerSees(Actor.Customer customer) implements TicketEvent.Visitor<Boolean> {

    @Override
    public Boolean created(TicketEvent.Created event) {
      return true;
    }

    @Override
    public Boolean assigned(TicketEvent.Assigned event) {
      return true;
    }

    @Override
    public Boolean statusChanged(TicketEvent.StatusChanged event) {
      return true;
    }

    @Override
    public Boolean messageAdded(TicketEvent.MessageAdded event) {
      return event.visibility() == Visibility.PUBLIC;
    }

    @Override
    public Boolean priorityChanged(TicketEvent.PriorityChanged event) {
      return true;
    }

    @Override
    public Boolean groupChanged(TicketEvent.GroupChanged event) {
      return false; // how the team routes the ticket is the team's matter
    }

    @Override
    public Boolean escalated(TicketEvent.Escalated event) {
      return false;
    }

    @Override
    public Boolean slaWarned(TicketEvent.SlaWarned event) {
      return false;
    }

    @Override
    public Boolean slaBreached(TicketEvent.SlaBreached event) {
      return false;
    }

    @Override
    public Boolean answersSuggested(TicketEvent.AnswersSuggested event) {
      return true;
    }

    @Override
    public Boolean answerAccepted(TicketEvent.AnswerAccepted event) {
      return true;
    }

    @Override
    public Boolean macroApplied(TicketEvent.MacroApplied event) {
      return false;
    }

    @Override
    public Boolean tagsChanged(TicketEvent.TagsChanged event) {
      return false;
    }

    @Override
    public Boolean fieldsChanged(TicketEvent.FieldsChanged event) {
      // The customer sees the ticket's custom fields (Ticket#forCustomer), so their edits too.
      return true;
    }

    @Override
    public Boolean slaMet(TicketEvent.SlaMet event) {
      return false;
    }

    @Override
    public Boolean rated(TicketEvent.Rated event) {
      return true;
    }

    @Override
    public Boolean linked(TicketEvent.Linked event) {
      return canSee(customer, event.link());
    }

    @Override
    public Boolean unlinked(TicketEvent.Unlinked event) {
      return canSee(customer, event.link());
    }

    @Override
    public Boolean merged(TicketEvent.Merged event) {
      return true;
    }

    @Override
    public Boolean mergedInto(TicketEvent.MergedInto event) {
      return true;
    }

    @Override
    public Boolean pendingReminderSent(TicketEvent.PendingReminderSent event) {
      return true; // the customer was mailed the reminder: it is theirs to see
    }

    @Override
    public Boolean ccAdded(TicketEvent.CcAdded event) {
      return true; // the customer manages the ticket's CCs and sees them on the ticket
    }

    @Override
    public Boolean ccRemoved(TicketEvent.CcRemoved event) {
      return true;
    }
  }

  /** The ticket as the actor may see it: a customer's view leaves out the team's fields. */
  public static Ticket view(Actor actor, Ticket ticket) {
    return actor instanceof Actor.Customer ? ticket.forCustomer() : ticket;
  }

  /**
   * Whether the actor may see a link of a ticket they may read: staff see every link, a customer
   * only links to their own tickets. The link's other requester is what the desk recorded when it
   * was made, and a ticket's requester never changes; the desk checks the other ticket as stored
   * all the same before it shows a link to a customer.
   */
  public static boolean canSee(Actor actor, TicketLink link) {
    return !(actor instanceof Actor.Customer c) || c.id().equals(link.otherRequester());
  }

  /** The events the actor may see, in order. */
  public static List<TicketEvent> visibleHistory(Actor actor, List<TicketEvent> events) {
    return events.stream().filter(e -> canSee(actor, e)).map(e -> view(actor, e)).toList();
  }

  /** The event as the actor may see it: a customer's view of opening leaves out tags and group. */
  private static TicketEvent view(Actor actor, TicketEvent event) {
    if (actor instanceof Actor.Customer && event instanceof TicketEvent.Created c) {
      return new TicketEvent.Created(
          c.ticketId(),
          c.actor(),
          c.at(),
          c.key(),
          c.subject(),
          c.description(),
          c.requester(),
          c.channel(),
          c.priority(),
          java.util.Set.of(),
          c.customFields(),
          java.util.Optional.empty(),
          c.followUpOf());
    }
    return event;
  }
}
