package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.ticket.TicketId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link Outbox} keeps of the entries about one ticket whose personal data is erased: how
 * {@link Outbox#erase} and the ticket store's erase rewrite them ({@link #apply}). An entry not yet
 * delivered that is addressed to the customer is dropped: nobody mails a person whose data is gone.
 * Every other entry keeps its id, kind, ticket, state, attempts and times, so that delivery figures
 * stay countable; its subject becomes {@code subject}, an address of the customer becomes {@code
 * recipient}, each value that may quote people (a body, an author, a webhook payload, an answer's
 * title) becomes {@link #PLACEHOLDER}, and the last error, which may quote addresses, is cleared,
 * and so is the coalescing key of an entry that was addressed to the customer.
 *
 * @param ticket the ticket whose entries are rewritten
 * @param addresses the customer's addresses: entries to them are dropped or readdressed
 * @param subject the subject the entries keep
 * @param recipient who entries that were addressed to the customer are addressed to now
 */
public record OutboxErasure(
    TicketId ticket, Set<EmailAddress> addresses, String subject, Recipient recipient) {

  /** What replaces a value that may quote people. */
  public static final String PLACEHOLDER = "[erased]";

  /** What replaces a webhook delivery's payload: still a JSON document. */
  public static final String ERASED_PAYLOAD = "{\"erased\":true}";

  /** The values that tell only of the desk's own states and times, kept as they are. */
  private static final Set<String> KEPT =
      Set.of(
          Notification.STATUS,
          Notification.PREVIOUS_STATUS,
          Notification.FIRST_REPLY_DUE,
          Notification.SLA_TARGET,
          Notification.SLA_DUE,
          Notification.REMINDER,
          Notification.AUTO_SOLVE_AT,
          Notification.LOCALE,
          Notification.PRIORITY,
          Notification.PREVIOUS_PRIORITY,
          Notification.GROUP,
          Notification.PREVIOUS_GROUP,
          Notification.MERGED_INTO,
          Notification.COALESCED,
          Notification.WEBHOOK,
          Notification.EVENT);

  /** Validates and freezes. */
  public OutboxErasure {
    Check.present("ticketId", ticket);
    addresses = Set.copyOf(Check.present("addresses", addresses));
    Check.present("subject", subject);
    Check.present("recipient", recipient);
  }

  /**
   * The entry as the outbox keeps it after the erase, or empty when it is to be removed. An entry
   * of another ticket is returned unchanged.
   */
  public Optional<OutboxEntry> apply(OutboxEntry entry) {
    Notification n = Check.present("entry", entry).notification();
    if (!n.ticketId().equals(ticket)) {
      return Optional.of(entry);
    }
    boolean toCustomer = addresses.contains(n.recipient().email());
    boolean undelivered =
        entry.state() == OutboxEntry.State.PENDING || entry.state() == OutboxEntry.State.CLAIMED;
    if (toCustomer && undelivered) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    n.values()
        .forEach(
            (key, value) ->
                values.put(
                    key,
                    KEPT.contains(key)
                        ? value
                        : key.equals(Notification.PAYLOAD) ? ERASED_PAYLOAD : PLACEHOLDER));
    Notification erased =
        new Notification(
            n.id(),
            n.kind(),
            toCustomer ? recipient : n.recipient(),
            n.ticketId(),
            n.ticketKey(),
            subject,
            values,
            n.createdAt(),
            n.notBefore(),
            // The key names the recipient's address; an entry kept for the figures merges no more.
            toCustomer ? Optional.empty() : n.coalescingKey());
    return Optional.of(
        new OutboxEntry(
            erased, entry.state(), entry.attempts(), entry.nextAttemptAt(), Optional.empty()));
  }
}
