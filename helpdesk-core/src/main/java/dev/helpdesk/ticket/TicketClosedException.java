package dev.helpdesk.ticket;

import dev.helpdesk.common.HelpDeskException;

/**
 * A change was asked of a CLOSED ticket. Closed tickets never change; a customer who writes again
 * gets a follow-up ticket instead. Nothing was changed.
 */
public final class TicketClosedException extends HelpDeskException {

  private final TicketKey ticket;

  /**
   * @param ticket the closed ticket
   * @param what what was asked, e.g. {@code assign}
   */
  public TicketClosedException(TicketKey ticket, String what) {
    super("ticket " + ticket + " is CLOSED and cannot change (" + what + ")");
    this.ticket = ticket;
  }

  /** The closed ticket. */
  public TicketKey ticket() {
    return ticket;
  }
}
