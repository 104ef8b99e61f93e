package dev.helpdesk.spring;

import dev.helpdesk.jpa.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JPA adapters' transactions as Spring's: each call runs in a {@link TransactionTemplate} of
 * the application's transaction manager, so that with {@code REQUIRED} a desk call made inside an
 * application's {@code @Transactional} method is part of it, and one made outside (a scheduled job,
 * a controller without a transaction) gets its own. With {@code REQUIRES_NEW} (the outbox's claims
 * and delivery outcomes, which must commit whatever the caller does) every call commits on its own.
 */
final class SpringTransactions implements Transactions {

  private final EntityManagerFactory factory;
  private final TransactionTemplate template;
  private final String description;

  private SpringTransactions(
      EntityManagerFactory factory, PlatformTransactionManager manager, int propagation) {
    this.factory = factory;
    this.template = new TransactionTemplate(manager);
    this.template.setPropagationBehavior(propagation);
    this.description =
        propagation == TransactionDefinition.PROPAGATION_REQUIRES_NEW
            ? "Spring transactions of their own (REQUIRES_NEW)"
            : "the application's Spring transactions (REQUIRED)";
  }

  /** Joins the caller's transaction, or begins one when there is none. */
  static SpringTransactions joining(EntityManagerFactory factory, PlatformTransactionManager tm) {
    return new SpringTransactions(factory, tm, TransactionDefinition.PROPAGATION_REQUIRED);
  }

  /** Always a transaction of its own, committed when the call returns. */
  static SpringTransactions separate(EntityManagerFactory factory, PlatformTransactionManager tm) {
    return new SpringTransactions(factory, tm, TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  TransactionTemplate template() {
    return template;
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return template.execute(
        status -> {
          EntityManager em = current();
          T result = work.apply(em);
          // A conflict must surface from the adapter's call, not later at the application's commit.
          em.flush();
          return result;
        });
  }

  @Override
  public <T> T read(Function<EntityManager, T> work) {
    return template.execute(status -> work.apply(current()));
  }

  private EntityManager current() {
    EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
    if (em == null) {
      // Only when the transaction manager is not the JPA one of this factory.
      throw new IllegalStateException(
          "No entity manager of "
              + factory
              + " is bound to the Spring transaction: the application's transaction manager must be"
              + " a JpaTransactionManager of the same EntityManagerFactory");
    }
    return em;
  }

  @Override
  public String toString() {
    return description;
  }
}
