package dev.helpdesk.jpa;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Live updates across two instances on MariaDB, through the polling relay. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MariaDbLiveTest extends LiveAcrossInstancesScenario {

  @Override
  TestDatabase db() {
    return TestDatabase.MARIADB;
  }
}
