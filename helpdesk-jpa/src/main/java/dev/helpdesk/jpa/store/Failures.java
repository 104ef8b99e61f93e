package dev.helpdesk.jpa.store;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;

/**
 * Tells apart the failures that mean "another transaction got there first" from the rest, by JPA
 * exception type and by SQLSTATE, so that no provider-specific exception class is needed.
 */
public final class Failures {

  private Failures() {}

  /**
   * Whether {@code failure} (or a cause) reports a lost race: an optimistic lock failure, a unique
   * or other integrity constraint violation (SQLSTATE class 23), a serialization failure (40001) or
   * a deadlock (40P01). Transactions that fail like this wrote nothing.
   */
  public static boolean lostRace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if (state != null
              && (state.startsWith("23") || state.equals("40001") || state.equals("40P01"))) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
