package dev.helpdesk.jpa.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the adapters get an {@link EntityManager} and a transaction to work in. Two ways come with
 * the library: {@link #resourceLocal(EntityManagerFactory)} (standalone: a new entity manager and
 * transaction per call) and {@link #joining(Supplier)} (inside the application's own transaction,
 * e.g. Spring's or a Jakarta EE container's). Anything else (a {@code TransactionTemplate} with
 * {@code REQUIRES_NEW}, a JTA {@code UserTransaction}) is a lambda away.
 */
@FunctionalInterface
public interface Transactions {

  /**
   * Runs {@code work} in a transaction and returns its result. When {@code work} throws, nothing it
   * did may be committed.
   */
  <T> T inTransaction(Function<EntityManager, T> work);

  /**
   * Runs {@code work} that only reads. By default the same as {@link #inTransaction}; the
   * resource-local variant reads without beginning a transaction (each statement on its own), and
   * the joining variant also reads where the caller has no transaction (Spring's shared entity
   * manager allows that) and skips the flush.
   */
  default <T> T read(Function<EntityManager, T> work) {
    return inTransaction(work);
  }

  /**
   * Whether every {@link #inTransaction} call runs in a transaction of its own, begun for it, so
   * that the work's first statement is the transaction's first. The ticket store relies on it to
   * read an agent's load without a locking read on MariaDB (see {@code docs/jpa.md}). False unless
   * known; {@link #resourceLocal} says true.
   */
  default boolean beginsForEachCall() {
    return false;
  }

  /**
   * Standalone: each call opens an entity manager of {@code factory}, begins a resource-local
   * transaction, runs the work, commits, and closes the entity manager; on any failure it rolls
   * back and rethrows.
   */
  static Transactions resourceLocal(EntityManagerFactory factory) {
    Objects.requireNonNull(factory, "factory");
    return new Transactions() {
      @Override
      public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
          tx.begin();
          T result = work.apply(em);
          tx.commit();
          return result;
        } catch (RuntimeException | Error e) {
          try {
            if (tx.isActive()) {
              tx.rollback();
            }
          } catch (RuntimeException rollbackFailure) {
            // The connection may be gone (that may be why we are here); keep the first failure.
            e.addSuppressed(rollbackFailure);
          }
          throw e;
        } finally {
          em.close();
        }
      }

      /**
       * Reads without beginning a transaction: each statement runs on its own, which saves the
       * round trip of the commit where the pool's connections are in auto-commit mode (searches
       * switch it on for their statement where they are not, as with Hibernate's own pool). The
       * readers of the adapters ask for nothing more: each query sees what had committed when it
       * ran, as every statement does at READ COMMITTED.
       */
      @Override
      public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
          return work.apply(em);
        } finally {
          em.close();
        }
      }

      @Override
      public boolean beginsForEachCall() {
        return true;
      }

      @Override
      public String toString() {
        return "resource-local transactions of " + factory;
      }
    };
  }

  /**
   * Inside the application's transaction: {@code current} returns the entity manager bound to the
   * caller's transaction (Spring's shared {@code EntityManager}, or one injected with
   * {@code @PersistenceContext}). The work runs in that transaction and is flushed before the call
   * returns, so that a conflict surfaces from the adapter's method rather than at commit; what the
   * application does after and whether it commits is its business. Calling without an active
   * transaction fails with an {@link IllegalStateException}.
   */
  static Transactions joining(Supplier<EntityManager> current) {
    Objects.requireNonNull(current, "current");
    return new Transactions() {
      @Override
      public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = current.get();
        if (!em.isJoinedToTransaction()) {
          throw new IllegalStateException(
              "The helpdesk JPA adapters were configured to join the application's transaction,"
                  + " but none is active: call the desk inside a transaction");
        }
        T result = work.apply(em);
        em.flush();
        return result;
      }

      @Override
      public <T> T read(Function<EntityManager, T> work) {
        return work.apply(current.get());
      }

      @Override
      public String toString() {
        return "the application's transactions";
      }
    };
  }
}
