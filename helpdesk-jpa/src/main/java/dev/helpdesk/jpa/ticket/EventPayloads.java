package dev.helpdesk.jpa.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes each event type's own fields as a JSON document and reads them back. The document format
 * is part of the schema: add fields compatibly (readers ignore what they do not know, and a missing
 * optional field reads as empty), and give a changed meaning a new event type name.
 */
final class EventPayloads {

  private EventPayloads() {}

  static EventEntity toRow(UUID ticketId, long version, int position, TicketEvent event) {
    EventEntity row = new EventEntity();
    row.ticketId = ticketId;
    row.ticketVersion = version;
    row.position = position;
    row.actorKind = Actors.kind(event.actor());
    row.actorId = Actors.id(event.actor());
    row.occurredAt = event.at();
    ObjectNode p = Json.object();
    if (event instanceof TicketEvent.Created e) {
      row.type = "CREATED";
      p.put("key", e.key().value());
      p.put("subject", e.subject());
      p.put("description", e.description());
      ObjectNode requester = p.putObject("requester");
      requester.put("id", e.requester().id().value());
      requester.put("name", e.requester().name());
      requester.put("email", e.requester().email().value());
      p.put("channel", e.channel().name());
      p.put("priority", e.priority().name());
      p.set("tags", Json.stringArray(new java.util.TreeSet<>(e.tags())));
      p.set("customFields", Json.stringMapNode(new java.util.TreeMap<>(e.customFields())));
      p.put("group", e.group().map(GroupId::value).orElse(null));
      p.put("followUpOf", e.followUpOf().map(TicketId::toString).orElse(null));
    } else if (event instanceof TicketEvent.Assigned e) {
      row.type = "ASSIGNED";
      p.put("from", e.from().map(AgentId::value).orElse(null));
      p.put("to", e.to().map(AgentId::value).orElse(null));
    } else if (event instanceof TicketEvent.StatusChanged e) {
      row.type = "STATUS_CHANGED";
      p.put("from", e.from().name());
      p.put("to", e.to().name());
    } else if (event instanceof TicketEvent.MessageAdded e) {
      row.type = "MESSAGE_ADDED";
      p.put("messageId", e.messageId().toString());
      p.put("visibility", e.visibility().name());
    } else if (event instanceof TicketEvent.PriorityChanged e) {
      row.type = "PRIORITY_CHANGED";
      p.put("from", e.from().name());
      p.put("to", e.to().name());
    } else if (event instanceof TicketEvent.GroupChanged e) {
      row.type = "GROUP_CHANGED";
      p.put("from", e.from().map(GroupId::value).orElse(null));
      p.put("to", e.to().map(GroupId::value).orElse(null));
    } else if (event instanceof TicketEvent.Escalated e) {
      row.type = "ESCALATED";
      p.put("from", e.from().map(AgentId::value).orElse(null));
      p.put("toGroup", e.toGroup().value());
      p.put("reason", e.reason());
    } else if (event instanceof TicketEvent.SlaWarned e) {
      row.type = "SLA_WARNED";
      p.put("target", e.target().name());
      p.put("cycle", e.cycle());
      p.put("dueAt", e.dueAt().toString());
    } else if (event instanceof TicketEvent.SlaBreached e) {
      row.type = "SLA_BREACHED";
      p.put("target", e.target().name());
      p.put("cycle", e.cycle());
      p.put("dueAt", e.dueAt().toString());
    } else if (event instanceof TicketEvent.SlaMet e) {
      row.type = "SLA_MET";
      p.put("target", e.target().name());
      p.put("cycle", e.cycle());
      p.put("dueAt", e.dueAt().toString());
    } else if (event instanceof TicketEvent.Rated e) {
      row.type = "RATED";
      p.put("rating", e.rating().name());
      p.put("comment", e.comment());
      p.put("agent", e.agent().map(AgentId::value).orElse(null));
      p.put("group", e.group().map(GroupId::value).orElse(null));
    } else if (event instanceof TicketEvent.Linked e) {
      row.type = "LINKED";
      writeLink(p, e.link());
    } else if (event instanceof TicketEvent.Unlinked e) {
      row.type = "UNLINKED";
      writeLink(p, e.link());
    } else if (event instanceof TicketEvent.Merged e) {
      row.type = "MERGED";
      p.put("duplicate", e.duplicate().toString());
      p.put("duplicateKey", e.duplicateKey().value());
      p.set("carried", Json.stringArray(e.carried().stream().map(MessageId::toString).toList()));
    } else if (event instanceof TicketEvent.MergedInto e) {
      row.type = "MERGED_INTO";
      p.put("into", e.into().toString());
      p.put("intoKey", e.intoKey().value());
    } else if (event instanceof TicketEvent.AnswersSuggested e) {
      row.type = "ANSWERS_SUGGESTED";
      ArrayNode answers = p.putArray("answers");
      for (SuggestedAnswer a : e.answers()) {
        ObjectNode answer = answers.addObject();
        answer.put("articleId", a.articleId().value());
        answer.put("title", a.title());
        answer.put("excerpt", a.excerpt());
        answer.put("score", a.score());
      }
    } else if (event instanceof TicketEvent.AnswerAccepted e) {
      row.type = "ANSWER_ACCEPTED";
      p.put("articleId", e.articleId().value());
      p.put("title", e.title());
    } else if (event instanceof TicketEvent.MacroApplied e) {
      row.type = "MACRO_APPLIED";
      p.put("macro", e.macro());
    } else if (event instanceof TicketEvent.TagsChanged e) {
      row.type = "TAGS_CHANGED";
      p.set("from", Json.stringArray(new java.util.TreeSet<>(e.from())));
      p.set("to", Json.stringArray(new java.util.TreeSet<>(e.to())));
    } else {
      throw new IllegalArgumentException("Unknown event " + event);
    }
    row.payload = Json.write(p);
    return row;
  }

  static TicketEvent toEvent(EventEntity row) {
    TicketId ticket = new TicketId(row.ticketId);
    var actor = Actors.of(row.actorKind, row.actorId);
    Instant at = row.occurredAt;
    JsonNode p = Json.parse(row.payload);
    return switch (row.type) {
      case "CREATED" -> {
        JsonNode r = p.get("requester");
        yield new TicketEvent.Created(
            ticket,
            actor,
            at,
            TicketKey.parse(p.get("key").asText()),
            p.get("subject").asText(),
            p.get("description").asText(),
            new Customer(
                CustomerId.of(r.get("id").asText()),
                r.get("name").asText(),
                EmailAddress.of(r.get("email").asText())),
            Channel.valueOf(p.get("channel").asText()),
            Priority.valueOf(p.get("priority").asText()),
            new LinkedHashSet<>(Json.strings(p.get("tags"))),
            Json.stringMap(p.get("customFields")),
            text(p, "group").map(GroupId::of),
            text(p, "followUpOf").map(TicketId::parse));
      }
      case "ASSIGNED" ->
          new TicketEvent.Assigned(
              ticket, actor, at, text(p, "from").map(AgentId::of), text(p, "to").map(AgentId::of));
      case "STATUS_CHANGED" ->
          new TicketEvent.StatusChanged(
              ticket,
              actor,
              at,
              Status.valueOf(p.get("from").asText()),
              Status.valueOf(p.get("to").asText()));
      case "MESSAGE_ADDED" ->
          new TicketEvent.MessageAdded(
              ticket,
              actor,
              at,
              new MessageId(UUID.fromString(p.get("messageId").asText())),
              Visibility.valueOf(p.get("visibility").asText()));
      case "PRIORITY_CHANGED" ->
          new TicketEvent.PriorityChanged(
              ticket,
              actor,
              at,
              Priority.valueOf(p.get("from").asText()),
              Priority.valueOf(p.get("to").asText()));
      case "GROUP_CHANGED" ->
          new TicketEvent.GroupChanged(
              ticket, actor, at, text(p, "from").map(GroupId::of), text(p, "to").map(GroupId::of));
      case "ESCALATED" ->
          new TicketEvent.Escalated(
              ticket,
              actor,
              at,
              text(p, "from").map(AgentId::of),
              GroupId.of(p.get("toGroup").asText()),
              p.get("reason").asText());
      case "SLA_WARNED" ->
          new TicketEvent.SlaWarned(
              ticket,
              actor,
              at,
              SlaTarget.valueOf(p.get("target").asText()),
              p.get("cycle").asInt(),
              Instant.parse(p.get("dueAt").asText()));
      case "SLA_BREACHED" ->
          new TicketEvent.SlaBreached(
              ticket,
              actor,
              at,
              SlaTarget.valueOf(p.get("target").asText()),
              p.get("cycle").asInt(),
              Instant.parse(p.get("dueAt").asText()));
      case "ANSWERS_SUGGESTED" -> {
        List<SuggestedAnswer> answers = new ArrayList<>();
        p.get("answers")
            .forEach(
                a ->
                    answers.add(
                        new SuggestedAnswer(
                            ArticleId.of(a.get("articleId").asText()),
                            a.get("title").asText(),
                            a.get("excerpt").asText(),
                            // Rows written before scores were kept have none: 0, as documented.
                            a.path("score").asDouble(0))));
        yield new TicketEvent.AnswersSuggested(ticket, actor, at, answers);
      }
      case "ANSWER_ACCEPTED" ->
          new TicketEvent.AnswerAccepted(
              ticket,
              actor,
              at,
              ArticleId.of(p.get("articleId").asText()),
              p.get("title").asText());
      case "MACRO_APPLIED" ->
          new TicketEvent.MacroApplied(ticket, actor, at, p.get("macro").asText());
      case "TAGS_CHANGED" ->
          new TicketEvent.TagsChanged(
              ticket,
              actor,
              at,
              new LinkedHashSet<>(Json.strings(p.get("from"))),
              new LinkedHashSet<>(Json.strings(p.get("to"))));
      case "SLA_MET" ->
          new TicketEvent.SlaMet(
              ticket,
              actor,
              at,
              SlaTarget.valueOf(p.get("target").asText()),
              p.get("cycle").asInt(),
              Instant.parse(p.get("dueAt").asText()));
      case "RATED" ->
          new TicketEvent.Rated(
              ticket,
              actor,
              at,
              Rating.valueOf(p.get("rating").asText()),
              text(p, "comment").orElse(""),
              text(p, "agent").map(AgentId::of),
              text(p, "group").map(GroupId::of));
      case "LINKED" -> new TicketEvent.Linked(ticket, actor, at, readLink(p));
      case "UNLINKED" -> new TicketEvent.Unlinked(ticket, actor, at, readLink(p));
      case "MERGED" ->
          new TicketEvent.Merged(
              ticket,
              actor,
              at,
              TicketId.parse(p.get("duplicate").asText()),
              TicketKey.parse(p.get("duplicateKey").asText()),
              Json.strings(p.get("carried")).stream()
                  .map(id -> new MessageId(UUID.fromString(id)))
                  .toList());
      case "MERGED_INTO" ->
          new TicketEvent.MergedInto(
              ticket,
              actor,
              at,
              TicketId.parse(p.get("into").asText()),
              TicketKey.parse(p.get("intoKey").asText()));
      default -> throw new IllegalStateException("Unknown stored event type " + row.type);
    };
  }

  private static void writeLink(ObjectNode p, TicketLink link) {
    p.put("kind", link.kind().name());
    p.put("outgoing", link.outgoing());
    p.put("other", link.other().toString());
    p.put("otherKey", link.otherKey().value());
    p.put("otherRequester", link.otherRequester().value());
  }

  private static TicketLink readLink(JsonNode p) {
    return new TicketLink(
        LinkKind.valueOf(p.get("kind").asText()),
        p.get("outgoing").asBoolean(),
        TicketId.parse(p.get("other").asText()),
        TicketKey.parse(p.get("otherKey").asText()),
        CustomerId.of(p.get("otherRequester").asText()));
  }

  private static Optional<String> text(JsonNode payload, String field) {
    JsonNode v = payload.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
