package dev.helpdesk.contract;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.Map;

/**
 * Small factories the contract suites share; public so that adapter modules can build the same
 * values in their own tests. Instants used by the suites are whole seconds, so that stores that
 * keep timestamps at micro- or millisecond precision compare equal.
 */
public final class ContractFixtures {

  /** The instant the suites start from: a Monday morning. */
  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private ContractFixtures() {}

  /** A customer-facing notification about a made-up ticket, created at {@code createdAt}. */
  public static Notification notification(Instant createdAt) {
    return notification(TicketId.random(), new TicketKey("HD-1"), createdAt);
  }

  /** A notification about the ticket {@code ticketId}/{@code ticketKey}. */
  public static Notification notification(
      TicketId ticketId, TicketKey ticketKey, Instant createdAt) {
    return new Notification(
        NotificationId.random(),
        NotificationKind.AGENT_REPLIED,
        new Recipient("Ana Lima", EmailAddress.of("ana@example.com")),
        ticketId,
        ticketKey,
        "Refund for booking B-17",
        Map.of(Notification.BODY, "We have refunded your booking."),
        createdAt);
  }
}
