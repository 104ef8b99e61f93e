package dev.helpdesk.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.UndeliverableException;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.webhook.Webhook;
import dev.helpdesk.webhook.WebhookEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  private static final String SECRET = "whsec-0123456789abcdef";

  @Test
  void aDeliveryForAWebhookNoLongerRegisteredIsDeadLetteredAtOnce() {
    // One store, two desks: the first registered "crm" and wrote a delivery; the second (say,
    // after a redeploy without it) cannot post it anywhere.
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    HelpDesk before =
        HelpDesk.builder()
            .tickets(tickets, outbox)
            .clock(clock)
            .webhook(
                Webhook.of("crm", "http://127.0.0.1:9/never", SECRET, WebhookEvent.TICKET_CREATED))
            .build();
    before.open(
        Actor.customer("c-1"),
        NewTicket.builder()
            .requester("c-1", "Ana Lima", "ana@example.com")
            .subject("Refund")
            .build());
    HelpDesk after = HelpDesk.builder().tickets(tickets, outbox).clock(clock).build();

    after.dispatchNotifications();

    List<OutboxEntry> dead = after.deadLetters(10);
    assertEquals(1, dead.size());
    assertEquals(NotificationKind.WEBHOOK, dead.get(0).notification().kind());
    assertEquals(1, dead.get(0).attempts());
    assertTrue(
        dead.get(0).lastError().orElseThrow().contains("no webhook 'crm' is registered"),
        dead.get(0).lastError().toString());
  }

  @Test
  void aNotificationOfAnotherKindIsNotPosted() {
    WebhookSender sender =
        new WebhookSender(
            List.of(), Duration.ofSeconds(1), SettableClock.at("2026-03-02T09:00:00Z"));
    Notification mail =
        dev.helpdesk.contract.ContractFixtures.notification(
            java.time.Instant.parse("2026-03-02T09:00:00Z"));
    assertThrows(UndeliverableException.class, () -> sender.deliver(mail));
  }
}
