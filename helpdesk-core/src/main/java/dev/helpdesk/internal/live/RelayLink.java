package dev.helpdesk.internal.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.RelayedChange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A desk's end of a {@link ChangeRelay}: announces the changes this instance stores, and works
 * through the announcements of every instance on the relay's thread: ticket changes go to the
 * feed's {@link Sequencer} (which reads what it has not delivered from the store), agents saved
 * elsewhere to the roster. The announcements of one batch are worked through together, one store
 * read per ticket. It has no thread of its own: one hand-over less between a commit on another
 * instance and the subscribers here.
 */
public final class RelayLink implements ChangeRelay.Receiver, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayLink.class);

  /** What the assignment roster hears from other instances. */
  public interface RosterSignals {

    /** Whether the roster wants other instances' ticket changes read (automatic assignment). */
    boolean wantsTicketChanges();

    /** Tickets of these agents changed on another instance: their loads may have moved. */
    void loadsMoved(Set<AgentId> agents);

    /** These agents were saved on another instance (availability, capacity, groups). */
    void agentsSaved(Set<AgentId> agents);
  }

  private final ChangeRelay relay;
  private final Sequencer sequencer;
  private final RosterSignals roster;
  private volatile boolean closed;

  RelayLink(ChangeRelay relay, Sequencer sequencer, RosterSignals roster) {
    this.relay = relay;
    this.sequencer = sequencer;
    this.roster = roster;
  }

  /** Starts the relay. */
  void start() {
    relay.start(this);
  }

  /** Announces committed-with-the-unit ticket changes; called inside their unit of work. */
  public void announce(List<TicketChange> changes) {
    List<RelayedChange> announced = new ArrayList<>(changes.size());
    for (TicketChange c : changes) {
      announced.add(new RelayedChange.TicketChanged(c.after().id(), c.after().version()));
    }
    relay.announce(announced);
  }

  /** Announces that an agent was saved here. A failure is logged: the agent is saved. */
  public void agentSaved(AgentId agent) {
    try {
      relay.announce(List.of(new RelayedChange.AgentChanged(agent)));
    } catch (RuntimeException e) {
      log.warn("Could not announce agent {} to other instances", agent, e);
    }
  }

  /**
   * Works through announcements on the relay's thread: reads the store and queues updates for the
   * subscribers. A failure propagates to the relay, which reads again what it may have missed.
   */
  @Override
  public void received(List<RelayedChange> changes) {
    if (!closed && !changes.isEmpty()) {
      process(changes);
    }
  }

  /** The versions announced per ticket, in order of first announcement; agents saved. */
  private void process(List<RelayedChange> batch) {
    Map<TicketId, long[]> tickets = new LinkedHashMap<>();
    Set<AgentId> agents = new LinkedHashSet<>();
    for (RelayedChange c : batch) {
      if (c instanceof RelayedChange.TicketChanged t) {
        long[] range = tickets.computeIfAbsent(t.ticketId(), k -> new long[] {t.version(), 0});
        range[0] = Math.min(range[0], t.version());
        range[1] = Math.max(range[1], t.version());
      } else if (c instanceof RelayedChange.AgentChanged a) {
        agents.add(a.agentId());
      }
    }
    for (Map.Entry<TicketId, long[]> t : tickets.entrySet()) {
      sequencer.announced(t.getKey(), t.getValue()[0], t.getValue()[1]);
    }
    if (!agents.isEmpty()) {
      roster.agentsSaved(agents);
    }
  }

  /** Whether the roster wants other instances' ticket changes. */
  boolean rosterWantsChanges() {
    return roster.wantsTicketChanges();
  }

  /** Stops the relay. */
  @Override
  public void close() {
    closed = true;
    relay.close();
  }
}
