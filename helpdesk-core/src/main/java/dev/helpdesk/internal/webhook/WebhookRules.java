package dev.helpdesk.internal.webhook;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.webhook.Webhook;
import dev.helpdesk.webhook.WebhookEvent;
import java.util.List;
import java.util.Map;

/**
 * Adds to an edit one {@link NotificationKind#WEBHOOK} delivery per event it recorded and webhook
 * that wants the event, so that the deliveries are stored with the change (in the same unit of
 * work) and wait in the outbox like any notification. The body is made here, once: every retry of a
 * delivery posts the same bytes under the same id.
 */
public final class WebhookRules {

  /** Reserved (RFC 2606) never to resolve: a delivery's recipient can never reach a mailbox. */
  static final String ADDRESS_DOMAIN = "webhook.invalid";

  private final List<Webhook> webhooks;

  /** Rules for these webhooks; none makes no deliveries. */
  public WebhookRules(List<Webhook> webhooks) {
    this.webhooks = List.copyOf(webhooks);
  }

  /** Adds the deliveries the edit's events call for. */
  public void addTo(TicketEdit edit) {
    if (webhooks.isEmpty()) {
      return;
    }
    Ticket ticket = edit.current();
    for (TicketEvent event : edit.events()) {
      WebhookEvent kind = WebhookEvent.of(event);
      for (Webhook webhook : webhooks) {
        if (!webhook.wants(kind)) {
          continue;
        }
        NotificationId id = NotificationId.random();
        String payload = WebhookPayloads.of(id, webhook.id(), event, ticket, edit.messages());
        edit.notify(
            new Notification(
                id,
                NotificationKind.WEBHOOK,
                recipient(webhook.id()),
                ticket.id(),
                ticket.key(),
                ticket.subject(),
                Map.of(
                    Notification.WEBHOOK, webhook.id(),
                    Notification.EVENT, kind.type(),
                    Notification.PAYLOAD, payload),
                edit.at()));
      }
    }
  }

  static Recipient recipient(String webhookId) {
    return new Recipient(webhookId, EmailAddress.of(webhookId + "@" + ADDRESS_DOMAIN));
  }
}
