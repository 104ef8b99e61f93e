package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.util.Optional;

/**
 * What the intake did with one mail.
 *
 * @param outcome what happened
 * @param ticketId the ticket it landed on, if any
 * @param ticketKey that ticket's key, if any
 * @param acknowledged whether a new ticket's customer is sent the acknowledgement
 * @param reason why, in words for the log: the loop signal, the rejection, the match
 */
public record IntakeResult(
    Outcome outcome,
    Optional<TicketId> ticketId,
    Optional<TicketKey> ticketKey,
    boolean acknowledged,
    String reason) {

  /** Validates the result. */
  public IntakeResult {
    Check.present("outcome", outcome);
    Check.present("ticketId", ticketId);
    Check.present("ticketKey", ticketKey);
    Check.present("reason", reason);
  }

  /** What the intake did with a mail. */
  public enum Outcome {
    /** Appended to an existing ticket as the customer's reply. */
    REPLIED,
    /** Written to a CLOSED ticket: a linked follow-up ticket was opened with it. */
    FOLLOW_UP_OPENED,
    /** A new ticket was opened for the sender. */
    OPENED,
    /** A delivery failure report, recorded on its ticket as an internal note. */
    BOUNCE_RECORDED,
    /** An auto-reply (out of office) to one of our mails, recorded on its ticket as a note. */
    AUTO_REPLY_RECORDED,
    /**
     * A reply to one of our mails from someone the customer copied on the mail, but who is neither
     * the requester nor among the ticket's CCs: recorded on its ticket as an internal note, never
     * acknowledged.
     */
    COPIED_REPLY_RECORDED,
    /**
     * A reply from a person copied on the ticket ({@code Ticket.ccs()}): appended to it as their
     * public reply, never acknowledged.
     */
    CC_REPLIED,
    /** Not for a ticket: our own mail come back, or a bounce of nothing we know. Logged. */
    IGNORED,
    /** Already processed (same Message-ID); nothing was done again. */
    DUPLICATE,
    /** Refused: too large or unreadable. Logged with the reason. */
    REJECTED
  }
}
