package dev.helpdesk.mail.inbound;

import dev.helpdesk.ticket.TicketId;
import java.util.Optional;

/**
 * Port: which ticket a received mail's Message-ID landed on. The desk's own Message-IDs name their
 * ticket by themselves; this remembers the customers' ones, so that a mail answering an earlier
 * mail of the customer (not ours) still finds its ticket, and so that the same mail fetched twice
 * is recognised and not processed again. Implementations must be thread-safe.
 */
public interface MailThreads {

  /** Records that the mail with this Message-ID (angle brackets included) landed on the ticket. */
  void remember(String messageId, TicketId ticket);

  /** The ticket the mail with this Message-ID landed on, if known. */
  Optional<TicketId> ticketOf(String messageId);
}
