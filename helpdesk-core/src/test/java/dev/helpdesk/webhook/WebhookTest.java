package dev.helpdesk.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.TicketEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WebhookTest {

  private static final String SECRET = "whsec-0123456789abcdef";

  @Test
  void httpsAndHttpUrlsWithAHostAreAccepted() {
    Webhook w =
        Webhook.of("crm-1", "https://crm.example.com/hooks?x=1", SECRET, WebhookEvent.RATED);
    assertEquals(URI.create("https://crm.example.com/hooks?x=1"), w.url());
    assertEquals(Set.of(WebhookEvent.RATED), w.events());
    assertTrue(w.wants(WebhookEvent.RATED));
    assertFalse(w.wants(WebhookEvent.TICKET_CREATED));
    Webhook.of("local", "http://127.0.0.1:8080/in", SECRET, WebhookEvent.RATED);
  }

  @Test
  void aUrlThatIsNotHttpOrHttpsOrLacksAHostIsRefusedNamingTheField() {
    for (String url :
        new String[] {
          "ftp://example.com/in",
          "file:///etc/passwd",
          "javascript:alert(1)",
          "mailto:ops@example.com",
          "/relative/path",
          "https:///no-host",
          "https://user:pw@example.com/in",
          "https://example.com/in#part",
          "http://exa mple.com/"
        }) {
      assertRefused(
          "webhook.url", () -> Webhook.of("crm", url, SECRET, WebhookEvent.TICKET_CREATED));
    }
  }

  @Test
  void badIdsEventsAndSecretsAreRefusedNamingTheField() {
    URI url = URI.create("https://crm.example.com/in");
    Set<WebhookEvent> events = Set.of(WebhookEvent.TICKET_CREATED);
    assertRefused("webhook.id", () -> new Webhook("CRM", url, events, SECRET));
    assertRefused("webhook.id", () -> new Webhook("-crm", url, events, SECRET));
    assertRefused("webhook.id", () -> new Webhook("a".repeat(65), url, events, SECRET));
    assertRefused("webhook.id", () -> new Webhook(null, url, events, SECRET));
    assertRefused("webhook.url", () -> new Webhook("crm", null, events, SECRET));
    assertRefused("webhook.events", () -> new Webhook("crm", url, Set.of(), SECRET));
    assertRefused("webhook.events", () -> Webhook.of("crm", url.toString(), SECRET));
    assertRefused("webhook.secret", () -> new Webhook("crm", url, events, "too-short"));
    assertRefused("webhook.secret", () -> new Webhook("crm", url, events, null));
  }

  @Test
  void theSecretIsNeitherShownNorEchoedWhenRefused() {
    Webhook w = Webhook.of("crm", "https://crm.example.com/in", SECRET, WebhookEvent.RATED);
    assertFalse(w.toString().contains(SECRET), w.toString());
    assertTrue(w.toString().contains("crm.example.com"));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                Webhook.of(
                    "crm", "https://crm.example.com/in", "short-secret", WebhookEvent.RATED));
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
  }

  @Test
  void theBuilderRefusesASecondWebhookOfTheSameIdAndANonPositiveTimeout() {
    Webhook w = Webhook.of("crm", "https://crm.example.com/in", SECRET, WebhookEvent.RATED);
    var builder = HelpDesk.builder().webhook(w);
    assertRefused("webhook.id", () -> builder.webhook(w));
    assertRefused("webhookTimeout", () -> builder.webhookTimeout(Duration.ZERO));
  }

  @Test
  void everyTicketEventTypeHasItsOwnWebhookEventAndWireName() {
    assertEquals(TicketEvent.class.getPermittedSubclasses().length, WebhookEvent.values().length);
    Set<String> types =
        Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type).collect(Collectors.toSet());
    assertEquals(WebhookEvent.values().length, types.size());
    for (WebhookEvent e : WebhookEvent.values()) {
      assertTrue(e.type().matches("ticket\\.[a-z_]+"), e.type());
      assertEquals(e, WebhookEvent.ofType(e.type()).orElseThrow());
    }
  }

  private static void assertRefused(String field, Executable call) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(field, e.field(), e.getMessage());
  }
}
