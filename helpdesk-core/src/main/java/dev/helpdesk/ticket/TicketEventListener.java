package dev.helpdesk.ticket;

/**
 * Receives every {@link TicketEvent} after the change that produced it was stored, in the order the
 * events happened within that change. Called on the thread that made the change; a listener that
 * throws is logged and does not undo the change or stop other listeners.
 */
@FunctionalInterface
public interface TicketEventListener {

  /** Called once per event. */
  void on(TicketEvent event);
}
