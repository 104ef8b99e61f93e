package dev.helpdesk.internal.change;

import dev.helpdesk.common.Check;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's listeners, told of each committed change's events in order. */
public final class Listeners {

  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<TicketEventListener> listeners;

  /** Listeners starting with {@code initial}. */
  public Listeners(List<TicketEventListener> initial) {
    this.listeners = new CopyOnWriteArrayList<>(initial);
  }

  /** Adds a listener for every event from now on. */
  public void add(TicketEventListener listener) {
    listeners.add(Check.present("listener", listener));
  }

  /** Tells every listener of every event of a committed change; a failing listener is logged. */
  public void publish(TicketChange change) {
    for (TicketEvent event : change.events()) {
      for (TicketEventListener listener : listeners) {
        try {
          listener.on(event);
        } catch (RuntimeException e) {
          log.warn("Listener {} failed on {}; the change stands", listener, event, e);
        }
      }
    }
  }
}
