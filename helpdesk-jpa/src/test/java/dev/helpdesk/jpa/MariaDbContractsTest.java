package dev.helpdesk.jpa;

import org.junit.jupiter.api.DisplayName;

/** The core's port contract suites against MariaDB, standalone and joined. */
@DisplayName("MariaDB")
class MariaDbContractsTest extends JpaContracts {

  @Override
  TestDatabase db() {
    return TestDatabase.MARIADB;
  }
}
