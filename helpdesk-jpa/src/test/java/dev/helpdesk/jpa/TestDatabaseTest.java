package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The test harness's own rules: skip locally, fail on CI; how scripts are split. */
class TestDatabaseTest {

  @Test
  void anUnreachableDatabaseSkipsLocallyWithTheMessage() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> TestDatabase.skipOrFail("POSTGRESQL is not reachable. Start it with: x", false));

    assertTrue(e.getMessage().contains("Start it with"), e.getMessage());
  }

  @Test
  void anUnreachableDatabaseFailsOnCi() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> TestDatabase.skipOrFail("POSTGRESQL is not reachable.", true));

    assertTrue(e.getMessage().startsWith("CI=true"), e.getMessage());
  }

  @Test
  void aReachableDatabaseNeitherSkipsNorFails() {
    assertDoesNotThrow(() -> TestDatabase.skipOrFail(null, true));
  }

  @Test
  void theSchemaIsRebuiltOverTablesAnotherVersionLeftBehind() throws Exception {
    TestDatabase h2 = TestDatabase.H2;
    h2.recreateSchema();
    try (java.sql.Connection c = h2.connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute(
          "create table hd_left_behind (id int primary key,"
              + " ticket_ref bigint references hd_ticket(id))");
      s.execute("create sequence hd_left_behind_seq");
    }
    h2.recreateSchema();
    try (java.sql.Connection c = h2.connect();
        var rs =
            c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "HD_LEFT_BEHIND%", null)) {
      org.junit.jupiter.api.Assertions.assertFalse(rs.next(), "the stray table is gone");
    }
    org.junit.jupiter.api.Assertions.assertEquals(0, h2.count("hd_ticket", "1=1"));
  }

  @Test
  void scriptsSplitAtSemicolonsEndingALineAndLoseTheirComments() {
    String script =
        "-- a comment\ncreate table a (\n  x int -- why\n);\n\ncreate index i on a (x);\n";

    assertEquals(
        List.of("create table a (\n  x int -- why\n)", "create index i on a (x)"),
        TestDatabase.statements(script));
  }
}
