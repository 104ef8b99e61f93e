package dev.helpdesk.jpa.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Cc;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stored event format is part of the schema: rows written by earlier versions must still read.
 * This pins each event type's stored name and JSON document as they are written today, and reads
 * those documents back, so a change to the mapping that alters what is stored fails here.
 */
class StoredEventFormatTest {

  /** A stored event type name and payload document, as written for the event at the same index. */
  record Stored(String type, String payload) {}

  private static final TicketId ID =
      TicketId.of(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
  private static final TicketId OTHER =
      TicketId.of(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
  private static final MessageId M1 =
      new MessageId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
  private static final MessageId M2 =
      new MessageId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456Z");

  static List<TicketEvent> events() {
    Actor agent = Actor.agent("a-bea");
    Actor system = Actor.system("sla-monitor");
    Actor customer = Actor.customer("c-1");
    TicketLink followUp =
        new TicketLink(
            LinkKind.FOLLOW_UP, true, OTHER, TicketKey.parse("EV-2"), CustomerId.of("c-2"));
    TicketLink related =
        new TicketLink(
            LinkKind.RELATED, false, OTHER, TicketKey.parse("EV-2"), CustomerId.of("c-1"));
    return List.of(
        new TicketEvent.Created(
            ID,
            customer,
            T0,
            TicketKey.parse("EV-1"),
            "Seat missing",
            "Booked 12A, got \"none\"",
            new Customer(CustomerId.of("c-1"), "Ana", EmailAddress.of("ana@example.com")),
            Channel.CHAT,
            Priority.HIGH,
            Set.of("vip", "rail"),
            Map.of("z", "1", "booking", "B-77"),
            Optional.of(GroupId.of("rail")),
            Optional.of(OTHER)),
        new TicketEvent.Created(
            ID,
            customer,
            T0,
            TicketKey.parse("EV-1"),
            "S",
            "D",
            new Customer(CustomerId.of("c-1"), "Ana", EmailAddress.of("ana@example.com")),
            Channel.EMAIL,
            Priority.LOW,
            Set.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty()),
        new TicketEvent.Assigned(
            ID, system, T0, Optional.empty(), Optional.of(AgentId.of("a-bea"))),
        new TicketEvent.Assigned(
            ID,
            Actor.system("no-reply"),
            T0,
            Optional.of(AgentId.of("a-bea")),
            Optional.of(AgentId.of("a-cal")),
            Optional.of("no-reply")),
        new TicketEvent.StatusChanged(ID, agent, T0, Status.NEW, Status.OPEN),
        new TicketEvent.MessageAdded(ID, agent, T0, M1, Visibility.INTERNAL),
        new TicketEvent.PriorityChanged(ID, agent, T0, Priority.HIGH, Priority.URGENT),
        new TicketEvent.GroupChanged(
            ID, system, T0, Optional.of(GroupId.of("rail")), Optional.empty()),
        new TicketEvent.Escalated(
            ID,
            system,
            T0,
            Optional.of(AgentId.of("a-bea")),
            GroupId.of("supervisors"),
            "no agent reply within PT2H"),
        new TicketEvent.SlaWarned(ID, system, T0, SlaTarget.FIRST_REPLY, 1, T0.plusSeconds(3600)),
        new TicketEvent.SlaBreached(ID, system, T0, SlaTarget.NEXT_REPLY, 3, T0.plusSeconds(7200)),
        new TicketEvent.AnswersSuggested(
            ID,
            Actor.system("instant-answers"),
            T0,
            List.of(
                new SuggestedAnswer(
                    ArticleId.of("kb-seats"),
                    "Seat reservation missing",
                    "Open your booking \u2026"),
                new SuggestedAnswer(ArticleId.of("kb-refunds"), "Refunds", "7 days."))),
        new TicketEvent.AnswerAccepted(
            ID, customer, T0, ArticleId.of("kb-seats"), "Seat reservation missing"),
        new TicketEvent.MacroApplied(ID, agent, T0, "refund-issued"),
        new TicketEvent.TagsChanged(
            ID, agent, T0, Set.of("vip", "rail"), Set.of("rail", "refund", "vip")),
        new TicketEvent.FieldsChanged(
            ID, agent, T0, Map.of("seat", "12A", "b", "1"), Map.of("b", "1", "fare", "12.50")),
        new TicketEvent.SlaMet(ID, agent, T0, SlaTarget.RESOLUTION, 2, T0.plusSeconds(9000)),
        new TicketEvent.Rated(
            ID,
            customer,
            T0,
            Rating.BAD,
            "Still waiting.\nSecond line.",
            Optional.of(AgentId.of("a-bea")),
            Optional.of(GroupId.of("rail"))),
        new TicketEvent.Rated(
            ID, customer, T0, Rating.GOOD, "", Optional.empty(), Optional.empty()),
        new TicketEvent.Linked(ID, agent, T0, followUp),
        new TicketEvent.Unlinked(ID, agent, T0, related),
        new TicketEvent.Merged(ID, agent, T0, OTHER, TicketKey.parse("EV-2"), List.of(M1, M2)),
        new TicketEvent.MergedInto(ID, agent, T0, OTHER, TicketKey.parse("EV-2")),
        new TicketEvent.PendingReminderSent(
            ID, Actor.system("pending-follow-up"), T0, 1, Optional.of(T0.plusSeconds(7200))),
        new TicketEvent.PendingReminderSent(
            ID, Actor.system("pending-follow-up"), T0, 2, Optional.empty()),
        new TicketEvent.CcAdded(ID, agent, T0, Cc.of("Bo@Example.ORG", "Bo \"B\" Berg")),
        new TicketEvent.CcRemoved(ID, Actor.customer("c-1"), T0, Cc.of("li@example.net")));
  }

  /** What {@link #events()} are stored as, in the same order. */
  static List<Stored> stored() {
    return List.of(
        new Stored(
            "CREATED",
            "{\"key\":\"EV-1\",\"subject\":\"Seat missing\",\"description\":\"Booked 12A, got \\\"none\\\"\",\"requester\":{\"id\":\"c-1\",\"name\":\"Ana\",\"email\":\"ana@example.com\"},\"channel\":\"CHAT\",\"priority\":\"HIGH\",\"tags\":[\"rail\",\"vip\"],\"customFields\":{\"booking\":\"B-77\",\"z\":\"1\"},\"group\":\"rail\",\"followUpOf\":\"00000000-0000-0000-0000-00000000000b\"}"),
        new Stored(
            "CREATED",
            "{\"key\":\"EV-1\",\"subject\":\"S\",\"description\":\"D\",\"requester\":{\"id\":\"c-1\",\"name\":\"Ana\",\"email\":\"ana@example.com\"},\"channel\":\"EMAIL\",\"priority\":\"LOW\",\"tags\":[],\"customFields\":{},\"group\":null,\"followUpOf\":null}"),
        new Stored("ASSIGNED", "{\"from\":null,\"to\":\"a-bea\"}"),
        new Stored("ASSIGNED", "{\"from\":\"a-bea\",\"to\":\"a-cal\",\"reason\":\"no-reply\"}"),
        new Stored("STATUS_CHANGED", "{\"from\":\"NEW\",\"to\":\"OPEN\"}"),
        new Stored(
            "MESSAGE_ADDED",
            "{\"messageId\":\"00000000-0000-0000-0000-0000000000c1\",\"visibility\":\"INTERNAL\"}"),
        new Stored("PRIORITY_CHANGED", "{\"from\":\"HIGH\",\"to\":\"URGENT\"}"),
        new Stored("GROUP_CHANGED", "{\"from\":\"rail\",\"to\":null}"),
        new Stored(
            "ESCALATED",
            "{\"from\":\"a-bea\",\"toGroup\":\"supervisors\",\"reason\":\"no agent reply within PT2H\"}"),
        new Stored(
            "SLA_WARNED",
            "{\"target\":\"FIRST_REPLY\",\"cycle\":1,\"dueAt\":\"2026-03-02T10:00:00.123456Z\"}"),
        new Stored(
            "SLA_BREACHED",
            "{\"target\":\"NEXT_REPLY\",\"cycle\":3,\"dueAt\":\"2026-03-02T11:00:00.123456Z\"}"),
        new Stored(
            "ANSWERS_SUGGESTED",
            "{\"answers\":[{\"articleId\":\"kb-seats\",\"title\":\"Seat reservation missing\",\"excerpt\":\"Open your booking \u2026\",\"score\":0.0},{\"articleId\":\"kb-refunds\",\"title\":\"Refunds\",\"excerpt\":\"7 days.\",\"score\":0.0}]}"),
        new Stored(
            "ANSWER_ACCEPTED",
            "{\"articleId\":\"kb-seats\",\"title\":\"Seat reservation missing\"}"),
        new Stored("MACRO_APPLIED", "{\"macro\":\"refund-issued\"}"),
        new Stored(
            "TAGS_CHANGED", "{\"from\":[\"rail\",\"vip\"],\"to\":[\"rail\",\"refund\",\"vip\"]}"),
        new Stored(
            "FIELDS_CHANGED",
            "{\"from\":{\"b\":\"1\",\"seat\":\"12A\"},\"to\":{\"b\":\"1\",\"fare\":\"12.50\"}}"),
        new Stored(
            "SLA_MET",
            "{\"target\":\"RESOLUTION\",\"cycle\":2,\"dueAt\":\"2026-03-02T11:30:00.123456Z\"}"),
        new Stored(
            "RATED",
            "{\"rating\":\"BAD\",\"comment\":\"Still waiting.\\nSecond line.\",\"agent\":\"a-bea\",\"group\":\"rail\"}"),
        new Stored("RATED", "{\"rating\":\"GOOD\",\"comment\":\"\",\"agent\":null,\"group\":null}"),
        new Stored(
            "LINKED",
            "{\"kind\":\"FOLLOW_UP\",\"outgoing\":true,\"other\":\"00000000-0000-0000-0000-00000000000b\",\"otherKey\":\"EV-2\",\"otherRequester\":\"c-2\"}"),
        new Stored(
            "UNLINKED",
            "{\"kind\":\"RELATED\",\"outgoing\":false,\"other\":\"00000000-0000-0000-0000-00000000000b\",\"otherKey\":\"EV-2\",\"otherRequester\":\"c-1\"}"),
        new Stored(
            "MERGED",
            "{\"duplicate\":\"00000000-0000-0000-0000-00000000000b\",\"duplicateKey\":\"EV-2\",\"carried\":[\"00000000-0000-0000-0000-0000000000c1\",\"00000000-0000-0000-0000-0000000000c2\"]}"),
        new Stored(
            "MERGED_INTO",
            "{\"into\":\"00000000-0000-0000-0000-00000000000b\",\"intoKey\":\"EV-2\"}"),
        new Stored(
            "PENDING_REMINDER_SENT",
            "{\"reminder\":1,\"autoSolveAt\":\"" + T0.plusSeconds(7200) + "\"}"),
        new Stored("PENDING_REMINDER_SENT", "{\"reminder\":2,\"autoSolveAt\":null}"),
        new Stored("CC_ADDED", "{\"email\":\"Bo@example.org\",\"name\":\"Bo \\\"B\\\" Berg\"}"),
        new Stored("CC_REMOVED", "{\"email\":\"li@example.net\"}"));
  }

  @Test
  void eachEventIsStoredUnderItsTypeNameAndDocument() {
    List<TicketEvent> events = events();
    List<Stored> stored = stored();
    assertEquals(events.size(), stored.size());
    for (int i = 0; i < events.size(); i++) {
      EventEntity row = EventPayloads.toRow(ID.value(), 1, i, events.get(i));
      assertEquals(stored.get(i), new Stored(row.type, row.payload), "event " + events.get(i));
    }
  }

  @Test
  void eachStoredDocumentReadsBackAsItsEvent() {
    List<TicketEvent> events = events();
    List<Stored> stored = stored();
    for (int i = 0; i < events.size(); i++) {
      TicketEvent event = events.get(i);
      assertEquals(event, EventPayloads.toEvent(row(event.actor(), stored.get(i))));
    }
  }

  @Test
  void theFixturesCoverEveryEventType() {
    assertEquals(
        Set.of(TicketEvent.class.getPermittedSubclasses()),
        events().stream().map(Object::getClass).collect(Collectors.toSet()));
  }

  @Test
  void everyStoredTypeNameIsPinned() {
    assertEquals(
        Arrays.stream(EventPayloads.StoredType.values())
            .map(Enum::name)
            .collect(Collectors.toSet()),
        stored().stream().map(Stored::type).collect(Collectors.toSet()));
  }

  @Test
  void optionalFieldsMissingFromAnOlderDocumentReadAsEmpty() {
    Actor customer = Actor.customer("c-1");
    assertEquals(
        new TicketEvent.Rated(
            ID, customer, T0, Rating.GOOD, "", Optional.empty(), Optional.empty()),
        EventPayloads.toEvent(row(customer, new Stored("RATED", "{\"rating\":\"GOOD\"}"))));
  }

  @Test
  void anAssignmentStoredBeforeReasonsReadsWithoutOne() {
    Actor system = Actor.system("assignment");
    assertEquals(
        new TicketEvent.Assigned(
            ID, system, T0, Optional.empty(), Optional.of(AgentId.of("a-bea")), Optional.empty()),
        EventPayloads.toEvent(
            row(system, new Stored("ASSIGNED", "{\"from\":null,\"to\":\"a-bea\"}"))));
  }

  @Test
  void anUnknownStoredTypeFailsNamingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> EventPayloads.toEvent(row(Actor.agent("a-bea"), new Stored("TELEPORTED", "{}"))));
    assertTrue(e.getMessage().contains("TELEPORTED"), e.getMessage());
  }

  private static EventEntity row(Actor actor, Stored stored) {
    EventEntity row = new EventEntity();
    row.ticketId = ID.value();
    row.ticketVersion = 1;
    row.actorKind = Actors.kind(actor);
    row.actorId = Actors.id(actor);
    row.occurredAt = T0;
    row.type = stored.type();
    row.payload = stored.payload();
    return row;
  }
}
