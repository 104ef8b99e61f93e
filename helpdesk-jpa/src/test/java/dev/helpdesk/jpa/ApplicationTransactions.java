package dev.helpdesk.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * Plays the application (the part Spring's transaction manager plays): opens a transaction, binds
 * its entity manager to the thread for the desk to join, runs the work, commits or rolls back.
 */
final class ApplicationTransactions {

  private final EntityManagerFactory factory;
  private final ThreadLocal<EntityManager> bound = new ThreadLocal<>();

  ApplicationTransactions(EntityManagerFactory factory) {
    this.factory = factory;
  }

  /** The entity manager of the thread's transaction: what the joined store is given. */
  EntityManager current() {
    EntityManager em = bound.get();
    if (em == null) {
      // Like Spring's shared entity manager outside a transaction: usable, joined to nothing.
      return factory.createEntityManager();
    }
    return em;
  }

  <T> T inTransaction(Supplier<T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    bound.set(em);
    try {
      tx.begin();
      T result = work.get();
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    } finally {
      bound.remove();
      em.close();
    }
  }

  /** The port with every call made in a transaction of the application's. */
  <P> P wrap(Class<P> port, P target) {
    return port.cast(
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (proxy, method, args) ->
                inTransaction(
                    () -> {
                      try {
                        return method.invoke(target, args);
                      } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof RuntimeException r) {
                          throw r;
                        }
                        throw new IllegalStateException(e.getCause());
                      } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                      }
                    })));
  }
}
