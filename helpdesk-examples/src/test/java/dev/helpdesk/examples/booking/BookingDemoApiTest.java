package dev.helpdesk.examples.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's HTTP API as a client sees it: who may read and change what, what a customer's event
 * stream carries, the security headers of the pages, and a mailed answer landing on its ticket.
 */
class BookingDemoApiTest {

  private static BookingDemo demo;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    demo = BookingDemo.start(0);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  /** A browser's cookie jar, reduced to the one identity cookie it holds. */
  private record Session(String cookie) {
    static Session customer(String id) {
      return new Session(Identity.CUSTOMER_COOKIE + "=" + id);
    }

    static Session agent(String id) {
      return new Session(Identity.AGENT_COOKIE + "=" + id);
    }
  }

  private static HttpResponse<String> get(Session s, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(demo.url().resolve(path)).GET();
    if (s != null) {
      b.header("Cookie", s.cookie());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(Session s, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(demo.url().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (s != null) {
      b.header("Cookie", s.cookie());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return Http.JSON.readTree(r.body());
  }

  private static String raise(Session s, String booking, String subject) throws Exception {
    HttpResponse<String> r =
        post(
            s,
            "/api/customer/tickets",
            "{\"bookingReference\":\""
                + booking
                + "\",\"subject\":\""
                + subject
                + "\",\"description\":\"Details.\"}");
    assertEquals(200, r.statusCode(), r.body());
    return json(r).at("/ticket/id").asText();
  }

  @Test
  void signingInSetsAStrictHttpOnlyCookieOnlyForKnownPeople() throws Exception {
    HttpResponse<String> ok = post(null, "/api/customer/session", "{\"customerId\":\"c-ana\"}");
    assertEquals(204, ok.statusCode());
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("hd_customer=c-ana;"), cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);

    assertEquals(404, post(null, "/api/customer/session", "{\"customerId\":\"c-x\"}").statusCode());
    assertEquals(404, post(null, "/api/agent/session", "{\"agentId\":\"a-x\"}").statusCode());
    assertEquals(401, get(null, "/api/customer/tickets").statusCode());
    assertEquals(401, get(Session.customer("c-nobody"), "/api/customer/tickets").statusCode());
    // A customer's cookie is no agent's: the console refuses it.
    assertEquals(401, get(Session.customer("c-ana"), "/api/agent/queue").statusCode());
  }

  @Test
  void aCustomerCannotReachAnotherCustomersTicketsOrBookings() throws Exception {
    Session ana = Session.customer("c-ana");
    Session ben = Session.customer("c-ben");
    String anas = raise(ana, "BK-1003", "Late arrival at the hotel");

    assertEquals(404, get(ben, "/api/customer/tickets/" + anas).statusCode());
    assertEquals(404, get(ben, "/api/customer/tickets/" + anas + "/events").statusCode());
    HttpResponse<String> write =
        post(ben, "/api/customer/tickets/" + anas + "/messages", "{\"body\":\"hi\"}");
    assertEquals(404, write.statusCode(), write.body());
    assertEquals("not-found", json(write).get("error").asText());
    assertFalse(get(ben, "/api/customer/tickets").body().contains(anas));
    assertEquals(
        1,
        demo.desk().ticket(Actor.agent("a-cal"), TicketId.parse(anas)).conversation().size(),
        "Ben's message did not land on Ana's ticket");

    // Ben's booking, named by Ana, is "not found": she learns nothing about it.
    HttpResponse<String> other =
        post(ana, "/api/customer/tickets", "{\"bookingReference\":\"BK-2001\",\"subject\":\"x\"}");
    assertEquals(404, other.statusCode(), other.body());
    assertEquals(404, get(ana, "/api/customer/tickets/" + TicketId.random()).statusCode());
    assertEquals(400, get(ana, "/api/customer/tickets/not-a-uuid").statusCode());
  }

  @Test
  void badInputIsRefusedWithTheFieldNamedAndNothingStored() throws Exception {
    Session chloe = Session.customer("c-chloe");
    int before =
        demo.desk().ticketsOf(Actor.customer("c-chloe"), Actor.customer("c-chloe").id()).size();

    HttpResponse<String> blank =
        post(
            chloe, "/api/customer/tickets", "{\"bookingReference\":\"BK-3001\",\"subject\":\" \"}");
    assertEquals(400, blank.statusCode(), blank.body());
    assertEquals("subject", json(blank).get("field").asText());

    HttpResponse<String> notJson =
        http.send(
            HttpRequest.newBuilder(demo.url().resolve("/api/customer/tickets"))
                .header("Cookie", chloe.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("subject=x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, notJson.statusCode());
    assertEquals("Content-Type", json(notJson).get("field").asText());

    HttpResponse<String> unknownField =
        post(chloe, "/api/customer/tickets", "{\"bookingReference\":\"BK-3001\",\"x\":1}");
    assertEquals(400, unknownField.statusCode());
    assertEquals("body", json(unknownField).get("field").asText());

    assertEquals(
        before,
        demo.desk().ticketsOf(Actor.customer("c-chloe"), Actor.customer("c-chloe").id()).size());
  }

  @Test
  void theCustomersStreamCarriesTheAgentsReplyAndStatusButNeverTheInternalNote() throws Exception {
    Session ana = Session.customer("c-ana");
    Session bea = Session.agent("a-bea");
    String id = raise(ana, "BK-1002", "Seats apart");
    try (Stream stream = Stream.open(ana, "/api/customer/tickets/" + id + "/events")) {
      assertEquals("ready", stream.next().type());

      assertEquals(
          200,
          post(bea, "/api/agent/tickets/" + id + "/notes", "{\"body\":\"Secret: overbooked\"}")
              .statusCode());
      assertEquals(
          200,
          post(bea, "/api/agent/tickets/" + id + "/replies", "{\"body\":\"Seats moved.\"}")
              .statusCode());
      assertEquals(
          200,
          post(bea, "/api/agent/tickets/" + id + "/status", "{\"status\":\"SOLVED\"}")
              .statusCode());

      Event reply = stream.next();
      assertEquals("message", reply.type(), reply.data());
      assertEquals("Seats moved.", Http.JSON.readTree(reply.data()).get("body").asText());
      assertEquals("agent", Http.JSON.readTree(reply.data()).get("role").asText());
      Event status = stream.next();
      assertEquals("status", status.type(), status.data());
      assertEquals("SOLVED", Http.JSON.readTree(status.data()).get("to").asText());
      assertFalse(stream.seen().contains("Secret"), stream.seen());
    }
    String view = get(ana, "/api/customer/tickets/" + id).body();
    assertFalse(view.contains("Secret"), view);
    assertTrue(get(bea, "/api/agent/tickets/" + id).body().contains("Secret: overbooked"));
  }

  @Test
  void theCustomerSeesInstantAnswersAndOnlySheMayAcceptOneWhichSolvesTheTicket() throws Exception {
    Session ben = Session.customer("c-ben");
    HttpResponse<String> raised =
        post(
            ben,
            "/api/customer/tickets",
            "{\"bookingReference\":\"BK-2002\",\"subject\":\"Arriving late at night\","
                + "\"description\":\"I arrive after midnight, is my room kept?\"}");
    assertEquals(200, raised.statusCode(), raised.body());
    JsonNode body = json(raised);
    String id = body.at("/ticket/id").asText();
    assertEquals("kb-hotel-late", body.at("/suggestions/0/articleId").asText(), raised.body());
    assertEquals(
        "Arriving late at your hotel",
        json(get(null, "/api/articles/kb-hotel-late")).get("title").asText());

    HttpResponse<String> byAnother =
        post(
            Session.customer("c-ana"),
            "/api/customer/tickets/" + id + "/accept",
            "{\"articleId\":\"kb-hotel-late\"}");
    assertEquals(404, byAnother.statusCode(), byAnother.body());
    List<String> suggested = new ArrayList<>();
    body.get("suggestions").forEach(a -> suggested.add(a.get("articleId").asText()));
    String other =
        List.of("kb-seat", "kb-refund", "kb-bicycle", "kb-event-name", "kb-event-access").stream()
            .filter(a -> !suggested.contains(a))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> notSuggested =
        post(ben, "/api/customer/tickets/" + id + "/accept", "{\"articleId\":\"" + other + "\"}");
    assertEquals(400, notSuggested.statusCode(), notSuggested.body());
    assertEquals("articleId", json(notSuggested).get("field").asText());

    HttpResponse<String> accepted =
        post(ben, "/api/customer/tickets/" + id + "/accept", "{\"articleId\":\"kb-hotel-late\"}");
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals("SOLVED", json(accepted).get("status").asText());
    assertEquals(
        0, json(get(ben, "/api/customer/tickets/" + id)).get("suggestions").size(), "solved");
  }

  @Test
  void onlyTheCustomerRatesASolvedTicketOnceAndABadRatingReopensIt() throws Exception {
    Session chloe = Session.customer("c-chloe");
    Session bea = Session.agent("a-bea");
    String id = raise(chloe, "BK-3001", "Two tickets, one name");
    String rating = "/api/customer/tickets/" + id + "/rating";

    HttpResponse<String> early = post(chloe, rating, "{\"rating\":\"GOOD\"}");
    assertEquals(400, early.statusCode(), early.body());
    assertEquals("status", json(early).get("field").asText());

    post(bea, "/api/agent/tickets/" + id + "/replies", "{\"body\":\"Changed the name.\"}");
    post(bea, "/api/agent/tickets/" + id + "/status", "{\"status\":\"SOLVED\"}");
    assertTrue(json(get(chloe, "/api/customer/tickets/" + id)).get("canRate").asBoolean());

    assertEquals(
        404, post(Session.customer("c-ana"), rating, "{\"rating\":\"GOOD\"}").statusCode());
    HttpResponse<String> unknown = post(chloe, rating, "{\"rating\":\"SUPERB\"}");
    assertEquals(400, unknown.statusCode());
    assertEquals("rating", json(unknown).get("field").asText());

    HttpResponse<String> bad =
        post(chloe, rating, "{\"rating\":\"BAD\",\"comment\":\"Still the old name.\"}");
    assertEquals(200, bad.statusCode(), bad.body());
    assertEquals("OPEN", json(bad).get("status").asText(), "a bad rating reopens it");
    JsonNode view = json(get(chloe, "/api/customer/tickets/" + id));
    assertFalse(view.get("canRate").asBoolean());
    assertEquals("BAD", view.at("/rating/rating").asText());
    assertEquals("Still the old name.", view.at("/rating/comment").asText());
  }

  @Test
  void anAgentsMacroFillsInTheTicketAndMovesIt() throws Exception {
    String id = raise(Session.customer("c-ana"), "BK-1001", "Charged twice");
    HttpResponse<String> applied =
        post(
            Session.agent("a-bea"),
            "/api/agent/tickets/" + id + "/macros",
            "{\"name\":\"Ask for the payment reference\"}");
    assertEquals(200, applied.statusCode(), applied.body());
    String reply = json(applied).get("body").asText();
    assertTrue(reply.startsWith("Hello Ana Traveller,"), reply);
    assertTrue(reply.contains("for BK-1001?") && reply.endsWith("Bea Keller"), reply);
    assertEquals(
        Status.PENDING,
        demo.desk().ticket(Actor.agent("a-bea"), TicketId.parse(id)).ticket().status());
    assertEquals(
        404,
        post(Session.agent("a-bea"), "/api/agent/tickets/" + id + "/macros", "{\"name\":\"x\"}")
            .statusCode());
    assertEquals(401, get(Session.customer("c-ana"), "/api/agent/macros").statusCode());
  }

  @Test
  void pagesForbidInlineScriptsAndOnlyPlainFileNamesAreServed() throws Exception {
    HttpResponse<String> page = get(null, "/");
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals(404, get(null, "/..%2f..%2fpom.xml").statusCode());
    assertEquals(404, get(null, "/site/app.css").statusCode());
    assertEquals(200, get(null, "/app.css").statusCode());
  }

  @Test
  void aCustomersAnswerFromTheMailboxLandsOnHerTicketThroughImap() throws Exception {
    Session ben = Session.customer("c-ben");
    Session cal = Session.agent("a-cal");
    String id = raise(ben, "BK-2002", "Parking at the hotel");
    post(cal, "/api/agent/tickets/" + id + "/replies", "{\"body\":\"Which nights?\"}");

    int index = -1;
    Instant deadline = Instant.now().plusSeconds(20);
    while (index < 0 && Instant.now().isBefore(deadline)) {
      for (JsonNode mail : json(get(null, "/api/mailbox"))) {
        if (mail.get("subject").asText().contains("Parking at the hotel")
            && mail.get("subject").asText().startsWith("Re: ")
            && mail.get("answerable").asBoolean()) {
          index = mail.get("index").asInt();
        }
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    assertTrue(index >= 0, "the agent's reply was mailed to Ben");
    assertEquals(
        204,
        post(null, "/api/mailbox/" + index + "/answer", "{\"body\":\"Both nights, please.\"}")
            .statusCode());

    List<String> bodies = List.of();
    deadline = Instant.now().plusSeconds(20);
    while (!bodies.contains("Both nights, please.") && Instant.now().isBefore(deadline)) {
      bodies =
          demo.desk().ticket(Actor.agent("a-cal"), TicketId.parse(id)).conversation().stream()
              .map(Message::body)
              .toList();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    assertTrue(bodies.contains("Both nights, please."), bodies.toString());
    assertEquals(
        Status.OPEN,
        demo.desk().ticket(Actor.agent("a-cal"), TicketId.parse(id)).ticket().status());
  }

  /** One server-sent event. */
  private record Event(String type, String data) {}

  /** A client of an event stream, reading on a thread of its own. */
  private static final class Stream implements AutoCloseable {
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> lines = new ArrayList<>();
    private final InputStream body;
    private final Thread reader;

    private Stream(InputStream body) {
      this.body = body;
      this.reader = new Thread(this::read, "sse-test-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Stream open(Session s, String path) throws Exception {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(demo.url().resolve(path))
                  .header("Cookie", s.cookie())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
      return new Stream(r.body());
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String type = null;
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
          }
          if (line.startsWith("event: ")) {
            type = line.substring(7);
          } else if (line.startsWith("data: ") && type != null) {
            events.add(new Event(type, line.substring(6)));
            type = null;
          }
        }
      } catch (IOException e) {
        // closed
      }
    }

    Event next() throws InterruptedException {
      Event e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no event within 20 s; saw " + seen());
      }
      return e;
    }

    String seen() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
