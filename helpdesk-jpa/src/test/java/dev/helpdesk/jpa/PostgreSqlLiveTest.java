package dev.helpdesk.jpa;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Live updates across two instances on PostgreSQL through {@code LISTEN}/{@code NOTIFY}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgreSqlLiveTest extends LiveAcrossInstancesScenario {

  @Override
  TestDatabase db() {
    return TestDatabase.POSTGRESQL;
  }

  /**
   * Commits do not wait for the WAL flush: on a shared, busy machine the fsync of a thousand small
   * transactions dominates the run; atomicity, visibility and notification order are the same.
   */
  @Override
  Map<String, Object> factoryOverrides() {
    return Map.of("hibernate.connection.options", "-c synchronous_commit=off");
  }
}
