package dev.helpdesk.jpa.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes each event type's own fields as a JSON document and reads them back. The document format
 * is part of the schema: add fields compatibly (readers ignore what they do not know, and a missing
 * optional field reads as empty), and give a changed meaning a new event type name.
 *
 * <p>Both directions are complete at compile time: the {@link Writer} is a {@link
 * TicketEvent.Visitor}, so a new event type does not compile until it is written, and it answers
 * the {@link StoredType} it wrote, whose constants must each implement {@link StoredType#read}.
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
    row.type = event.accept(new Writer(p)).name();
    row.payload = Json.write(p);
    return row;
  }

  static TicketEvent toEvent(EventEntity row) {
    return StoredType.named(row.type)
        .read(
            new TicketId(row.ticketId),
            Actors.of(row.actorKind, row.actorId),
            row.occurredAt,
            Json.parse(row.payload));
  }

  /**
   * The event type names in {@code hd_ticket_event.event_type}, each reading its own document. The
   * constant names are what is stored: never rename one, or rows already written stop reading.
   */
  enum StoredType {
    CREATED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        JsonNode r = p.get("requester");
        return new TicketEvent.Created(
            ticket,
            actor,
            at,
            TicketKey.parse(p.get("key").asText()),
            p.get("subject").asText(),
            p.get("description").asText(),
            new Customer(
                CustomerId.of(r.get("id").asText()),
                r.get("name").asText(),
                EmailAddress.of(r.get("email").asText()),
                // Absent from events stored before organisations existed.
                Optional.ofNullable(r.get("organisation")).map(o -> OrganisationId.of(o.asText()))),
            Channel.valueOf(p.get("channel").asText()),
            Priority.valueOf(p.get("priority").asText()),
            new LinkedHashSet<>(Json.strings(p.get("tags"))),
            Json.stringMap(p.get("customFields")),
            text(p, "group").map(GroupId::of),
            text(p, "followUpOf").map(TicketId::parse));
      }
    },
    ASSIGNED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Assigned(
            ticket,
            actor,
            at,
            text(p, "from").map(AgentId::of),
            text(p, "to").map(AgentId::of),
            // Absent from events stored before assignments had reasons.
            text(p, "reason"));
      }
    },
    STATUS_CHANGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.StatusChanged(
            ticket,
            actor,
            at,
            Status.valueOf(p.get("from").asText()),
            Status.valueOf(p.get("to").asText()));
      }
    },
    MESSAGE_ADDED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.MessageAdded(
            ticket,
            actor,
            at,
            new MessageId(UUID.fromString(p.get("messageId").asText())),
            Visibility.valueOf(p.get("visibility").asText()));
      }
    },
    PRIORITY_CHANGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.PriorityChanged(
            ticket,
            actor,
            at,
            Priority.valueOf(p.get("from").asText()),
            Priority.valueOf(p.get("to").asText()));
      }
    },
    GROUP_CHANGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.GroupChanged(
            ticket, actor, at, text(p, "from").map(GroupId::of), text(p, "to").map(GroupId::of));
      }
    },
    ESCALATED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Escalated(
            ticket,
            actor,
            at,
            text(p, "from").map(AgentId::of),
            GroupId.of(p.get("toGroup").asText()),
            p.get("reason").asText());
      }
    },
    SLA_WARNED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.SlaWarned(
            ticket, actor, at, target(p), p.get("cycle").asInt(), dueAt(p));
      }
    },
    SLA_BREACHED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.SlaBreached(
            ticket, actor, at, target(p), p.get("cycle").asInt(), dueAt(p));
      }
    },
    ANSWERS_SUGGESTED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
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
        return new TicketEvent.AnswersSuggested(ticket, actor, at, answers);
      }
    },
    ANSWER_ACCEPTED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.AnswerAccepted(
            ticket, actor, at, ArticleId.of(p.get("articleId").asText()), p.get("title").asText());
      }
    },
    MACRO_APPLIED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.MacroApplied(ticket, actor, at, p.get("macro").asText());
      }
    },
    TAGS_CHANGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.TagsChanged(
            ticket,
            actor,
            at,
            new LinkedHashSet<>(Json.strings(p.get("from"))),
            new LinkedHashSet<>(Json.strings(p.get("to"))));
      }
    },
    FIELDS_CHANGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.FieldsChanged(
            ticket, actor, at, Json.stringMap(p.get("from")), Json.stringMap(p.get("to")));
      }
    },
    SLA_MET {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.SlaMet(
            ticket, actor, at, target(p), p.get("cycle").asInt(), dueAt(p));
      }
    },
    RATED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Rated(
            ticket,
            actor,
            at,
            Rating.valueOf(p.get("rating").asText()),
            text(p, "comment").orElse(""),
            text(p, "agent").map(AgentId::of),
            text(p, "group").map(GroupId::of));
      }
    },
    LINKED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Linked(ticket, actor, at, readLink(p));
      }
    },
    UNLINKED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Unlinked(ticket, actor, at, readLink(p));
      }
    },
    MERGED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.Merged(
            ticket,
            actor,
            at,
            TicketId.parse(p.get("duplicate").asText()),
            TicketKey.parse(p.get("duplicateKey").asText()),
            Json.strings(p.get("carried")).stream()
                .map(id -> new MessageId(UUID.fromString(id)))
                .toList());
      }
    },
    MERGED_INTO {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.MergedInto(
            ticket,
            actor,
            at,
            TicketId.parse(p.get("into").asText()),
            TicketKey.parse(p.get("intoKey").asText()));
      }
    },
    PENDING_REMINDER_SENT {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.PendingReminderSent(
            ticket,
            actor,
            at,
            p.get("reminder").asInt(),
            text(p, "autoSolveAt").map(Instant::parse));
      }
    },
    CC_ADDED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.CcAdded(ticket, actor, at, TicketMapping.cc(p));
      }
    },
    CC_REMOVED {
      @Override
      TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode p) {
        return new TicketEvent.CcRemoved(ticket, actor, at, TicketMapping.cc(p));
      }
    };

    /** The event of this type with the row's common columns and its payload document. */
    abstract TicketEvent read(TicketId ticket, Actor actor, Instant at, JsonNode payload);

    /** The type stored under {@code name}. */
    static StoredType named(String name) {
      for (StoredType type : values()) {
        if (type.name().equals(name)) {
          return type;
        }
      }
      throw new IllegalStateException("Unknown stored event type " + name);
    }
  }

  /** Puts an event's own fields into the payload document and answers the type it is stored as. */
  private record Writer(ObjectNode p) implements TicketEvent.Visitor<StoredType> {

    @Override
    public StoredType created(TicketEvent.Created e) {
      p.put("key", e.key().value());
      p.put("subject", e.subject());
      p.put("description", e.description());
      ObjectNode requester = p.putObject("requester");
      requester.put("id", e.requester().id().value());
      requester.put("name", e.requester().name());
      requester.put("email", e.requester().email().value());
      e.requester().organisation().ifPresent(o -> requester.put("organisation", o.value()));
      p.put("channel", e.channel().name());
      p.put("priority", e.priority().name());
      // Sorted, so that the same tags and fields are always the same document.
      p.set("tags", Json.stringArray(new TreeSet<>(e.tags())));
      p.set("customFields", Json.stringMapNode(new TreeMap<>(e.customFields())));
      p.put("group", e.group().map(GroupId::value).orElse(null));
      p.put("followUpOf", e.followUpOf().map(TicketId::toString).orElse(null));
      return StoredType.CREATED;
    }

    @Override
    public StoredType assigned(TicketEvent.Assigned e) {
      p.put("from", e.from().map(AgentId::value).orElse(null));
      p.put("to", e.to().map(AgentId::value).orElse(null));
      // Written only when there is one: events without a reason keep their earlier document.
      e.reason().ifPresent(r -> p.put("reason", r));
      return StoredType.ASSIGNED;
    }

    @Override
    public StoredType statusChanged(TicketEvent.StatusChanged e) {
      p.put("from", e.from().name());
      p.put("to", e.to().name());
      return StoredType.STATUS_CHANGED;
    }

    @Override
    public StoredType messageAdded(TicketEvent.MessageAdded e) {
      p.put("messageId", e.messageId().toString());
      p.put("visibility", e.visibility().name());
      return StoredType.MESSAGE_ADDED;
    }

    @Override
    public StoredType priorityChanged(TicketEvent.PriorityChanged e) {
      p.put("from", e.from().name());
      p.put("to", e.to().name());
      return StoredType.PRIORITY_CHANGED;
    }

    @Override
    public StoredType groupChanged(TicketEvent.GroupChanged e) {
      p.put("from", e.from().map(GroupId::value).orElse(null));
      p.put("to", e.to().map(GroupId::value).orElse(null));
      return StoredType.GROUP_CHANGED;
    }

    @Override
    public StoredType escalated(TicketEvent.Escalated e) {
      p.put("from", e.from().map(AgentId::value).orElse(null));
      p.put("toGroup", e.toGroup().value());
      p.put("reason", e.reason());
      return StoredType.ESCALATED;
    }

    @Override
    public StoredType slaWarned(TicketEvent.SlaWarned e) {
      writeSla(e.target(), e.cycle(), e.dueAt());
      return StoredType.SLA_WARNED;
    }

    @Override
    public StoredType slaBreached(TicketEvent.SlaBreached e) {
      writeSla(e.target(), e.cycle(), e.dueAt());
      return StoredType.SLA_BREACHED;
    }

    @Override
    public StoredType answersSuggested(TicketEvent.AnswersSuggested e) {
      ArrayNode answers = p.putArray("answers");
      for (SuggestedAnswer a : e.answers()) {
        ObjectNode answer = answers.addObject();
        answer.put("articleId", a.articleId().value());
        answer.put("title", a.title());
        answer.put("excerpt", a.excerpt());
        answer.put("score", a.score());
      }
      return StoredType.ANSWERS_SUGGESTED;
    }

    @Override
    public StoredType answerAccepted(TicketEvent.AnswerAccepted e) {
      p.put("articleId", e.articleId().value());
      p.put("title", e.title());
      return StoredType.ANSWER_ACCEPTED;
    }

    @Override
    public StoredType macroApplied(TicketEvent.MacroApplied e) {
      p.put("macro", e.macro());
      return StoredType.MACRO_APPLIED;
    }

    @Override
    public StoredType tagsChanged(TicketEvent.TagsChanged e) {
      p.set("from", Json.stringArray(new TreeSet<>(e.from())));
      p.set("to", Json.stringArray(new TreeSet<>(e.to())));
      return StoredType.TAGS_CHANGED;
    }

    @Override
    public StoredType fieldsChanged(TicketEvent.FieldsChanged e) {
      p.set("from", Json.stringMapNode(new TreeMap<>(e.from())));
      p.set("to", Json.stringMapNode(new TreeMap<>(e.to())));
      return StoredType.FIELDS_CHANGED;
    }

    @Override
    public StoredType slaMet(TicketEvent.SlaMet e) {
      writeSla(e.target(), e.cycle(), e.dueAt());
      return StoredType.SLA_MET;
    }

    @Override
    public StoredType rated(TicketEvent.Rated e) {
      p.put("rating", e.rating().name());
      p.put("comment", e.comment());
      p.put("agent", e.agent().map(AgentId::value).orElse(null));
      p.put("group", e.group().map(GroupId::value).orElse(null));
      return StoredType.RATED;
    }

    @Override
    public StoredType linked(TicketEvent.Linked e) {
      writeLink(e.link());
      return StoredType.LINKED;
    }

    @Override
    public StoredType unlinked(TicketEvent.Unlinked e) {
      writeLink(e.link());
      return StoredType.UNLINKED;
    }

    @Override
    public StoredType merged(TicketEvent.Merged e) {
      p.put("duplicate", e.duplicate().toString());
      p.put("duplicateKey", e.duplicateKey().value());
      p.set("carried", Json.stringArray(e.carried().stream().map(MessageId::toString).toList()));
      return StoredType.MERGED;
    }

    @Override
    public StoredType mergedInto(TicketEvent.MergedInto e) {
      p.put("into", e.into().toString());
      p.put("intoKey", e.intoKey().value());
      return StoredType.MERGED_INTO;
    }

    @Override
    public StoredType pendingReminderSent(TicketEvent.PendingReminderSent e) {
      p.put("reminder", e.reminder());
      p.put("autoSolveAt", e.autoSolveAt().map(Instant::toString).orElse(null));
      return StoredType.PENDING_REMINDER_SENT;
    }

    @Override
    public StoredType ccAdded(TicketEvent.CcAdded e) {
      p.setAll(TicketMapping.ccNode(e.cc()));
      return StoredType.CC_ADDED;
    }

    @Override
    public StoredType ccRemoved(TicketEvent.CcRemoved e) {
      p.setAll(TicketMapping.ccNode(e.cc()));
      return StoredType.CC_REMOVED;
    }

    private void writeSla(SlaTarget target, int cycle, Instant dueAt) {
      p.put("target", target.name());
      p.put("cycle", cycle);
      p.put("dueAt", dueAt.toString());
    }

    private void writeLink(TicketLink link) {
      p.put("kind", link.kind().name());
      p.put("outgoing", link.outgoing());
      p.put("other", link.other().toString());
      p.put("otherKey", link.otherKey().value());
      p.put("otherRequester", link.otherRequester().value());
    }
  }

  private static SlaTarget target(JsonNode p) {
    return SlaTarget.valueOf(p.get("target").asText());
  }

  private static Instant dueAt(JsonNode p) {
    return Instant.parse(p.get("dueAt").asText());
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
