package dev.helpdesk.internal.webhook;

import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.UndeliverableException;
import dev.helpdesk.webhook.Webhook;
import dev.helpdesk.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts {@link NotificationKind#WEBHOOK} deliveries to their endpoints with the JDK's HTTP client:
 * the stored body, signed ({@link WebhookSignature}) with a timestamp taken when the attempt is
 * made. A 2xx answer is a delivery; any other answer (redirects are never followed), a timeout or a
 * connection failure throws, and the dispatcher retries it with backoff. A delivery for a webhook
 * that is no longer registered can never succeed and is dead-lettered at once.
 *
 * <p>Failure messages name the webhook by id only: its URL may carry a token, and its secret is
 * never written anywhere.
 */
public final class WebhookSender implements Notifier {

  private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  private final Duration timeout;
  private final Clock clock;
  private volatile HttpClient client;

  /**
   * @param webhooks the registered webhooks
   * @param timeout how long connecting, and then waiting for the answer, may each take
   * @param clock the desk's clock, for the signed timestamp
   */
  public WebhookSender(List<Webhook> webhooks, Duration timeout, Clock clock) {
    webhooks.forEach(w -> this.webhooks.put(w.id(), w));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void deliver(Notification n) {
    if (n.kind() != NotificationKind.WEBHOOK) {
      throw new UndeliverableException("not a webhook delivery: " + n.kind());
    }
    String id = n.values().get(Notification.WEBHOOK);
    Webhook webhook = webhooks.get(id);
    if (webhook == null) {
      throw new UndeliverableException("no webhook '" + id + "' is registered");
    }
    byte[] body = n.values().get(Notification.PAYLOAD).getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(webhook.url())
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "helpdesk-webhooks")
            .header(WebhookSignature.ID_HEADER, n.id().toString())
            .header(WebhookSignature.EVENT_HEADER, n.values().get(Notification.EVENT))
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(webhook.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("webhook '" + id + "' could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to webhook '" + id + "'", e);
    }
    if (status < 200 || status > 299) {
      throw new IllegalStateException("webhook '" + id + "' answered HTTP " + status);
    }
  }

  /** Made on first use, so that a desk without webhooks starts no HTTP client. */
  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .connectTimeout(timeout)
                  // A redirect could carry a signed delivery to a host nobody registered.
                  .followRedirects(HttpClient.Redirect.NEVER)
                  // HTTP/1.1 on purpose: plain-http receivers would otherwise see an h2c upgrade.
                  .version(HttpClient.Version.HTTP_1_1)
                  .build();
          client = c;
        }
      }
    }
    return c;
  }
}
