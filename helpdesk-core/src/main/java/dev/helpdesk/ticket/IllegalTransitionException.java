package dev.helpdesk.ticket;

import dev.helpdesk.common.HelpDeskException;

/** A status change the rules forbid. Nothing was changed. */
public final class IllegalTransitionException extends HelpDeskException {

  private final TicketKey ticket;
  private final Status from;
  private final Status to;

  /**
   * @param ticket the ticket asked to move
   * @param from its status
   * @param to the status asked for
   * @param rule why not, worded to follow "because"
   */
  public IllegalTransitionException(TicketKey ticket, Status from, Status to, String rule) {
    super("ticket " + ticket + " cannot go from " + from + " to " + to + ": " + rule);
    this.ticket = ticket;
    this.from = from;
    this.to = to;
  }

  /** The ticket asked to move. */
  public TicketKey ticket() {
    return ticket;
  }

  /** Its status. */
  public Status from() {
    return from;
  }

  /** The status asked for. */
  public Status to() {
    return to;
  }
}
