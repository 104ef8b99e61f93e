package dev.helpdesk.jpa.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Maps tickets and messages between the domain and the entities, field by field. */
final class TicketMapping {

  private TicketMapping() {}

  /** Copies every field of {@code t} but the version, which JPA manages. */
  static void copy(Ticket t, TicketEntity row) {
    row.ticketId = t.id().value();
    row.key = t.key().value();
    row.subject = t.subject();
    row.description = t.description();
    row.requesterId = t.requester().id().value();
    row.requesterName = t.requester().name();
    row.requesterEmail = t.requester().email().value();
    row.requesterOrganisation =
        t.requester().organisation().map(OrganisationId::value).orElse(null);
    row.channel = t.channel();
    row.priority = t.priority();
    row.tagsJson = Json.strings(t.tags());
    row.customFieldsJson = Json.stringMap(t.customFields());
    row.ccsJson = ccsJson(t.ccs());
    row.bookingReference = t.bookingReference().orElse(null);
    row.status = t.status();
    row.unsolved = t.status().isUnsolved();
    row.assigneeId = t.assignee().map(AgentId::value).orElse(null);
    row.groupId = t.group().map(GroupId::value).orElse(null);
    row.followUpOf = t.followUpOf().map(TicketId::value).orElse(null);
    row.createdAt = t.createdAt();
    row.updatedAt = t.updatedAt();
    row.solvedAt = t.solvedAt().orElse(null);
  }

  static Ticket toTicket(TicketEntity row) {
    return new Ticket(
        new TicketId(row.ticketId),
        TicketKey.parse(row.key),
        row.subject,
        row.description,
        new Customer(
            CustomerId.of(row.requesterId),
            row.requesterName,
            EmailAddress.of(row.requesterEmail),
            Optional.ofNullable(row.requesterOrganisation).map(OrganisationId::of)),
        row.channel,
        row.priority,
        new LinkedHashSet<>(Json.strings(row.tagsJson)),
        Json.stringMap(row.customFieldsJson),
        ccs(row.ccsJson),
        row.status,
        Optional.ofNullable(row.assigneeId).map(AgentId::of),
        Optional.ofNullable(row.groupId).map(GroupId::of),
        Optional.ofNullable(row.followUpOf).map(TicketId::new),
        row.createdAt,
        row.updatedAt,
        Optional.ofNullable(row.solvedAt),
        row.version);
  }

  /** The CCs as stored: a JSON array, or null for none. */
  static String ccsJson(List<Cc> ccs) {
    if (ccs.isEmpty()) {
      return null;
    }
    ArrayNode array = Json.object().arrayNode();
    ccs.forEach(cc -> array.add(ccNode(cc)));
    return Json.write(array);
  }

  /** The CCs of a stored column; none for null. */
  static List<Cc> ccs(String json) {
    if (json == null || "[]".equals(json)) {
      return List.of();
    }
    List<Cc> ccs = new ArrayList<>();
    Json.parse(json).forEach(node -> ccs.add(cc(node)));
    return ccs;
  }

  /** One CC as a JSON object: {@code email} and, when it has one, {@code name}. */
  static ObjectNode ccNode(Cc cc) {
    ObjectNode node = Json.object();
    node.put("email", cc.email().value());
    cc.name().ifPresent(n -> node.put("name", n));
    return node;
  }

  static Cc cc(JsonNode node) {
    JsonNode name = node.get("name");
    return new Cc(
        EmailAddress.of(node.get("email").asText()),
        name == null || name.isNull() ? Optional.empty() : Optional.of(name.asText()));
  }

  static MessageEntity toRow(UUID ticketId, long version, int position, Message m) {
    MessageEntity row = new MessageEntity();
    row.messageId = m.id().value();
    row.ticketId = ticketId;
    row.ticketVersion = version;
    row.position = position;
    row.authorKind = Actors.kind(m.author());
    row.authorId = Actors.id(m.author());
    row.visibility = m.visibility();
    row.body = m.body();
    row.createdAt = m.at();
    return row;
  }

  static AttachmentEntity toRow(UUID ticketId, UUID messageId, int position, Attachment a) {
    AttachmentEntity row = new AttachmentEntity();
    row.messageId = messageId;
    row.ticketId = ticketId;
    row.position = position;
    row.name = a.name();
    row.mediaType = a.mediaType();
    row.size = a.size();
    row.ref = a.ref().value();
    return row;
  }

  static Message toMessage(MessageEntity row, List<AttachmentEntity> attachments) {
    return new Message(
        new MessageId(row.messageId),
        Actors.of(row.authorKind, row.authorId),
        row.visibility,
        row.body,
        attachments.stream()
            .map(a -> new Attachment(a.name, a.mediaType, a.size, new AttachmentRef(a.ref)))
            .toList(),
        row.createdAt);
  }
}
