package dev.helpdesk.jpa.store;

import dev.helpdesk.common.UnitOfWork;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resource-local transactions that a {@link UnitOfWork} can span: outside {@link #run}, each call
 * is a transaction of its own, as with {@link Transactions#resourceLocal}; inside it, every call on
 * the same thread works in the unit's one transaction, which commits when the unit's work returns
 * and rolls back when it throws. This is what the standalone store hands to the desk, so that a
 * ticket change, the customer record it creates and the SLA timers it moves commit together.
 *
 * <p>A call inside a unit is flushed before it returns, so that a conflict surfaces from the
 * adapter's method (where it becomes the core's typed exception) rather than at the unit's commit.
 */
public final class StandaloneTransactions implements Transactions, UnitOfWork {

  private final EntityManagerFactory factory;
  private final Transactions single;
  private final ThreadLocal<EntityManager> unit = new ThreadLocal<>();
  private final ThreadLocal<List<Consumer<Boolean>>> completions = new ThreadLocal<>();

  /** Transactions on entity managers of {@code factory}. */
  public StandaloneTransactions(EntityManagerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.single = Transactions.resourceLocal(factory);
  }

  @Override
  public <T> T run(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (unit.get() != null) {
      return work.get();
    }
    // A transaction of its own, as any single call outside a unit gets, with its entity manager
    // made the one every call of the unit on this thread works in.
    List<Consumer<Boolean>> done = new ArrayList<>();
    completions.set(done);
    T result;
    try {
      result =
          single.inTransaction(
              em -> {
                unit.set(em);
                try {
                  return work.get();
                } finally {
                  unit.remove();
                }
              });
    } catch (RuntimeException | Error e) {
      completions.remove();
      done.forEach(outcome -> outcome.accept(false));
      throw e;
    }
    completions.remove();
    done.forEach(outcome -> outcome.accept(true));
    return result;
  }

  /** Inside a unit, called when its transaction has committed or rolled back; outside, at once. */
  @Override
  public void afterCompletion(Consumer<Boolean> outcome) {
    Objects.requireNonNull(outcome, "outcome");
    List<Consumer<Boolean>> done = completions.get();
    if (done == null) {
      outcome.accept(true);
    } else {
      done.add(outcome);
    }
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = unit.get();
    if (em == null) {
      return single.inTransaction(work);
    }
    T result = work.apply(em);
    em.flush();
    return result;
  }

  @Override
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = unit.get();
    return em == null ? single.read(work) : work.apply(em);
  }

  /**
   * True outside a unit; inside one, an earlier call of the unit may have read before, so the
   * ticket store takes the locking read it needs on MariaDB.
   */
  @Override
  public boolean beginsForEachCall() {
    return unit.get() == null;
  }

  @Override
  public String toString() {
    return "resource-local transactions of " + factory + ", spanned by units of work";
  }
}
