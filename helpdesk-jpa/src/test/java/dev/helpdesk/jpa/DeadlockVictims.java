package dev.helpdesk.jpa;

import dev.helpdesk.jpa.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Standalone transactions on a test database whose next {@link #failNext} transactions do their
 * work and are then rolled back with the failure a deadlock's victim sees (SQLSTATE 40001, as
 * MariaDB reports it): for tests of the claims that must be made again.
 */
public final class DeadlockVictims implements Transactions {

  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final Transactions real;

  /** Transactions on {@code db} that fail nothing until told to. */
  public DeadlockVictims(TestDatabase db) {
    this.real = Transactions.resourceLocal(db.entityManagerFactory());
  }

  /** Rolls the next {@code transactions} back as deadlock victims. */
  public void failNext(int transactions) {
    failuresLeft.set(transactions);
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return real.inTransaction(
        em -> {
          T result = work.apply(em);
          if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PessimisticLockException(
                "Deadlock found when trying to get lock; try restarting transaction",
                new SQLException("Deadlock found when trying to get lock", "40001", 1213));
          }
          return result;
        });
  }
}
