package dev.helpdesk.jpa.live;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.live.RelayedChange;
import dev.helpdesk.ticket.TicketId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the relays read from the desk's tables with plain JDBC: the database's clock, the ticket
 * versions whose events were written since an instant ({@code hd_ticket_event.stored_at}), and the
 * agent signals ({@code hd_live_signal}). Instants are the database's own, read and handed back as
 * they came, so the application's and the database's clocks and time zones never meet.
 */
final class ChangeLog {

  /** How long agent signals are kept. */
  static final Duration SIGNALS_KEPT = Duration.ofHours(1);

  private ChangeLog() {}

  /** The database's clock now. */
  static Timestamp now(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_timestamp(6)")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  /** {@code at} moved back by {@code d}. */
  static Timestamp minus(Timestamp at, Duration d) {
    Timestamp back = new Timestamp(at.getTime() - d.toMillis());
    back.setNanos(at.getNanos());
    return back;
  }

  /**
   * The ticket versions whose events were written at or after {@code from}, per ticket in version
   * order, tickets in the order of their first such write.
   */
  static List<RelayedChange> ticketsSince(Connection c, Timestamp from) throws SQLException {
    Map<UUID, List<Long>> versions = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select ticket_id, ticket_version, min(stored_at) from hd_ticket_event"
                + " where stored_at >= ? group by ticket_id, ticket_version"
                + " order by min(stored_at), ticket_version")) {
      s.setTimestamp(1, from);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          versions
              .computeIfAbsent(UUID.fromString(rs.getString(1)), k -> new ArrayList<>())
              .add(rs.getLong(2));
        }
      }
    }
    List<RelayedChange> changes = new ArrayList<>();
    versions.forEach(
        (id, list) -> {
          list.stream()
              .sorted()
              .forEach(v -> changes.add(new RelayedChange.TicketChanged(TicketId.of(id), v)));
        });
    return changes;
  }

  /** Agent signals written at or after {@code from}: their row ids and agents. */
  static Map<Long, AgentId> signalsSince(Connection c, Timestamp from) throws SQLException {
    Map<Long, AgentId> signals = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, agent_id from hd_live_signal where signalled_at >= ? order by id")) {
      s.setTimestamp(1, from);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          signals.put(rs.getLong(1), AgentId.of(rs.getString(2)));
        }
      }
    }
    return signals;
  }

  /** Records that an agent was saved, for pollers. */
  static void signal(Connection c, AgentId agent) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("insert into hd_live_signal (agent_id) values (?)")) {
      s.setString(1, agent.value());
      s.executeUpdate();
    }
  }

  /** Deletes agent signals older than {@link #SIGNALS_KEPT}. */
  static void prune(Connection c, Timestamp now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("delete from hd_live_signal where signalled_at < ?")) {
      s.setTimestamp(1, minus(now, SIGNALS_KEPT));
      s.executeUpdate();
    }
  }

  /** Every agent the desk keeps, as announcements: what a relay that lost signals tells. */
  static List<RelayedChange> allAgents(Connection c) throws SQLException {
    List<RelayedChange> agents = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select agent_id from hd_agent")) {
      while (rs.next()) {
        agents.add(new RelayedChange.AgentChanged(AgentId.of(rs.getString(1))));
      }
    }
    return agents;
  }
}
