package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The assignment half of the cluster test on MariaDB at its default REPEATABLE READ, where the
 * capacity count must not read from a snapshot older than the agent's lock (standalone, the lock is
 * the transaction's first statement, so the snapshot is taken after it).
 */
// A guard against a hang, not a speed check: a loaded 2-core machine takes over two minutes.
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class MariaDbClusterTest {

  private static final TestDatabase DB = TestDatabase.MARIADB;

  @BeforeEach
  void emptyTables() {
    DB.freshStore();
  }

  @Test
  void twoInstancesOfTenThreadsOpenAndAssignWithinCapacityNeverTwiceNoneLost() throws Exception {
    int opened =
        new AssignmentClusterScenario(DB, db -> db.newEntityManagerFactory(Map.of())).run(250);
    assertEquals(5_000, opened);
  }

  @Test
  void twoInstancesOfFourThreadsKeepTheCountsExactWithoutADeadlockOrLostRace() throws Exception {
    new KeptCountsConcurrencyScenario(DB).run(60);
  }
}
