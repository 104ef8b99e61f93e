package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Live updates across two instances on PostgreSQL when instance B's listening connection is
 * terminated by the server ({@code pg_terminate_backend}) in the middle of the writes: B listens
 * again, reads what committed meanwhile, and its subscribers still see every change once, in order.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgreSqlListenerKilledTest extends LiveAcrossInstancesScenario {

  @Override
  TestDatabase db() {
    return TestDatabase.POSTGRESQL;
  }

  @Override
  Map<String, Object> factoryOverrides() {
    return Map.of("hibernate.connection.options", "-c synchronous_commit=off");
  }

  @Override
  void midway(List<HelpDesk> instances) throws Exception {
    try (Connection c = db().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = 'helpdesk-relay-b'")) {
      int killed = 0;
      while (rs.next()) {
        if (rs.getBoolean(1)) {
          killed++;
        }
      }
      assertTrue(killed >= 1, "B's listening connection was found and killed");
    }
  }
}
