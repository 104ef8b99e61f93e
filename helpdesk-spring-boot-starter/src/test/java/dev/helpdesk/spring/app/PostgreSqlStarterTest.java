package dev.helpdesk.spring.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter on the local PostgreSQL, in a schema of its own that is dropped afterwards. Without
 * the database the test is skipped, except on CI ({@code CI=true}), where it fails.
 */
@SpringBootTest(
    properties = {
      "helpdesk.ticket-key-prefix=BK",
      "helpdesk.jobs.dispatch.interval=200ms",
    })
@DirtiesContext // its jobs stop before the schema is dropped
class PostgreSqlStarterTest extends StarterApplicationContract {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String SCHEMA = "starter_" + Long.toHexString(System.nanoTime());

  @BeforeAll
  static void createSchema() {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + SCHEMA);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("PostgreSQL at " + SERVER + " is unreachable on CI", e);
      }
      Assumptions.abort("PostgreSQL at " + SERVER + " is unreachable: " + e.getMessage());
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }
}
