package dev.helpdesk.jpa;

import org.junit.jupiter.api.DisplayName;

/** The core's port contract suites against PostgreSQL, standalone and joined. */
@DisplayName("PostgreSQL")
class PostgreSqlContractsTest extends JpaContracts {

  @Override
  TestDatabase db() {
    return TestDatabase.POSTGRESQL;
  }
}
