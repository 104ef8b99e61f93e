package dev.helpdesk.internal.webhook;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketLink;
import dev.helpdesk.webhook.WebhookEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON body of a webhook delivery:
 *
 * <pre>{@code
 * {"id": "<delivery id>", "type": "ticket.status_changed", "occurred_at": "2026-...Z",
 *  "webhook": "crm",
 *  "ticket": {"id": "...", "key": "HD-1000", "subject": "...", "status": "SOLVED",
 *             "priority": "NORMAL", "assignee": "ana", "group": null},
 *  "actor": {"type": "agent", "id": "ana"},
 *  "data": {"from": "OPEN", "to": "SOLVED"}}
 * }</pre>
 *
 * {@code ticket} is the ticket as the change left it; {@code data} holds the event's own fields,
 * named in snake case. Ids are written as their plain values.
 */
final class WebhookPayloads {

  private WebhookPayloads() {}

  /**
   * The body for one event of a change.
   *
   * @param id the delivery's id, its idempotency key
   * @param webhook the id of the webhook it goes to
   * @param event the event
   * @param ticket the ticket after the change
   * @param messages the messages the change added, for the text of a message event
   */
  static String of(
      NotificationId id, String webhook, TicketEvent event, Ticket ticket, List<Message> messages) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id.value().toString());
    body.put("type", WebhookEvent.of(event).type());
    body.put("occurred_at", event.at().toString());
    body.put("webhook", webhook);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", ticket.id().value().toString());
    t.put("key", ticket.key().value());
    t.put("subject", ticket.subject());
    t.put("status", ticket.status().name());
    t.put("priority", ticket.priority().name());
    t.put("assignee", ticket.assignee().map(AgentId::value));
    t.put("group", ticket.group().map(GroupId::value));
    body.put("ticket", t);
    body.put("actor", actor(event.actor()));
    body.put("data", event.accept(new Data(messages)));
    return Json.write(body);
  }

  private static Map<String, Object> actor(Actor actor) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (actor instanceof Actor.Agent agent) {
      a.put("type", "agent");
      a.put("id", agent.id().value());
    } else if (actor instanceof Actor.Customer customer) {
      a.put("type", "customer");
      a.put("id", customer.id().value());
    } else {
      a.put("type", "system");
      a.put("id", ((Actor.System) actor).name());
    }
    return a;
  }

  /** The fields of each event type. */
  private record Data(List<Message> messages) implements TicketEvent.Visitor<Map<String, Object>> {

    @Override
    public Map<String, Object> created(TicketEvent.Created e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("subject", e.subject());
      d.put("description", e.description());
      Map<String, Object> requester = new LinkedHashMap<>();
      requester.put("id", e.requester().id().value());
      requester.put("name", e.requester().name());
      requester.put("email", e.requester().email().value());
      d.put("requester", requester);
      d.put("channel", e.channel().name());
      d.put("priority", e.priority().name());
      d.put("tags", new TreeSet<>(e.tags()));
      d.put("custom_fields", new java.util.TreeMap<>(e.customFields()));
      d.put("group", e.group().map(GroupId::value));
      d.put("follow_up_of", e.followUpOf().map(id -> id.value().toString()));
      return d;
    }

    @Override
    public Map<String, Object> assigned(TicketEvent.Assigned e) {
      Map<String, Object> d = fromTo(e.from().map(AgentId::value), e.to().map(AgentId::value));
      d.put("reason", e.reason());
      return d;
    }

    @Override
    public Map<String, Object> statusChanged(TicketEvent.StatusChanged e) {
      return fromTo(e.from().name(), e.to().name());
    }

    @Override
    public Map<String, Object> messageAdded(TicketEvent.MessageAdded e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("message_id", e.messageId().value().toString());
      d.put("visibility", e.visibility().name());
      Optional<Message> m = messages.stream().filter(x -> x.id().equals(e.messageId())).findFirst();
      d.put("body", m.map(Message::body));
      d.put(
          "attachments",
          m.map(x -> x.attachments().stream().map(a -> a.name()).toList()).orElse(List.of()));
      return d;
    }

    @Override
    public Map<String, Object> priorityChanged(TicketEvent.PriorityChanged e) {
      return fromTo(e.from().name(), e.to().name());
    }

    @Override
    public Map<String, Object> groupChanged(TicketEvent.GroupChanged e) {
      return fromTo(e.from().map(GroupId::value), e.to().map(GroupId::value));
    }

    @Override
    public Map<String, Object> escalated(TicketEvent.Escalated e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("from", e.from().map(AgentId::value));
      d.put("to_group", e.toGroup().value());
      d.put("reason", e.reason());
      return d;
    }

    @Override
    public Map<String, Object> slaWarned(TicketEvent.SlaWarned e) {
      return sla(e.target().name(), e.cycle(), e.dueAt().toString());
    }

    @Override
    public Map<String, Object> slaBreached(TicketEvent.SlaBreached e) {
      return sla(e.target().name(), e.cycle(), e.dueAt().toString());
    }

    @Override
    public Map<String, Object> slaMet(TicketEvent.SlaMet e) {
      return sla(e.target().name(), e.cycle(), e.dueAt().toString());
    }

    @Override
    public Map<String, Object> answersSuggested(TicketEvent.AnswersSuggested e) {
      List<Map<String, Object>> answers =
          e.answers().stream().map(WebhookPayloads.Data::answer).toList();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("answers", answers);
      return d;
    }

    @Override
    public Map<String, Object> answerAccepted(TicketEvent.AnswerAccepted e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("article_id", e.articleId().value());
      d.put("title", e.title());
      return d;
    }

    @Override
    public Map<String, Object> macroApplied(TicketEvent.MacroApplied e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("macro", e.macro());
      return d;
    }

    @Override
    public Map<String, Object> tagsChanged(TicketEvent.TagsChanged e) {
      return fromTo(new TreeSet<>(e.from()), new TreeSet<>(e.to()));
    }

    @Override
    public Map<String, Object> fieldsChanged(TicketEvent.FieldsChanged e) {
      return fromTo(new TreeMap<>(e.from()), new TreeMap<>(e.to()));
    }

    @Override
    public Map<String, Object> rated(TicketEvent.Rated e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("rating", e.rating().name());
      d.put("comment", e.comment());
      d.put("agent", e.agent().map(AgentId::value));
      d.put("group", e.group().map(GroupId::value));
      return d;
    }

    @Override
    public Map<String, Object> linked(TicketEvent.Linked e) {
      return link(e.link());
    }

    @Override
    public Map<String, Object> unlinked(TicketEvent.Unlinked e) {
      return link(e.link());
    }

    @Override
    public Map<String, Object> merged(TicketEvent.Merged e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("duplicate", e.duplicate().value().toString());
      d.put("duplicate_key", e.duplicateKey().value());
      d.put("carried", e.carried().stream().map(MessageId::value).map(Object::toString).toList());
      return d;
    }

    @Override
    public Map<String, Object> mergedInto(TicketEvent.MergedInto e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("into", e.into().value().toString());
      d.put("into_key", e.intoKey().value());
      return d;
    }

    @Override
    public Map<String, Object> pendingReminderSent(TicketEvent.PendingReminderSent e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("reminder", e.reminder());
      d.put("auto_solve_at", e.autoSolveAt().map(Object::toString));
      return d;
    }

    @Override
    public Map<String, Object> ccAdded(TicketEvent.CcAdded e) {
      return cc(e.cc());
    }

    @Override
    public Map<String, Object> ccRemoved(TicketEvent.CcRemoved e) {
      return cc(e.cc());
    }

    private static Map<String, Object> cc(Cc cc) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("email", cc.email().value());
      d.put("name", cc.name());
      return d;
    }

    private static Map<String, Object> fromTo(Object from, Object to) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("from", from);
      d.put("to", to);
      return d;
    }

    private static Map<String, Object> sla(String target, int cycle, String dueAt) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("target", target);
      d.put("cycle", cycle);
      d.put("due_at", dueAt);
      return d;
    }

    private static Map<String, Object> answer(SuggestedAnswer a) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("article_id", a.articleId().value());
      d.put("title", a.title());
      d.put("excerpt", a.excerpt());
      d.put("score", a.score());
      return d;
    }

    private static Map<String, Object> link(TicketLink link) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", link.kind().name());
      d.put("outgoing", link.outgoing());
      d.put("other", link.other().value().toString());
      d.put("other_key", link.otherKey().value());
      return d;
    }
  }
}
