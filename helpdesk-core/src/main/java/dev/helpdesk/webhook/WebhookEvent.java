package dev.helpdesk.webhook;

import dev.helpdesk.ticket.TicketEvent;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of ticket change a {@link Webhook} may ask for, one per {@link TicketEvent} type. Each
 * has the name it carries on the wire, in the {@code type} field of a delivery, e.g. {@code
 * ticket.status_changed}.
 */
public enum WebhookEvent {
  /** {@link TicketEvent.Created}: a ticket was opened. */
  TICKET_CREATED("ticket.created"),
  /** {@link TicketEvent.Assigned}: the assignee changed. */
  TICKET_ASSIGNED("ticket.assigned"),
  /** {@link TicketEvent.StatusChanged}: the status changed. */
  STATUS_CHANGED("ticket.status_changed"),
  /** {@link TicketEvent.MessageAdded}: a reply or an internal note was added. */
  MESSAGE_ADDED("ticket.message_added"),
  /** {@link TicketEvent.PriorityChanged}: the priority changed. */
  PRIORITY_CHANGED("ticket.priority_changed"),
  /** {@link TicketEvent.GroupChanged}: the group changed. */
  GROUP_CHANGED("ticket.group_changed"),
  /** {@link TicketEvent.Escalated}: the ticket was escalated to a group. */
  ESCALATED("ticket.escalated"),
  /** {@link TicketEvent.SlaWarned}: an SLA target is close to its due time. */
  SLA_WARNED("ticket.sla_warned"),
  /** {@link TicketEvent.SlaBreached}: an SLA target was breached. */
  SLA_BREACHED("ticket.sla_breached"),
  /** {@link TicketEvent.SlaMet}: an SLA target was met. */
  SLA_MET("ticket.sla_met"),
  /** {@link TicketEvent.AnswersSuggested}: instant answers were suggested at intake. */
  ANSWERS_SUGGESTED("ticket.answers_suggested"),
  /** {@link TicketEvent.AnswerAccepted}: the customer accepted a suggested answer. */
  ANSWER_ACCEPTED("ticket.answer_accepted"),
  /** {@link TicketEvent.MacroApplied}: an agent applied a macro. */
  MACRO_APPLIED("ticket.macro_applied"),
  /** {@link TicketEvent.TagsChanged}: the tags changed. */
  TAGS_CHANGED("ticket.tags_changed"),
  /** {@link TicketEvent.FieldsChanged}: staff edited the custom fields. */
  FIELDS_CHANGED("ticket.fields_changed"),
  /** {@link TicketEvent.Rated}: the customer rated the ticket. */
  RATED("ticket.rated"),
  /** {@link TicketEvent.Linked}: the ticket was linked to another. */
  LINKED("ticket.linked"),
  /** {@link TicketEvent.Unlinked}: a link to another ticket was removed. */
  UNLINKED("ticket.unlinked"),
  /** {@link TicketEvent.Merged}: a duplicate was merged into the ticket. */
  MERGED("ticket.merged"),
  /** {@link TicketEvent.MergedInto}: the ticket was merged into another and closed. */
  MERGED_INTO("ticket.merged_into"),
  /**
   * {@link TicketEvent.PendingReminderSent}: the customer was reminded of a ticket waiting for
   * their answer.
   */
  PENDING_REMINDER_SENT("ticket.pending_reminder_sent"),
  /** {@link TicketEvent.CcAdded}: a person was copied on the ticket. */
  CC_ADDED("ticket.cc_added"),
  /** {@link TicketEvent.CcRemoved}: a person is no longer copied on the ticket. */
  CC_REMOVED("ticket.cc_removed");

  private final String type;

  WebhookEvent(String type) {
    this.type = type;
  }

  /** The name on the wire, e.g. {@code ticket.created}. */
  public String type() {
    return type;
  }

  /** The webhook event of a wire name, if there is one. */
  public static Optional<WebhookEvent> ofType(String type) {
    return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
  }

  /** The webhook event a ticket event is delivered as. */
  public static WebhookEvent of(TicketEvent event) {
    return event.accept(KINDS);
  }

  // A visitor rather than instanceof tests: a new TicketEvent type fails to compile here until it
  // is given a webhook event of its own.
  private static final TicketEvent.Visitor<WebhookEvent> KINDS =
      new TicketEvent.Visitor<>() {
        @Override
        public WebhookEvent created(TicketEvent.Created e) {
          return TICKET_CREATED;
        }

        @Override
        public WebhookEvent assigned(TicketEvent.Assigned e) {
          return TICKET_ASSIGNED;
        }

        @Override
        public WebhookEvent statusChanged(TicketEvent.StatusChanged e) {
          return STATUS_CHANGED;
        }

        @Override
        public WebhookEvent messageAdded(TicketEvent.MessageAdded e) {
          return MESSAGE_ADDED;
        }

        @Override
        public WebhookEvent priorityChanged(TicketEvent.PriorityChanged e) {
          return PRIORITY_CHANGED;
        }

        @Override
        public WebhookEvent groupChanged(TicketEvent.GroupChanged e) {
          return GROUP_CHANGED;
        }

        @Override
        public WebhookEvent escalated(TicketEvent.Escalated e) {
          return ESCALATED;
        }

        @Override
        public WebhookEvent slaWarned(TicketEvent.SlaWarned e) {
          return SLA_WARNED;
        }

        @Override
        public WebhookEvent slaBreached(TicketEvent.SlaBreached e) {
          return SLA_BREACHED;
        }

        @Override
        public WebhookEvent answersSuggested(TicketEvent.AnswersSuggested e) {
          return ANSWERS_SUGGESTED;
        }

        @Override
        public WebhookEvent answerAccepted(TicketEvent.AnswerAccepted e) {
          return ANSWER_ACCEPTED;
        }

        @Override
        public WebhookEvent macroApplied(TicketEvent.MacroApplied e) {
          return MACRO_APPLIED;
        }

        @Override
        public WebhookEvent tagsChanged(TicketEvent.TagsChanged e) {
          return TAGS_CHANGED;
        }

        @Override
        public WebhookEvent fieldsChanged(TicketEvent.FieldsChanged e) {
          return FIELDS_CHANGED;
        }

        @Override
        public WebhookEvent slaMet(TicketEvent.SlaMet e) {
          return SLA_MET;
        }

        @Override
        public WebhookEvent rated(TicketEvent.Rated e) {
          return RATED;
        }

        @Override
        public WebhookEvent linked(TicketEvent.Linked e) {
          return LINKED;
        }

        @Override
        public WebhookEvent unlinked(TicketEvent.Unlinked e) {
          return UNLINKED;
        }

        @Override
        public WebhookEvent merged(TicketEvent.Merged e) {
          return MERGED;
        }

        @Override
        public WebhookEvent mergedInto(TicketEvent.MergedInto e) {
          return MERGED_INTO;
        }

        @Override
        public WebhookEvent pendingReminderSent(TicketEvent.PendingReminderSent e) {
          return PENDING_REMINDER_SENT;
        }

        @Override
        public WebhookEvent ccAdded(TicketEvent.CcAdded e) {
          return CC_ADDED;
        }

        @Override
        public WebhookEvent ccRemoved(TicketEvent.CcRemoved e) {
          return CC_REMOVED;
        }
      };
}
