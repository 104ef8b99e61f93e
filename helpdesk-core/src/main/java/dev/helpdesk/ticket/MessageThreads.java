package dev.helpdesk.ticket;

import java.util.Optional;

/**
 * Port: which ticket a mail's Message-ID belongs to. A mail channel remembers here the Message-ID
 * of every mail it turned into a ticket change, so that a later mail answering it finds its ticket,
 * and so that the same mail fetched twice (by a poller that crashed before marking it, or by
 * another instance) is recognised and not processed again. Kept in the desk's store, it is shared
 * by every instance of the application that uses that store.
 *
 * <p>The first ticket recorded for a Message-ID wins: a later {@link #remember} of the same id
 * changes nothing and says so, also when several threads or instances remember it at once.
 * Implementations must be thread-safe.
 */
public interface MessageThreads {

  /** The longest Message-ID kept, in characters: a header line's limit (RFC 5322). */
  int MAX_LENGTH = 998;

  /**
   * Records that the mail with this Message-ID (angle brackets included, compared exactly) landed
   * on the ticket, unless the Message-ID is recorded already.
   *
   * <p>Called inside a {@link dev.helpdesk.common.UnitOfWork} of the same store, the record joins
   * the unit, so it is kept exactly when the ticket change beside it is. A lost race inside a unit
   * may leave the unit able only to roll back: the caller, told {@code false}, should undo its work
   * by throwing.
   *
   * @return true if this call recorded it; false if the Message-ID was recorded before (the first
   *     ticket stays)
   * @throws dev.helpdesk.common.ValidationException if the Message-ID is blank, longer than {@link
   *     #MAX_LENGTH} or holds a line break, or the ticket is missing
   */
  boolean remember(String messageId, TicketId ticket);

  /** The ticket the mail with this Message-ID landed on, if recorded. */
  Optional<TicketId> ticketOf(String messageId);

  /**
   * Forgets every Message-ID recorded for the ticket: how the desk erases the mail headers it kept
   * for threading when it erases the ticket's personal data (a Message-ID often holds the sender's
   * address). A later mail that answers one of them is no longer threaded to the ticket. Called
   * inside a {@link dev.helpdesk.common.UnitOfWork} of the same store, it joins the unit.
   *
   * @return how many Message-IDs were forgotten
   */
  int forget(TicketId ticket);
}
