package dev.helpdesk.internal.privacy;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.notification.OutboxErasure;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.store.ErasedTicket;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The erased form of each thing that may hold a customer's personal data: texts become {@link
 * Erasure#PLACEHOLDER}, names {@link Erasure#NAME}, addresses {@link Erasure#EMAIL}, file names
 * {@link Erasure#FILE_NAME}. Ids, keys, statuses, authors, times, tags and links stay, so that
 * metrics and histories stay countable. Pure functions: the stores only write what these return.
 */
final class Anonymiser {

  private Anonymiser() {}

  /**
   * A CC as an erased ticket's history keeps it: the people the customer copied are known to the
   * desk only through the customer's ticket, so they go with it.
   */
  private static final Cc ERASED_CC = new Cc(Erasure.EMAIL, Optional.of(Erasure.NAME));

  /** The customer record, keeping only its id. */
  static Customer customer(CustomerId id) {
    return new Customer(id, Erasure.NAME, Erasure.EMAIL);
  }

  /**
   * The erased ticket, with its conversation and history, ready for {@code Tickets.erase}.
   *
   * @param addresses the customer's addresses, whose undelivered notifications are dropped
   */
  static ErasedTicket erase(
      Ticket t,
      List<Message> conversation,
      List<TicketEvent> history,
      Set<EmailAddress> addresses,
      Instant at) {
    Ticket after = ticket(t);
    // Mail still waiting for the people the customer copied goes too: it quotes the ticket.
    Set<EmailAddress> recipients = new HashSet<>(addresses);
    t.ccs().forEach(cc -> recipients.add(cc.email()));
    return new ErasedTicket(
        t,
        after,
        conversation.stream().map(Anonymiser::message).toList(),
        history.stream().map(e -> e.accept(EVENTS)).toList(),
        new OutboxErasure(
            t.id(), recipients, after.subject(), new Recipient(Erasure.NAME, Erasure.EMAIL)),
        at);
  }

  static Ticket ticket(Ticket t) {
    return new Ticket(
        t.id(),
        t.key(),
        Erasure.PLACEHOLDER,
        "",
        customer(t.requester().id()),
        t.channel(),
        t.priority(),
        t.tags(),
        fields(t.customFields()),
        List.of(),
        t.status(),
        t.assignee(),
        t.group(),
        t.followUpOf(),
        t.createdAt(),
        t.updatedAt(),
        t.solvedAt(),
        t.version() + 1);
  }

  /** Every message, the team's notes too: a note may well quote the customer. */
  static Message message(Message m) {
    return new Message(
        m.id(),
        m.author(),
        m.visibility(),
        Erasure.PLACEHOLDER,
        m.attachments().stream()
            .map(a -> new Attachment(Erasure.FILE_NAME, a.mediaType(), a.size(), a.ref()))
            .toList(),
        m.at());
  }

  /**
   * Custom field values, the keys kept: a field may hold anything (a booking reference, a phone
   * number). Declared fields check only the values an edit sets, so a placeholder never blocks one.
   */
  static Map<String, String> fields(Map<String, String> values) {
    Map<String, String> erased = new LinkedHashMap<>();
    values.keySet().forEach(k -> erased.put(k, Erasure.PLACEHOLDER));
    return erased;
  }

  /**
   * Each event type says what of it is personal: a visitor, so that a new event type cannot be
   * added without deciding it here.
   */
  private static final TicketEvent.Visitor<TicketEvent> EVENTS =
      new TicketEvent.Visitor<>() {
        @Override
        public TicketEvent created(TicketEvent.Created e) {
          return new TicketEvent.Created(
              e.ticketId(),
              e.actor(),
              e.at(),
              e.key(),
              Erasure.PLACEHOLDER,
              "",
              customer(e.requester().id()),
              e.channel(),
              e.priority(),
              e.tags(),
              fields(e.customFields()),
              e.group(),
              e.followUpOf());
        }

        @Override
        public TicketEvent assigned(TicketEvent.Assigned e) {
          return e;
        }

        @Override
        public TicketEvent statusChanged(TicketEvent.StatusChanged e) {
          return e;
        }

        @Override
        public TicketEvent messageAdded(TicketEvent.MessageAdded e) {
          return e;
        }

        @Override
        public TicketEvent priorityChanged(TicketEvent.PriorityChanged e) {
          return e;
        }

        @Override
        public TicketEvent groupChanged(TicketEvent.GroupChanged e) {
          return e;
        }

        @Override
        public TicketEvent escalated(TicketEvent.Escalated e) {
          // A reason is free text an agent wrote about the customer's case.
          return new TicketEvent.Escalated(
              e.ticketId(), e.actor(), e.at(), e.from(), e.toGroup(), Erasure.PLACEHOLDER);
        }

        @Override
        public TicketEvent slaWarned(TicketEvent.SlaWarned e) {
          return e;
        }

        @Override
        public TicketEvent slaBreached(TicketEvent.SlaBreached e) {
          return e;
        }

        @Override
        public TicketEvent answersSuggested(TicketEvent.AnswersSuggested e) {
          return e; // articles of the knowledge base, not the customer's words
        }

        @Override
        public TicketEvent answerAccepted(TicketEvent.AnswerAccepted e) {
          return e;
        }

        @Override
        public TicketEvent macroApplied(TicketEvent.MacroApplied e) {
          return e;
        }

        @Override
        public TicketEvent tagsChanged(TicketEvent.TagsChanged e) {
          return e;
        }

        @Override
        public TicketEvent fieldsChanged(TicketEvent.FieldsChanged e) {
          return new TicketEvent.FieldsChanged(
              e.ticketId(), e.actor(), e.at(), fields(e.from()), fields(e.to()));
        }

        @Override
        public TicketEvent slaMet(TicketEvent.SlaMet e) {
          return e;
        }

        @Override
        public TicketEvent rated(TicketEvent.Rated e) {
          // The rating stays (satisfaction is a metric); the comment is the customer's words.
          return new TicketEvent.Rated(
              e.ticketId(), e.actor(), e.at(), e.rating(), "", e.agent(), e.group());
        }

        @Override
        public TicketEvent linked(TicketEvent.Linked e) {
          return e;
        }

        @Override
        public TicketEvent unlinked(TicketEvent.Unlinked e) {
          return e;
        }

        @Override
        public TicketEvent merged(TicketEvent.Merged e) {
          return e;
        }

        @Override
        public TicketEvent mergedInto(TicketEvent.MergedInto e) {
          return e;
        }

        @Override
        public TicketEvent pendingReminderSent(TicketEvent.PendingReminderSent e) {
          return e;
        }

        @Override
        public TicketEvent ccAdded(TicketEvent.CcAdded e) {
          return new TicketEvent.CcAdded(e.ticketId(), e.actor(), e.at(), ERASED_CC);
        }

        @Override
        public TicketEvent ccRemoved(TicketEvent.CcRemoved e) {
          return new TicketEvent.CcRemoved(e.ticketId(), e.actor(), e.at(), ERASED_CC);
        }
      };
}
