package dev.helpdesk.internal.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.store.ChangesSince;
import dev.helpdesk.store.RecordedChange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Merges, per ticket, the changes this instance stored with the ones other instances announced, so
 * that the feed hands each version of a ticket to its subscribers once and in version order.
 *
 * <p>Per ticket it keeps the last version delivered here. A change of this instance whose previous
 * version was delivered goes out at once, without reading the store (the common case). One that
 * follows a version not yet delivered here (stored by another instance, whose announcement has not
 * arrived yet) is held. An announcement of version {@code v} reads from the store the changes after
 * the last delivered one and delivers them, the held ones included, so a late, repeated or own
 * announcement costs at most one read and delivers nothing twice.
 *
 * <p>A ticket never delivered here starts at the first version announced (or stored here): what
 * happened before was before this instance listened. A change stored here that follows such an
 * unknown version is held until the announcements reach it: the relay delivers this instance's own
 * announcements too, in commit order, so the versions before it come first if they are to come.
 *
 * <p>One lock guards the state; inside it the feed only queues updates. Store reads happen outside
 * it, on the relay's thread.
 */
final class Sequencer {

  /** The version of a ticket nothing of which was delivered here yet. */
  private static final long UNKNOWN = -1;

  /** One ticket's position. */
  private static final class Track {
    long delivered = UNKNOWN;
    final TreeMap<Long, TicketChange> held = new TreeMap<>();
  }

  /** Hands one version's updates to the subscribers. */
  interface Dispatch {
    void dispatch(TicketId ticket, List<Updates.Entry> entries);
  }

  private final Object lock = new Object();
  private final Map<TicketId, Track> tracks;
  private final Tickets tickets;
  private final Dispatch dispatch;
  private final BooleanSupplier anyoneListening;
  private final BiConsumer<TicketId, Set<AgentId>> remoteAgents;

  /**
   * @param tickets the store the changes of other instances are read from
   * @param dispatch where the updates of each version go
   * @param anyoneListening whether any subscriber or the roster wants other instances' changes now;
   *     when not, announcements only move the position on, without reading the store
   * @param remoteAgents told, outside the lock, of the agents whose tickets changed in a version
   *     read from the store: their load may have moved
   * @param tracked how many tickets' positions are kept, least recently changed forgotten first
   */
  Sequencer(
      Tickets tickets,
      Dispatch dispatch,
      BooleanSupplier anyoneListening,
      BiConsumer<TicketId, Set<AgentId>> remoteAgents,
      int tracked) {
    this.tickets = tickets;
    this.dispatch = dispatch;
    this.anyoneListening = anyoneListening;
    this.remoteAgents = remoteAgents;
    this.tracks =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<TicketId, Track> eldest) {
            // A ticket with held changes is never forgotten: they would be lost.
            return size() > tracked && eldest.getValue().held.isEmpty();
          }
        };
  }

  /** A change this instance committed, in version order per ticket (from {@link ChangeOrder}). */
  void local(TicketChange change) {
    TicketId id = change.after().id();
    long version = change.after().version();
    synchronized (lock) {
      Track t = tracks.computeIfAbsent(id, k -> new Track());
      if (t.delivered >= version) {
        return; // read from the store after its announcement overtook the local release
      }
      if (t.delivered == version - 1 || (t.delivered == UNKNOWN && change.creates())) {
        deliver(t, change);
        drain(id, t);
      } else {
        t.held.put(version, change);
      }
    }
  }

  /**
   * Versions announced for one ticket, {@code from} to {@code to}: delivers what is missing here,
   * up to at least {@code to}. Runs on the relay's thread; may read the store.
   */
  void announced(TicketId id, long from, long to) {
    long lower;
    synchronized (lock) {
      Track t = tracks.computeIfAbsent(id, k -> new Track());
      if (t.delivered >= to) {
        return;
      }
      if (t.delivered != UNKNOWN) {
        lower = t.delivered;
      } else {
        // A change held here before this announcement is delivered too.
        lower = (t.held.isEmpty() ? from : Math.min(from, t.held.firstKey())) - 1;
      }
      if (covered(t, lower, to)) {
        t.delivered = lower;
        drain(id, t);
        return;
      }
      if (!anyoneListening.getAsBoolean()) {
        t.held.headMap(to, true).clear();
        t.delivered = to;
        drain(id, t);
        return;
      }
    }
    Optional<ChangesSince> read = tickets.changes(id, lower);
    if (read.isEmpty()) {
      return; // not stored (any more): nothing to tell
    }
    ChangesSince since = read.get();
    Ticket ticket = since.ticket();
    List<Optional<AgentId>> before = assigneesBefore(since);
    Set<AgentId> touched = new LinkedHashSet<>();
    synchronized (lock) {
      Track t = tracks.computeIfAbsent(id, k -> new Track());
      long current = t.delivered == UNKNOWN ? lower : Math.max(t.delivered, lower);
      List<RecordedChange> changes = since.changes();
      for (int i = 0; i < changes.size(); i++) {
        RecordedChange c = changes.get(i);
        if (c.version() <= current) {
          continue;
        }
        Optional<AgentId> assignee = before.get(i);
        dispatch.dispatch(
            id, Updates.of(id, ticket.requester().id(), assignee, c.messages(), c.events()));
        touched.addAll(agentsOf(c, assignee));
      }
      t.delivered = Math.max(current, ticket.version());
      t.held.headMap(t.delivered, true).clear();
      drain(id, t);
    }
    if (!touched.isEmpty()) {
      remoteAgents.accept(id, touched);
    }
  }

  /**
   * A subscriber read the ticket at {@code version}: if nothing of it was delivered here yet, its
   * changes are followed from there, so that an announcement of a later version reads every change
   * after the read, not only the announced one.
   */
  void readAt(TicketId id, long version) {
    synchronized (lock) {
      Track t = tracks.computeIfAbsent(id, k -> new Track());
      if (t.delivered == UNKNOWN && (t.held.isEmpty() || t.held.firstKey() > version)) {
        t.delivered = version;
        drain(id, t);
      }
    }
  }

  /** How many tickets' positions are kept (for tests: bounded). */
  int tracked() {
    synchronized (lock) {
      return tracks.size();
    }
  }

  private static boolean covered(Track t, long lower, long to) {
    for (long v = lower + 1; v <= to; v++) {
      if (!t.held.containsKey(v)) {
        return false;
      }
    }
    return true;
  }

  private void deliver(Track t, TicketChange change) {
    dispatch.dispatch(change.after().id(), Updates.of(change));
    t.delivered = change.after().version();
  }

  /** Delivers the held changes that now follow on. Holds the lock. */
  private void drain(TicketId id, Track t) {
    t.held.headMap(t.delivered, true).clear();
    while (!t.held.isEmpty() && t.held.firstKey() == t.delivered + 1) {
      deliver(t, t.held.pollFirstEntry().getValue());
    }
  }

  /**
   * Who each read change found the ticket assigned to: walked back from the ticket as read, since
   * an assignee changes only by {@link TicketEvent.Assigned} events, whose {@code from} tells.
   */
  private static List<Optional<AgentId>> assigneesBefore(ChangesSince since) {
    List<RecordedChange> changes = since.changes();
    List<Optional<AgentId>> before = new ArrayList<>(changes.size());
    Optional<AgentId> after = since.ticket().assignee();
    for (int i = changes.size() - 1; i >= 0; i--) {
      Optional<AgentId> b = after;
      for (TicketEvent e : changes.get(i).events()) {
        if (e instanceof TicketEvent.Assigned a) {
          b = a.from();
          break;
        }
      }
      before.add(b);
      after = b;
    }
    Collections.reverse(before);
    return before;
  }

  /** The agents whose load a change may have moved: assigned to or from, or whose ticket moved. */
  private static Set<AgentId> agentsOf(RecordedChange c, Optional<AgentId> before) {
    Set<AgentId> agents = new LinkedHashSet<>();
    for (TicketEvent e : c.events()) {
      if (e instanceof TicketEvent.Assigned a) {
        a.from().ifPresent(agents::add);
        a.to().ifPresent(agents::add);
      } else if (e instanceof TicketEvent.StatusChanged) {
        before.ifPresent(agents::add);
      }
    }
    return agents;
  }
}
