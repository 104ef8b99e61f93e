package dev.helpdesk.spring;

import dev.helpdesk.common.UnitOfWork;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One desk change is one Spring transaction: the application's, when the desk is called inside one,
 * otherwise a transaction begun for the change. What the desk does once a change is durable
 * (telling listeners, live subscribers and Spring application events) waits for that transaction to
 * complete, through Spring's transaction synchronisation: a rolled-back application transaction
 * tells nobody about the desk changes made in it.
 */
final class SpringUnitOfWork implements UnitOfWork {

  private final TransactionTemplate template;

  SpringUnitOfWork(TransactionTemplate template) {
    this.template = Objects.requireNonNull(template, "template");
  }

  @Override
  public <T> T run(Supplier<T> work) {
    return template.execute(status -> work.get());
  }

  @Override
  public void afterCompletion(Consumer<Boolean> outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      // No Spring transaction around the call: the write was committed when it was made.
      outcome.accept(true);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            outcome.accept(status == STATUS_COMMITTED);
          }
        });
  }

  @Override
  public String toString() {
    return "Spring transactions, told of their completion by transaction synchronisation";
  }
}
