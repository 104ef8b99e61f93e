package dev.helpdesk.jpa;

import org.junit.jupiter.api.DisplayName;

/** The core's port contract suites against H2 in memory, standalone and joined. */
@DisplayName("H2 in memory")
class H2ContractsTest extends JpaContracts {

  @Override
  TestDatabase db() {
    return TestDatabase.H2;
  }
}
