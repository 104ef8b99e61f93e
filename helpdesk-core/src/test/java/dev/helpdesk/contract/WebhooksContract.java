package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.webhook.Webhook;
import dev.helpdesk.webhook.WebhookEvent;
import dev.helpdesk.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through a whole desk on a store, against the JDK's HTTP server on loopback:
 * deliveries are written with the change, arrive signed with their body, survive an outage (the
 * server stopped, then started again on the same port, or answering 503) through retries with
 * backoff on a {@link SettableClock}, are dead-lettered after the maximum attempts and redelivered
 * through {@link HelpDesk#redeliver}, always under the same idempotency key. Subclass it with a
 * fresh store per test.
 */
public abstract class WebhooksContract {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final String SECRET = "whsec-0123456789abcdef";
  private static final Actor STAFF = Actor.system("webhook-check");
  private static final RetryPolicy RETRY =
      new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0);

  /**
   * Sets an empty store (tickets and outbox at least) on the builder and returns the outbox that
   * store writes to, for the test to look into.
   */
  protected abstract Outbox withFreshStore(HelpDeskBuilder builder);

  /** One request the receiver got. */
  record Received(String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(204);
  private final List<Notification> mailed = new CopyOnWriteArrayList<>();
  private final SettableClock clock = SettableClock.at(START);
  private HttpServer server;
  private int port;
  private HelpDesk desk;
  private Outbox outbox;

  @BeforeEach
  void startReceiver() throws IOException {
    server = receiver(0);
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stopReceiver() {
    if (server != null) {
      server.stop(0);
    }
    if (desk != null) {
      desk.close();
    }
  }

  private HttpServer receiver(int port) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    s.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> headers = new java.util.HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  headers,
                  new String(body, StandardCharsets.UTF_8)));
          int status = exchange.getRequestURI().getPath().equals("/moved") ? 302 : answer.get();
          if (status == 302) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    s.start();
    return s;
  }

  private HelpDesk desk(Webhook... webhooks) {
    HelpDeskBuilder b = HelpDesk.builder();
    outbox = withFreshStore(b);
    b.clock(clock).retryPolicy(RETRY).notifier(mailed::add);
    for (Webhook w : webhooks) {
      b.webhook(w);
    }
    desk = b.build();
    return desk;
  }

  private Webhook crm(WebhookEvent... events) {
    return Webhook.of("crm", "http://127.0.0.1:" + port + "/hooks/helpdesk", SECRET, events);
  }

  private Ticket open() {
    return desk.open(
        Actor.customer("c-1"),
        NewTicket.builder()
            .requester("c-1", "Ana Lima", "ana@example.com")
            .subject("Refund for \"booking\" B-17")
            .description("My train was cancelled.\nI need a refund.")
            .build());
  }

  private static String hmac(String secret, String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aChangeIsPostedSignedWithItsBodyToTheWebhooksThatWantItAndNeverMailed() throws Exception {
    desk(
        crm(WebhookEvent.TICKET_CREATED, WebhookEvent.PRIORITY_CHANGED),
        Webhook.of(
            "audit",
            "http://127.0.0.1:" + port + "/audit",
            SECRET + "-audit",
            WebhookEvent.STATUS_CHANGED));
    Ticket t = open();

    desk.dispatchNotifications();

    assertEquals(1, received.size(), received::toString);
    Received r = received.get(0);
    assertEquals("/hooks/helpdesk", r.path());
    assertTrue(r.header("Content-Type").startsWith("application/json"));
    assertEquals("ticket.created", r.header(WebhookSignature.EVENT_HEADER));
    String timestamp = r.header(WebhookSignature.TIMESTAMP_HEADER);
    assertEquals(Long.toString(START.getEpochSecond()), timestamp);
    assertEquals(
        "v1=" + hmac(SECRET, timestamp + "." + r.body()),
        r.header(WebhookSignature.SIGNATURE_HEADER));
    String id = r.header(WebhookSignature.ID_HEADER);
    assertTrue(r.body().startsWith("{\"id\":\"" + id + "\",\"type\":\"ticket.created\""), r.body());
    assertTrue(r.body().contains("\"key\":\"" + t.key().value() + "\""), r.body());
    assertTrue(r.body().contains("\"subject\":\"Refund for \\\"booking\\\" B-17\""), r.body());
    assertTrue(
        r.body().contains("\"description\":\"My train was cancelled.\\nI need a refund.\""),
        r.body());
    assertTrue(r.body().contains("\"actor\":{\"type\":\"customer\",\"id\":\"c-1\"}"), r.body());
    assertTrue(
        WebhookSignature.verify(
            SECRET,
            timestamp,
            r.body().getBytes(StandardCharsets.UTF_8),
            r.header(WebhookSignature.SIGNATURE_HEADER),
            START,
            Duration.ofMinutes(5)));
    OutboxEntry entry = outbox.byId(idOf(r)).orElseThrow();
    assertEquals(OutboxEntry.State.DELIVERED, entry.state());
    assertEquals(NotificationKind.WEBHOOK, entry.notification().kind());
    // The host's notifier got the acknowledgement and nothing of the webhooks.
    assertEquals(List.of(NotificationKind.TICKET_RECEIVED), kinds(mailed));

    desk.changePriority(STAFF, t.id(), Priority.HIGH);
    desk.dispatchNotifications();

    assertEquals(2, received.size());
    assertEquals("ticket.priority_changed", received.get(1).header(WebhookSignature.EVENT_HEADER));
    assertTrue(
        received.get(1).body().contains("\"data\":{\"from\":\"NORMAL\",\"to\":\"HIGH\"}"),
        received.get(1).body());
    assertTrue(received.stream().noneMatch(x -> x.path().equals("/audit")));
  }

  @Test
  void anOutageIsRetriedWithBackoffAndDeliveredOnceTheServerIsBackOnTheSamePort() throws Exception {
    desk(crm(WebhookEvent.TICKET_CREATED));
    open();
    answer.set(503);

    assertEquals(1, desk.dispatchNotifications(), "the acknowledgement mail only");
    NotificationId id = idOf(received.get(0));
    OutboxEntry first = outbox.byId(id).orElseThrow();
    assertEquals(OutboxEntry.State.PENDING, first.state());
    assertEquals(1, first.attempts());
    assertEquals(START.plusSeconds(10), first.nextAttemptAt());
    assertEquals(
        Optional.of("IllegalStateException: webhook 'crm' answered HTTP 503"), first.lastError());

    server.stop(0);
    clock.advance(Duration.ofSeconds(9));
    desk.dispatchNotifications();
    assertEquals(1, outbox.byId(id).orElseThrow().attempts(), "not tried before its backoff");
    clock.advance(Duration.ofSeconds(1));
    desk.dispatchNotifications();
    OutboxEntry second = outbox.byId(id).orElseThrow();
    assertEquals(2, second.attempts());
    // The backoff doubles: 10 s after the first failure, 20 s after the second.
    assertEquals(START.plusSeconds(30), second.nextAttemptAt());
    String error = second.lastError().orElseThrow();
    assertTrue(error.contains("webhook 'crm' could not be reached"), error);

    server = receiver(port);
    answer.set(204);
    clock.advance(Duration.ofSeconds(20));
    assertEquals(1, desk.dispatchNotifications());

    assertEquals(2, received.size());
    Received failed = received.get(0);
    Received retried = received.get(1);
    assertEquals(id, idOf(retried));
    assertEquals(failed.body(), retried.body());
    String timestamp = retried.header(WebhookSignature.TIMESTAMP_HEADER);
    assertEquals(Long.toString(START.plusSeconds(30).getEpochSecond()), timestamp);
    assertEquals(
        "v1=" + hmac(SECRET, timestamp + "." + retried.body()),
        retried.header(WebhookSignature.SIGNATURE_HEADER));
    assertEquals(OutboxEntry.State.DELIVERED, outbox.byId(id).orElseThrow().state());
  }

  @Test
  void afterTheMaximumAttemptsADeliveryIsDeadLetteredAndRedeliveredThroughTheApi()
      throws Exception {
    desk(crm(WebhookEvent.TICKET_CREATED));
    open();
    answer.set(500);

    desk.dispatchNotifications();
    clock.advance(Duration.ofSeconds(10));
    desk.dispatchNotifications();
    clock.advance(Duration.ofSeconds(20));
    desk.dispatchNotifications();

    List<OutboxEntry> dead =
        desk.deadLetters(10).stream()
            .filter(e -> e.notification().kind() == NotificationKind.WEBHOOK)
            .toList();
    assertEquals(1, dead.size());
    OutboxEntry letter = dead.get(0);
    assertEquals(3, letter.attempts());
    assertEquals("crm", letter.notification().values().get(Notification.WEBHOOK));
    String error = letter.lastError().orElseThrow();
    assertTrue(error.contains("answered HTTP 500"), error);
    assertFalse(error.contains(SECRET), "the secret is never written anywhere");
    assertEquals(3, received.size());
    clock.advance(Duration.ofHours(1));
    desk.dispatchNotifications();
    assertEquals(3, received.size(), "a dead letter is not tried again by itself");

    answer.set(200);
    NotificationId id = letter.notification().id();
    OutboxEntry again = desk.redeliver(id);
    assertEquals(OutboxEntry.State.PENDING, again.state());
    assertEquals(0, again.attempts());
    assertEquals(1, desk.dispatchNotifications());

    assertEquals(4, received.size());
    assertTrue(
        received.stream()
            .allMatch(r -> r.header(WebhookSignature.ID_HEADER).equals(id.toString())));
    assertEquals(OutboxEntry.State.DELIVERED, outbox.byId(id).orElseThrow().state());
    assertThrows(NotFoundException.class, () -> desk.redeliver(id));
    assertThrows(NotFoundException.class, () -> desk.redeliver(NotificationId.random()));
  }

  @Test
  void aRefusedChangeWritesNoDelivery() throws Exception {
    desk(crm(WebhookEvent.TICKET_CREATED, WebhookEvent.STATUS_CHANGED));
    Ticket t = open();
    desk.dispatchNotifications();
    assertEquals(1, received.size());

    // Solving needs an assignee: the change is refused as a whole, its delivery with it.
    assertThrows(
        IllegalTransitionException.class,
        () -> desk.changeStatus(STAFF, t.id(), dev.helpdesk.ticket.Status.SOLVED));
    clock.advance(Duration.ofMinutes(1));
    desk.dispatchNotifications();

    assertEquals(1, received.size(), received::toString);
  }

  @Test
  void aRedirectIsNotFollowedButCountsAsAFailure() throws Exception {
    desk(
        Webhook.of(
            "moved", "http://127.0.0.1:" + port + "/moved", SECRET, WebhookEvent.TICKET_CREATED));
    open();

    desk.dispatchNotifications();

    assertEquals(List.of("/moved"), received.stream().map(Received::path).toList());
    OutboxEntry entry = outbox.byId(idOf(received.get(0))).orElseThrow();
    assertEquals(OutboxEntry.State.PENDING, entry.state());
    assertTrue(entry.lastError().orElseThrow().contains("answered HTTP 302"));
  }

  private static NotificationId idOf(Received r) {
    return new NotificationId(UUID.fromString(r.header(WebhookSignature.ID_HEADER)));
  }

  private static List<NotificationKind> kinds(List<Notification> ns) {
    return ns.stream().map(Notification::kind).toList();
  }
}
