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
  void scriptsSplitAtSemicolonsEndingALineAndLoseTheirComments() {
    String script =
        "-- a comment\ncreate table a (\n  x int -- why\n);\n\ncreate index i on a (x);\n";

    assertEquals(
        List.of("create table a (\n  x int -- why\n)", "create index i on a (x)"),
        TestDatabase.statements(script));
  }
}
