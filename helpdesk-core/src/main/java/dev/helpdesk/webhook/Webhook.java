package dev.helpdesk.webhook;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An endpoint of the host's that hears of ticket changes: every change that records one of its
 * {@code events} writes a delivery for it to the outbox, in the same transaction as the change, and
 * the dispatcher posts it, signed with {@code secret} (see {@link WebhookSignature}).
 *
 * <p>The secret is never shown: {@link #toString()} leaves it out, so a webhook may be logged.
 *
 * @param id names the endpoint in deliveries and dead letters: 1 to 64 lower-case letters, digits
 *     and hyphens, starting with a letter or digit; it must stay the same for as long as deliveries
 *     to it may wait in the outbox
 * @param url where deliveries are posted: absolute {@code https} (or {@code http}) with a host, no
 *     user info and no fragment
 * @param events the kinds of change it wants, at least one
 * @param secret the shared key of the HMAC-SHA256 signature, 16 to 256 characters
 */
public record Webhook(String id, URI url, Set<WebhookEvent> events, String secret) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** Validates the webhook; each rule names the field it refuses. */
  public Webhook {
    Check.present("webhook.id", id);
    if (!ID.matcher(id).matches()) {
      throw new ValidationException(
          "webhook.id",
          "must be 1 to 64 lower-case letters, digits and hyphens (was '" + id + "')");
    }
    Check.present("webhook.url", url);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new ValidationException(
          "webhook.url", "must be an https or http URL (was " + url + ")");
    }
    if (url.getHost() == null || url.isOpaque()) {
      throw new ValidationException("webhook.url", "must name a host (was " + url + ")");
    }
    if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
      // User info would be sent in the clear to every proxy and log on the way; a fragment is
      // never sent at all. Either means the URL is not what the host thinks it is.
      throw new ValidationException("webhook.url", "must have neither user info nor a fragment");
    }
    Check.present("webhook.events", events);
    if (events.isEmpty()) {
      throw new ValidationException("webhook.events", "must name at least one event");
    }
    for (WebhookEvent e : events) {
      Check.present("webhook.events", e);
    }
    events = Set.copyOf(EnumSet.copyOf(events));
    Check.present("webhook.secret", secret);
    if (secret.length() < 16 || secret.length() > 256) {
      // Not echoed: the message of a refused secret must not carry the secret.
      throw new ValidationException("webhook.secret", "must be 16 to 256 characters");
    }
  }

  /**
   * A webhook from a URL written out, e.g. {@code Webhook.of("crm",
   * "https://crm.example.com/hooks/helpdesk", secret, WebhookEvent.TICKET_CREATED)}.
   *
   * @throws ValidationException on field {@code webhook.url} if {@code url} is not a URL
   */
  public static Webhook of(String id, String url, String secret, WebhookEvent... events) {
    Check.present("webhook.url", url);
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new ValidationException("webhook.url", "is not a URL: " + e.getMessage());
    }
    return new Webhook(
        id, parsed, new HashSet<>(Arrays.asList(Check.present("webhook.events", events))), secret);
  }

  /** Whether a change that records {@code event} is delivered to this endpoint. */
  public boolean wants(WebhookEvent event) {
    return events.contains(event);
  }

  /** The id, URL and events; never the secret. */
  @Override
  public String toString() {
    return "Webhook[id=" + id + ", url=" + url + ", events=" + events + ", secret=(hidden)]";
  }
}
