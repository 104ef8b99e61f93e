package dev.helpdesk.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import dev.helpdesk.webhook.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every event type's payload is valid JSON (read back by a strict parser written here, not by the
 * writer's own code) with the envelope the docs promise and the event's fields.
 */
class WebhookPayloadsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456Z");
  private static final Ticket TICKET = ticket("HD", 1042);
  private static final Ticket OTHER = ticket("HD", 7);

  @Test
  void everyEventTypeIsWrittenAsJsonWithItsEnvelope() {
    List<TicketEvent> events = oneOfEach(TICKET.id());
    assertEquals(
        Set.of(TicketEvent.class.getPermittedSubclasses()),
        events.stream().map(Object::getClass).collect(Collectors.toSet()));
    for (TicketEvent event : events) {
      NotificationId id = NotificationId.random();
      Map<?, ?> body = object(WebhookPayloads.of(id, "crm", event, TICKET, List.of()));
      assertEquals(
          List.of("id", "type", "occurred_at", "webhook", "ticket", "actor", "data"),
          new ArrayList<>(body.keySet()));
      assertEquals(id.toString(), body.get("id"));
      assertEquals(WebhookEvent.of(event).type(), body.get("type"));
      assertEquals(event.at().toString(), body.get("occurred_at"));
      assertEquals("crm", body.get("webhook"));
      Map<?, ?> ticket = (Map<?, ?>) body.get("ticket");
      assertEquals("HD-1042", ticket.get("key"));
      assertEquals(TICKET.id().value().toString(), ticket.get("id"));
      assertEquals("NEW", ticket.get("status"));
      assertTrue(body.get("data") instanceof Map<?, ?>, event.toString());
    }
  }

  @Test
  void aCcEventCarriesTheAddressAndTheNameIfAny() {
    Map<?, ?> added =
        object(
            WebhookPayloads.of(
                NotificationId.random(),
                "crm",
                new TicketEvent.CcAdded(
                    TICKET.id(), Actor.agent("ana"), T0, Cc.of("Bo@Example.ORG", "Bo Berg")),
                TICKET,
                List.of()));
    assertEquals("ticket.cc_added", added.get("type"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("email", "Bo@example.org");
    expected.put("name", "Bo Berg");
    assertEquals(expected, added.get("data"));
    Map<?, ?> removed =
        object(
            WebhookPayloads.of(
                NotificationId.random(),
                "crm",
                new TicketEvent.CcRemoved(TICKET.id(), Actor.agent("ana"), T0, Cc.of("li@x.org")),
                TICKET,
                List.of()));
    assertEquals("ticket.cc_removed", removed.get("type"));
    expected.put("email", "li@x.org");
    expected.put("name", null);
    assertEquals(expected, removed.get("data"));
  }

  @Test
  void aFieldsEventCarriesTheFieldsBeforeAndAfter() {
    TicketEvent.FieldsChanged changed =
        new TicketEvent.FieldsChanged(
            TICKET.id(),
            Actor.agent("a-bea"),
            T0,
            Map.of("seat_class", "first", "fare", "10"),
            Map.of("seat_class", "first", "fare", "12.50", "travel_date", "2026-04-01"));
    Map<?, ?> body = object(payload(changed));
    assertEquals("ticket.fields_changed", body.get("type"));
    Map<?, ?> data = (Map<?, ?>) body.get("data");
    assertEquals(Map.of("seat_class", "first", "fare", "10"), data.get("from"));
    assertEquals(
        Map.of("seat_class", "first", "fare", "12.50", "travel_date", "2026-04-01"),
        data.get("to"));
  }

  @Test
  void anAssignmentCarriesItsReasonOrNull() {
    Map<?, ?> byRule =
        (Map<?, ?>)
            object(
                    payload(
                        new TicketEvent.Assigned(
                            TICKET.id(),
                            Actor.system("no-reply"),
                            T0,
                            Optional.of(AgentId.of("a-bea")),
                            Optional.of(AgentId.of("a-cal")),
                            Optional.of("no-reply"))))
                .get("data");
    assertEquals("a-bea", byRule.get("from"));
    assertEquals("a-cal", byRule.get("to"));
    assertEquals("no-reply", byRule.get("reason"));
    Map<?, ?> byHand =
        (Map<?, ?>)
            object(
                    payload(
                        new TicketEvent.Assigned(
                            TICKET.id(),
                            Actor.agent("a-bea"),
                            T0,
                            Optional.empty(),
                            Optional.of(AgentId.of("a-bea")))))
                .get("data");
    assertTrue(byHand.containsKey("reason"));
    assertEquals(null, byHand.get("reason"));
  }

  @Test
  void fieldsWithQuotesNewlinesControlCharactersAndNullsRoundTrip() {
    String awkward = "He said \"refund\\now\"\n\ttab \u0001 \u2028 caf\u00e9 \ud83d\ude86";
    TicketEvent.Rated rated =
        new TicketEvent.Rated(
            TICKET.id(),
            Actor.customer("c-1"),
            T0,
            Rating.BAD,
            awkward,
            Optional.empty(),
            Optional.of(GroupId.of("rail")));

    Map<?, ?> data = (Map<?, ?>) object(payload(rated)).get("data");

    assertEquals("BAD", data.get("rating"));
    assertEquals(awkward, data.get("comment"));
    assertTrue(data.containsKey("agent"));
    assertEquals(null, data.get("agent"));
    assertEquals("rail", data.get("group"));
    Map<?, ?> actor = (Map<?, ?>) object(payload(rated)).get("actor");
    assertEquals(Map.of("type", "customer", "id", "c-1"), actor);
  }

  @Test
  void aMessageEventCarriesTheMessageTheChangeAdded() {
    Message note =
        new Message(
            MessageId.random(),
            Actor.agent("a-bea"),
            Visibility.INTERNAL,
            "Checked with the railway.",
            List.of(),
            T0);
    TicketEvent.MessageAdded added =
        new TicketEvent.MessageAdded(
            TICKET.id(), Actor.agent("a-bea"), T0, note.id(), Visibility.INTERNAL);

    Map<?, ?> body =
        object(WebhookPayloads.of(NotificationId.random(), "crm", added, TICKET, List.of(note)));

    Map<?, ?> data = (Map<?, ?>) body.get("data");
    assertEquals(note.id().value().toString(), data.get("message_id"));
    assertEquals("INTERNAL", data.get("visibility"));
    assertEquals("Checked with the railway.", data.get("body"));
    assertEquals(List.of(), data.get("attachments"));
    assertEquals(Map.of("type", "agent", "id", "a-bea"), body.get("actor"));
  }

  @Test
  void aCreatedEventCarriesTheRequestAndAStatusChangeItsFromAndTo() {
    List<TicketEvent> events = oneOfEach(TICKET.id());
    Map<?, ?> created = (Map<?, ?>) object(payload(events.get(0))).get("data");
    assertEquals("Booked 12A, got none", created.get("description"));
    assertEquals(
        Map.of("id", "c-1", "name", "Ana", "email", "ana@example.com"), created.get("requester"));
    assertEquals(List.of("rail", "vip"), created.get("tags"));
    assertEquals(Map.of("booking", "B-77"), created.get("custom_fields"));
    assertEquals("CHAT", created.get("channel"));

    Map<?, ?> status = (Map<?, ?>) object(payload(events.get(2))).get("data");
    assertEquals(Map.of("from", "NEW", "to", "OPEN"), status);
  }

  @Test
  void theParserOfThisTestRefusesWhatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> object("{\"a\":\"x\ny\"}"));
    assertThrows(IllegalArgumentException.class, () -> object("{\"a\":1} x"));
    assertThrows(IllegalArgumentException.class, () -> object("{'a':1}"));
  }

  private static String payload(TicketEvent event) {
    return WebhookPayloads.of(NotificationId.random(), "crm", event, TICKET, List.of());
  }

  private static Map<?, ?> object(String json) {
    Parser p = new Parser(json);
    Object value = p.value();
    p.space();
    if (p.at != json.length()) {
      throw new IllegalArgumentException("trailing text at " + p.at);
    }
    return (Map<?, ?>) value;
  }

  /** A strict JSON reader (RFC 8259), for this test only. */
  private static final class Parser {
    private final String s;
    private int at;

    Parser(String s) {
      this.s = s;
    }

    Object value() {
      space();
      if (at >= s.length()) {
        throw new IllegalArgumentException("end of input");
      }
      char c = s.charAt(at);
      if (c == '{') {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (peek('}')) {
          return map;
        }
        do {
          space();
          String key = string();
          space();
          expect(':');
          map.put(key, value());
          space();
        } while (peek(','));
        expect('}');
        return map;
      }
      if (c == '[') {
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (peek(']')) {
          return list;
        }
        do {
          list.add(value());
          space();
        } while (peek(','));
        expect(']');
        return list;
      }
      if (c == '"') {
        return string();
      }
      for (String word : new String[] {"true", "false", "null"}) {
        if (s.startsWith(word, at)) {
          at += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
      if (start == at) {
        throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
      }
      return Double.valueOf(s.substring(start, at));
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("raw control character at " + (at - 1));
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape at " + at);
        }
      }
    }

    void space() {
      while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
    }

    boolean peek(char c) {
      if (at < s.length() && s.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
    }
  }

  private static Ticket ticket(String prefix, long number) {
    return TicketEdit.open(
            TicketId.random(),
            TicketKey.of(prefix, number),
            NewTicket.builder()
                .requester("c-1", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build(),
            Optional.empty(),
            Actor.customer("c-1"),
            T0,
            StatusTransitions.defaults())
        .current();
  }

  private static List<TicketEvent> oneOfEach(TicketId id) {
    Actor agent = Actor.agent("a-bea");
    Actor system = Actor.system("sla-monitor");
    return List.of(
        new TicketEvent.Created(
            id,
            Actor.customer("c-1"),
            T0,
            TicketKey.of("HD", 1042),
            "Seat missing",
            "Booked 12A, got none",
            new Customer(CustomerId.of("c-1"), "Ana", EmailAddress.of("ana@example.com")),
            Channel.CHAT,
            Priority.HIGH,
            Set.of("vip", "rail"),
            Map.of("booking", "B-77"),
            Optional.of(GroupId.of("rail")),
            Optional.of(OTHER.id())),
        new TicketEvent.Assigned(
            id, system, T0.plusSeconds(1), Optional.empty(), Optional.of(AgentId.of("a-bea"))),
        new TicketEvent.StatusChanged(id, agent, T0.plusSeconds(2), Status.NEW, Status.OPEN),
        new TicketEvent.MessageAdded(
            id, agent, T0.plusSeconds(3), MessageId.random(), Visibility.PUBLIC),
        new TicketEvent.PriorityChanged(
            id, agent, T0.plusSeconds(4), Priority.HIGH, Priority.URGENT),
        new TicketEvent.GroupChanged(
            id, system, T0.plusSeconds(5), Optional.of(GroupId.of("rail")), Optional.empty()),
        new TicketEvent.Escalated(
            id,
            system,
            T0.plusSeconds(6),
            Optional.of(AgentId.of("a-bea")),
            GroupId.of("supervisors"),
            "no agent reply within PT2H"),
        new TicketEvent.SlaWarned(
            id, system, T0.plusSeconds(8), SlaTarget.FIRST_REPLY, 1, T0.plusSeconds(3600)),
        new TicketEvent.SlaBreached(
            id, system, T0.plusSeconds(9), SlaTarget.NEXT_REPLY, 3, T0.plusSeconds(7200)),
        new TicketEvent.AnswersSuggested(
            id,
            Actor.system("instant-answers"),
            T0.plusSeconds(10),
            List.of(
                new SuggestedAnswer(
                    ArticleId.of("kb-seats"),
                    "Seat reservation missing",
                    "Choose \"Reserve seat\" again \u2026",
                    7.25))),
        new TicketEvent.AnswerAccepted(
            id,
            Actor.customer("c-1"),
            T0.plusSeconds(11),
            ArticleId.of("kb-seats"),
            "Seat reservation missing"),
        new TicketEvent.MacroApplied(id, agent, T0.plusSeconds(12), "refund-issued"),
        new TicketEvent.TagsChanged(
            id, agent, T0.plusSeconds(13), Set.of("rail"), Set.of("rail", "refund")),
        new TicketEvent.FieldsChanged(
            id, agent, T0.plusSeconds(13), Map.of("fare", "10"), Map.of("fare", "12.50")),
        new TicketEvent.SlaMet(
            id, agent, T0.plusSeconds(14), SlaTarget.RESOLUTION, 2, T0.plusSeconds(9000)),
        new TicketEvent.Rated(
            id,
            Actor.customer("c-1"),
            T0.plusSeconds(15),
            Rating.GOOD,
            "",
            Optional.empty(),
            Optional.empty()),
        new TicketEvent.Linked(
            id, agent, T0.plusSeconds(17), TicketLink.outgoing(LinkKind.FOLLOW_UP, OTHER)),
        new TicketEvent.Unlinked(
            id, agent, T0.plusSeconds(18), TicketLink.incoming(LinkKind.RELATED, OTHER)),
        new TicketEvent.Merged(
            id, agent, T0.plusSeconds(19), OTHER.id(), OTHER.key(), List.of(MessageId.random())),
        new TicketEvent.MergedInto(id, agent, T0.plusSeconds(20), OTHER.id(), OTHER.key()),
        new TicketEvent.PendingReminderSent(
            id, system, T0.plusSeconds(21), 1, Optional.of(T0.plusSeconds(86_400))),
        new TicketEvent.PendingReminderSent(id, system, T0.plusSeconds(22), 2, Optional.empty()),
        new TicketEvent.CcAdded(id, agent, T0.plusSeconds(23), Cc.of("bo@example.org", "Bo")),
        new TicketEvent.CcRemoved(id, agent, T0.plusSeconds(24), Cc.of("li@example.org")));
  }
}
