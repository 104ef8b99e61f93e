package dev.helpdesk.jpa;

import dev.helpdesk.jpa.store.Database;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The three databases the tests run against, with connection settings overridable by environment
 * variables ({@code HELPDESK_PG_URL}, {@code HELPDESK_PG_USER}, {@code HELPDESK_PG_PASSWORD}, and
 * the same with {@code MARIADB} and {@code H2}). Before first use in a JVM the schema is dropped
 * and recreated from the shipped scripts, and the mapping is validated against it by Hibernate;
 * each test then starts from empty tables. An unreachable database skips its tests with a hint how
 * to start it, unless {@code CI=true}, where it fails them.
 */
public enum TestDatabase {
  H2(
      Database.h2(),
      "H2",
      "jdbc:h2:mem:helpdesk;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "sa",
      "",
      "(in memory; always available)"),
  POSTGRESQL(
      Database.postgreSql(),
      "PG",
      "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true",
      "postgres",
      "",
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
  MARIADB(
      Database.mariaDb(),
      "MARIADB",
      "jdbc:mariadb://127.0.0.1:3306/test",
      "root",
      "",
      "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

  /** Tables in an order that deletes children before parents. */
  private static final List<String> TABLES =
      List.of(
          "hd_ticket_link",
          "hd_metric_fact",
          "hd_message_attachment",
          "hd_message",
          "hd_ticket_event",
          "hd_ticket",
          "hd_ticket_count",
          "hd_outbox",
          "hd_agent_group",
          "hd_agent_skill",
          "hd_agent_lock",
          "hd_sla_timer",
          "hd_pending_followup",
          "hd_no_reply_deadline",
          "hd_staff_audit",
          "hd_agent",
          "hd_customer",
          "hd_attachment_blob",
          "hd_live_signal",
          "hd_message_thread",
          "hd_lease");

  /** The shipped scripts, in the order Flyway applies them. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__init.sql",
          "V2__assignment.sql",
          "V3__sla.sql",
          "V5__insights.sql",
          "V6__mail_threads_and_leases.sql",
          "V7__live.sql",
          "V8__search.sql",
          "V9__search_sla.sql",
          "V10__pending_followups.sql",
          "V11__staff_audit.sql",
          "V12__privacy.sql",
          "V13__roles.sql",
          "V14__no_reply_deadlines.sql",
          "V15__ccs.sql",
          "V16__notification_coalescing.sql",
          "V17__outbox_partial_indexes.sql",
          "V18__ticket_counts.sql");

  private static final List<String> SEQUENCES =
      List.of(
          "hd_ticket_seq",
          "hd_message_attachment_seq",
          "hd_ticket_event_seq",
          "hd_outbox_seq",
          "hd_attachment_blob_seq",
          "hd_ticket_key_seq",
          "hd_customer_save_seq",
          "hd_ticket_link_seq",
          "hd_metric_fact_seq");

  private final Database database;
  private final String url;
  private final String user;
  private final String password;
  private final String howToStart;
  private String unreachable;
  private boolean checked;
  private EntityManagerFactory shared;

  TestDatabase(
      Database database, String env, String url, String user, String password, String howToStart) {
    this.database = database;
    this.url = env("HELPDESK_" + env + "_URL", url);
    this.user = env("HELPDESK_" + env + "_USER", user);
    this.password = env("HELPDESK_" + env + "_PASSWORD", password);
    this.howToStart = howToStart;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** The customization for this database. */
  public Database database() {
    return database;
  }

  /** The JDBC URL in use. */
  public String url() {
    return url;
  }

  /**
   * Skips the calling test when the database cannot be reached, or fails it when {@code CI=true}.
   */
  public synchronized void require() {
    if (!checked) {
      checked = true;
      try (Connection c = connect()) {
        c.isValid(3);
      } catch (SQLException e) {
        unreachable =
            name()
                + " is not reachable at "
                + url
                + " ("
                + e.getMessage()
                + "). Start it with: "
                + howToStart
                + " (or point HELPDESK_*_URL elsewhere).";
      }
    }
    skipOrFail(unreachable, "true".equalsIgnoreCase(System.getenv("CI")));
  }

  /**
   * Does nothing when {@code unreachable} is null; otherwise skips the test with that message, or
   * fails it on CI, where every database must be there.
   */
  static void skipOrFail(String unreachable, boolean ci) {
    if (unreachable == null) {
      return;
    }
    if (ci) {
      throw new AssertionError("CI=true and " + unreachable);
    }
    Assumptions.abort(unreachable);
  }

  /** A plain JDBC connection, for checks the adapters do not offer. */
  public Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(5);
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * A data source of this database's driver, for what needs connections of its own (the change
   * relays), named {@code application} where the database keeps such names (PostgreSQL).
   */
  public DataSource dataSource(String application) {
    require();
    try {
      switch (this) {
        case POSTGRESQL -> {
          org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
          ds.setURL(url);
          ds.setUser(user);
          ds.setPassword(password);
          ds.setApplicationName(application);
          return ds;
        }
        case MARIADB -> {
          org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
        default -> {
          org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
          ds.setURL(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot make a data source for " + name(), e);
    }
  }

  /**
   * The entity manager factory shared by this JVM's tests, over a schema freshly built from the
   * shipped scripts and validated against the mapping.
   */
  public synchronized EntityManagerFactory entityManagerFactory() {
    require();
    if (shared == null) {
      recreateSchema();
      shared = newEntityManagerFactory(Map.of());
    }
    return shared;
  }

  /** A further factory, as a second application instance would have; close it when done. */
  public EntityManagerFactory newEntityManagerFactory(Map<String, Object> overrides) {
    require();
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.jdbc.url", url);
    props.put("jakarta.persistence.jdbc.user", user);
    props.put("jakarta.persistence.jdbc.password", password);
    props.put("hibernate.hbm2ddl.auto", "validate");
    props.put("hibernate.jdbc.batch_size", "50");
    props.put("hibernate.order_inserts", "true");
    props.put("hibernate.order_updates", "true");
    props.put("hibernate.jdbc.time_zone", "UTC");
    props.put("hibernate.connection.pool_size", "24");
    props.putAll(overrides);
    return Persistence.createEntityManagerFactory(JpaHelpDeskStore.PERSISTENCE_UNIT, props);
  }

  /** A standalone store over empty tables. */
  public JpaHelpDeskStore freshStore() {
    EntityManagerFactory emf = entityManagerFactory();
    clean();
    return JpaHelpDeskStore.standalone(emf, database);
  }

  /** Deletes every row of every desk table (sequences go on). */
  public void clean() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from hd_ticket_link");
      s.executeUpdate("delete from hd_metric_fact");
      s.executeUpdate("delete from hd_ticket_event");
      s.executeUpdate("delete from hd_message_attachment");
      s.executeUpdate("delete from hd_message");
      s.executeUpdate("update hd_ticket set follow_up_of = null where follow_up_of is not null");
      for (String table : TABLES) {
        s.executeUpdate("delete from " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot clean " + name(), e);
    }
  }

  /** Counts the rows of a table matching a condition. */
  public long count(String table, String where) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select count(*) from " + table + " where " + where)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops every desk table and sequence and applies the shipped scripts. */
  public void recreateSchema() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      // Whatever another branch or an older schema left behind goes too, so the shipped scripts
      // always start from nothing: every desk table found, whatever refers to it, then the known
      // ones (which the first pass has usually dropped already).
      for (String table : leftovers(c, "TABLE")) {
        dropLeftover(s, "table", table);
      }
      for (String table : TABLES) {
        s.execute("drop table if exists " + table);
      }
      for (String sequence : SEQUENCES) {
        s.execute("drop sequence if exists " + sequence);
      }
      for (String sequence : leftovers(c, "SEQUENCE")) {
        dropLeftover(s, "sequence", sequence);
      }
      for (String version : SCRIPTS) {
        for (String statement : statements(script(database.scriptFolder() + "/" + version))) {
          s.execute(statement);
        }
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot build the schema on " + name() + ": " + e, e);
    }
  }

  /** Desk objects ({@code hd_} names, in either case) of the given JDBC type in this schema. */
  private static List<String> leftovers(Connection c, String type) throws SQLException {
    List<String> names = new java.util.ArrayList<>();
    var meta = c.getMetaData();
    String escape = meta.getSearchStringEscape();
    for (String pattern : List.of("hd" + escape + "_%", "HD" + escape + "_%")) {
      try (var rs = meta.getTables(c.getCatalog(), c.getSchema(), pattern, new String[] {type})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (!names.contains(name)) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private void dropLeftover(Statement s, String kind, String name) throws SQLException {
    if (this == MARIADB && kind.equals("table")) {
      // MariaDB has no CASCADE for foreign keys: switch their checks off for this drop.
      s.execute("set foreign_key_checks = 0");
      try {
        s.execute("drop table if exists " + name);
      } finally {
        s.execute("set foreign_key_checks = 1");
      }
    } else {
      s.execute("drop " + kind + " if exists " + name + (kind.equals("table") ? " cascade" : ""));
    }
  }

  /** The text of a script shipped in the jar. */
  public static String script(String resource) throws IOException {
    try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("No script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Splits a script at semicolons ending a line, dropping comment lines. */
  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
