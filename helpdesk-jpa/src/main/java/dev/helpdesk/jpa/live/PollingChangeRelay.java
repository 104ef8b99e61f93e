package dev.helpdesk.jpa.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.RelayedChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change relay for any database the adapters support (MariaDB and H2 in particular): every {@link
 * RelaySettings#pollInterval()} one thread, {@code helpdesk-relay-poll}, reads the ticket versions
 * whose events were written in the last {@link RelaySettings#window()} ({@code
 * hd_ticket_event.stored_at}, indexed) and the agents saved meanwhile ({@code hd_live_signal}), and
 * hands them to the desk, which drops what it has delivered already. Ticket changes need no
 * announcement of their own: their events are the announcement, committed with them. An agent saved
 * is recorded as a row.
 *
 * <p>Each read overlaps the one before by the window, so a change whose transaction committed a
 * while after it wrote its rows is still seen; a failed read is simply repeated by the next one.
 * Latency is about half the interval on average; the PostgreSQL relay is faster where available.
 */
public final class PollingChangeRelay implements ChangeRelay {

  private static final Logger log = LoggerFactory.getLogger(PollingChangeRelay.class);

  /** How often old agent signals are deleted, in polls. */
  private static final int PRUNE_EVERY = 240;

  private final DataSource dataSource;
  private final RelaySettings settings;
  private final Map<Long, Timestamp> seenSignals = new HashMap<>();
  private final RelayThread thread = new RelayThread("helpdesk-relay-poll");

  /**
   * @param dataSource where the relay's connections come from: one for polling, held while it runs,
   *     and one for each agent signal
   * @param settings the interval and window
   */
  public PollingChangeRelay(DataSource dataSource, RelaySettings settings) {
    this.dataSource = Check.present("dataSource", dataSource);
    this.settings = Check.present("settings", settings);
  }

  /** Starts polling, and waits up to ten seconds for the first read, which marks the start. */
  @Override
  public void start(Receiver receiver) {
    Check.present("receiver", receiver);
    thread.start(() -> poll(receiver));
  }

  /** Ticket changes are found through their events; agent signals are written as rows. */
  @Override
  public void announce(List<RelayedChange> changes) {
    List<AgentId> agents = new ArrayList<>();
    for (RelayedChange c : changes) {
      if (c instanceof RelayedChange.AgentChanged a) {
        agents.add(a.agentId());
      }
    }
    if (agents.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (AgentId a : agents) {
        ChangeLog.signal(c, a);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the agents saved for other instances", e);
    }
  }

  private void poll(Receiver receiver) {
    Timestamp from = null;
    int polls = 0;
    Connection c = null;
    while (!thread.closed()) {
      try {
        if (c == null) {
          c = dataSource.getConnection();
          c.setAutoCommit(true);
        }
        Timestamp now = ChangeLog.now(c);
        // The first read starts at the window's edge: what came before is this instance's past.
        Timestamp since = ChangeLog.minus(from == null ? now : from, settings.window());
        List<RelayedChange> found = new ArrayList<>(ChangeLog.ticketsSince(c, since));
        for (Map.Entry<Long, AgentId> s : ChangeLog.signalsSince(c, since).entrySet()) {
          if (seenSignals.putIfAbsent(s.getKey(), now) == null && from != null) {
            found.add(new RelayedChange.AgentChanged(s.getValue()));
          }
        }
        Timestamp forget = ChangeLog.minus(since, settings.pollInterval());
        seenSignals.values().removeIf(at -> at.before(forget));
        if (from != null && !found.isEmpty()) {
          receiver.received(found);
        } else if (from == null && !found.isEmpty()) {
          // Tell the desk where each ticket stands, so a version written in the window but after
          // this first read is read on its own and not from the start of the window.
          receiver.received(
              found.stream().filter(r -> r instanceof RelayedChange.TicketChanged).toList());
        }
        from = now;
        thread.reachedDatabase();
        if (++polls % PRUNE_EVERY == 0) {
          ChangeLog.prune(c, now);
        }
      } catch (SQLException | RuntimeException e) {
        if (thread.closed()) {
          break;
        }
        log.warn("Polling for other instances' changes failed; trying again", e);
        closeQuietly(c);
        c = null;
      }
      thread.pause(settings.pollInterval());
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // going away anyway
      }
    }
  }

  @Override
  public void close() {
    thread.close();
  }

  @Override
  public String toString() {
    return "PollingChangeRelay[every " + settings.pollInterval() + "]";
  }
}
