package dev.helpdesk.jpa.store;

import dev.helpdesk.common.UnitOfWork;
import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;

/**
 * The unit of work of a store joined to the application's transactions: the application's
 * transaction already spans the desk's writes, so {@link #run} adds none of its own, and what the
 * desk does after commit (telling listeners and live subscribers, updating agents' loads) waits for
 * that transaction to complete, through Hibernate's session events. A rolled-back transaction tells
 * nobody of the changes made in it.
 */
public final class JoinedUnitOfWork implements UnitOfWork {

  private final Supplier<EntityManager> current;

  /** The unit over {@code current}, the entity manager bound to the caller's transaction. */
  public JoinedUnitOfWork(Supplier<EntityManager> current) {
    this.current = Objects.requireNonNull(current, "current");
  }

  @Override
  public <T> T run(Supplier<T> work) {
    return work.get();
  }

  @Override
  public void afterCompletion(Consumer<Boolean> outcome) {
    Objects.requireNonNull(outcome, "outcome");
    EntityManager em = current.get();
    if (!em.isJoinedToTransaction()) {
      outcome.accept(true);
      return;
    }
    AtomicBoolean told = new AtomicBoolean();
    em.unwrap(Session.class)
        .addEventListeners(
            new SessionEventListener() {
              @Override
              public void transactionCompletion(boolean successful) {
                // The listener stays with the session; only the first completion is this one's.
                if (told.compareAndSet(false, true)) {
                  outcome.accept(successful);
                }
              }
            });
  }

  @Override
  public String toString() {
    return "the application's transactions, told of their completion by Hibernate";
  }
}
