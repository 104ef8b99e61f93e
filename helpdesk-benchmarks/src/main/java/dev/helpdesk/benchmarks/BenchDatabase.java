package dev.helpdesk.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL database the benchmarks own: {@code helpdesk_bench} on 127.0.0.1:5432 as {@code
 * postgres} unless {@code HELPDESK_BENCH_PG_SERVER} (a JDBC URL ending in {@code /}), {@code
 * HELPDESK_BENCH_PG_DATABASE}, {@code HELPDESK_PG_USER} and {@code HELPDESK_PG_PASSWORD} say
 * otherwise. A benchmark drops and recreates the whole database before it fills it, so it never
 * shares one with the tests: the name {@code test} is refused.
 */
final class BenchDatabase {

  static final String SERVER = env("HELPDESK_BENCH_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  static final String NAME = env("HELPDESK_BENCH_PG_DATABASE", "helpdesk_bench");
  static final String USER = env("HELPDESK_PG_USER", "postgres");
  static final String PASSWORD = env("HELPDESK_PG_PASSWORD", "");

  /** The benchmark database, with batched inserts rewritten as the adapter's docs recommend. */
  static final String URL = SERVER + NAME + "?reWriteBatchedInserts=true";

  private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private BenchDatabase() {}

  /** A connection to the benchmark database. */
  static Connection connect() throws SQLException {
    return connect(NAME);
  }

  /** A connection to the benchmark database {@code name} (see {@link #url(String)}). */
  static Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(url(name), USER, PASSWORD);
  }

  /**
   * The JDBC URL of another database of the benchmarks on the same server, such as one a benchmark
   * keeps per data size so that its sizes do not overwrite each other's rows: {@code name} should
   * start with {@link #NAME}.
   */
  static String url(String name) {
    return SERVER + name + "?reWriteBatchedInserts=true";
  }

  /**
   * Drops the benchmark database (ending any session still on it), creates it empty and applies
   * every shipped desk script with Flyway, so a benchmark starts from the schema a user gets.
   */
  static void recreate() throws SQLException {
    recreate(NAME);
  }

  /** {@link #recreate()} for the benchmark database {@code name}. */
  static void recreate(String name) throws SQLException {
    // The name goes into DDL, where it cannot be a bind parameter: accept only a plain identifier.
    if (!SAFE_NAME.matcher(name).matches() || name.equals("test")) {
      throw new IllegalStateException(
          "HELPDESK_BENCH_PG_DATABASE must be a plain lower-case name other than 'test' (the"
              + " tests' database): "
              + name);
    }
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
      s.execute("create database " + name);
    }
    migrate(name);
  }

  /**
   * Applies the shipped desk scripts the database does not have yet: a benchmark that reuses a
   * database it loaded before (the search benchmark's million tickets) reads it with the current
   * schema.
   */
  static void migrate() {
    migrate(NAME);
  }

  /** {@link #migrate()} for the benchmark database {@code name}. */
  static void migrate(String name) {
    Flyway.configure()
        .dataSource(url(name), USER, PASSWORD)
        .locations("classpath:db/helpdesk/postgresql")
        .table("helpdesk_schema_history")
        .load()
        .migrate();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
