package dev.helpdesk.jpa.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.RelayedChange;
import dev.helpdesk.ticket.TicketId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change relay over PostgreSQL's {@code LISTEN}/{@code NOTIFY}. A ticket change is announced with
 * {@code pg_notify} inside the transaction that stores it: PostgreSQL delivers the notification
 * when, and only if, that transaction commits, to every listener, in commit order. One thread,
 * {@code helpdesk-relay-listen}, holds one dedicated connection that {@code LISTEN}s and waits for
 * notifications ({@code PGConnection.getNotifications} with a timeout), checking every {@link
 * RelaySettings#pollInterval()} that the connection is alive.
 *
 * <p>When the connection is lost (the server restarted, a network fault, {@code
 * pg_terminate_backend}), the thread connects again after {@link RelaySettings#reconnectDelay()},
 * {@code LISTEN}s, and then reads from the event table the ticket versions written since a window
 * before it last knew the connection alive, and every agent, so nothing that committed meanwhile is
 * missed; the desk drops what it had delivered already.
 *
 * <p>The PostgreSQL driver must be on the class path (it is a provided dependency of this module).
 * Each notifying commit takes PostgreSQL's notification queue lock briefly, so commits that notify
 * are serialized at that point; a desk's write rate is far below where that matters.
 */
public final class PostgreSqlChangeRelay implements ChangeRelay {

  private static final Logger log = LoggerFactory.getLogger(PostgreSqlChangeRelay.class);

  /** Notification payloads stay below PostgreSQL's limit of 8000 bytes. */
  private static final int MAX_PAYLOAD = 7_000;

  private final Transactions transactions;
  private final DataSource dataSource;
  private final RelaySettings settings;
  private final RelayThread thread = new RelayThread("helpdesk-relay-listen");

  /**
   * @param transactions the desk store's transactions, which the notifications join (so they go out
   *     when the change commits)
   * @param dataSource where the listening connection comes from; it is held while the relay runs
   * @param settings the channel, the liveness check interval, the catch-up window and the reconnect
   *     delay
   */
  public PostgreSqlChangeRelay(
      Transactions transactions, DataSource dataSource, RelaySettings settings) {
    this.transactions = Check.present("transactions", transactions);
    this.dataSource = Check.present("dataSource", dataSource);
    this.settings = Check.present("settings", settings);
  }

  /**
   * Starts listening, and waits up to ten seconds for the first {@code LISTEN}, so that the desk's
   * own first changes are heard too; a database not reachable yet is retried in the background.
   */
  @Override
  public void start(Receiver receiver) {
    Check.present("receiver", receiver);
    thread.start(() -> listen(receiver));
  }

  /** Notifies inside the caller's transaction (the desk's unit of work), or one of its own. */
  @Override
  public void announce(List<RelayedChange> changes) {
    List<String> payloads = payloads(changes);
    if (payloads.isEmpty()) {
      return;
    }
    transactions.inTransaction(
        em -> {
          for (String payload : payloads) {
            em.createNativeQuery("select 1 from pg_notify(?1, ?2)")
                .setParameter(1, settings.channel())
                .setParameter(2, payload)
                .getSingleResult();
          }
          return null;
        });
  }

  /** Entries separated by spaces: {@code t:<ticket id>:<version>} and {@code a:<agent id>}. */
  static List<String> payloads(List<RelayedChange> changes) {
    List<String> payloads = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (RelayedChange c : changes) {
      String entry;
      if (c instanceof RelayedChange.TicketChanged t) {
        entry = "t:" + t.ticketId() + ":" + t.version();
      } else {
        RelayedChange.AgentChanged a = (RelayedChange.AgentChanged) c;
        entry = "a:" + URLEncoder.encode(a.agentId().value(), StandardCharsets.UTF_8);
      }
      if (current.length() > 0 && current.length() + entry.length() + 1 > MAX_PAYLOAD) {
        payloads.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(entry);
    }
    if (current.length() > 0) {
      payloads.add(current.toString());
    }
    return payloads;
  }

  /** Reads a payload back; entries it does not understand are skipped with a warning. */
  static List<RelayedChange> parse(String payload) {
    List<RelayedChange> changes = new ArrayList<>();
    for (String entry : payload.split(" ")) {
      try {
        if (entry.startsWith("t:")) {
          int colon = entry.lastIndexOf(':');
          changes.add(
              new RelayedChange.TicketChanged(
                  TicketId.parse(entry.substring(2, colon)),
                  Long.parseLong(entry.substring(colon + 1))));
        } else if (entry.startsWith("a:")) {
          changes.add(
              new RelayedChange.AgentChanged(
                  AgentId.of(URLDecoder.decode(entry.substring(2), StandardCharsets.UTF_8))));
        } else if (!entry.isEmpty()) {
          log.warn("Ignored an unknown change announcement '{}'", entry);
        }
      } catch (RuntimeException e) {
        log.warn("Ignored a malformed change announcement '{}'", entry, e);
      }
    }
    return changes;
  }

  private void listen(Receiver receiver) {
    Timestamp alive = null;
    while (!thread.closed()) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("listen " + settings.channel());
        }
        if (alive != null) {
          // Listening again: what committed while nobody listened is read from the tables.
          List<RelayedChange> missed =
              new ArrayList<>(ChangeLog.ticketsSince(c, ChangeLog.minus(alive, settings.window())));
          missed.addAll(ChangeLog.allAgents(c));
          log.info("Listening for changes again; {} announcements caught up", missed.size());
          receiver.received(missed);
        }
        alive = ChangeLog.now(c);
        thread.reachedDatabase();
        PGConnection pg = c.unwrap(PGConnection.class);
        int timeout = (int) Math.max(1, settings.pollInterval().toMillis());
        long checked = System.nanoTime();
        while (!thread.closed()) {
          PGNotification[] notifications = pg.getNotifications(timeout);
          if (notifications != null && notifications.length > 0) {
            List<RelayedChange> batch = new ArrayList<>();
            for (PGNotification n : notifications) {
              batch.addAll(parse(n.getParameter()));
            }
            receiver.received(batch);
          }
          if (System.nanoTime() - checked >= settings.pollInterval().toNanos()) {
            // Makes sure the connection still stands (a dead one may stay silent), and notes
            // when it last did: the start of what a reconnection must catch up on.
            alive = ChangeLog.now(c);
            checked = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (thread.closed()) {
          break;
        }
        log.warn(
            "The change relay lost its connection; listening again in {}",
            settings.reconnectDelay(),
            e);
        if (!thread.pause(settings.reconnectDelay())) {
          break;
        }
      }
    }
  }

  @Override
  public void close() {
    thread.close();
  }

  @Override
  public String toString() {
    return "PostgreSqlChangeRelay[" + settings.channel() + "]";
  }
}
