package dev.helpdesk.jpa.store;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.function.Supplier;

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

  /**
   * Runs {@code work}, a transaction of its own that writes nothing when it fails, again while it
   * loses a race ({@link #lostRace}), at most {@code attempts} times in all; the last failure is
   * thrown. For claims: InnoDB may pick a claim as a deadlock's victim even though it skips locked
   * rows (its locks on a secondary index and on the rows' primary keys are taken one after the
   * other), and a claim that was rolled back can simply be made again.
   */
  public static <T> T retryLostRaces(int attempts, Supplier<T> work) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= attempts || !lostRace(e)) {
          throw e;
        }
      }
    }
  }
}
