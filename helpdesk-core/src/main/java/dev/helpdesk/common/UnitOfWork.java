package dev.helpdesk.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Port: makes the writes of several ports one transaction. The desk runs each ticket change's
 * writes in one unit (the ticket with its messages, events and notifications; the customer record
 * of a new ticket; the ticket's SLA timers), so that a failure part-way (a database gone, a lost
 * race on the customer row) leaves none of them behind, and the operation can be retried whole.
 *
 * <p>The in-memory stores cannot fail part-way, and an application whose transaction already spans
 * the desk's calls (the JPA adapter joined to Spring's or a container's transaction) needs nothing
 * more: both use {@link #NONE}. A store with transactions of its own (the standalone JPA adapter)
 * supplies one that begins a transaction, lets every port's calls inside {@link #run} join it, and
 * commits at the end or rolls back on any failure.
 */
public interface UnitOfWork {

  /** Runs the work directly: each port's write is its own. */
  UnitOfWork NONE =
      new UnitOfWork() {
        @Override
        public <T> T run(Supplier<T> work) {
          return work.get();
        }

        @Override
        public String toString() {
          return "no unit of work: each port writes on its own";
        }
      };

  /**
   * Runs {@code work} so that the writes made inside it, through any port of the same store, are
   * kept together or not at all. A call inside another call's work joins the outer unit. When
   * {@code work} throws, the exception propagates after everything it wrote was undone.
   */
  <T> T run(Supplier<T> work);

  /**
   * Calls {@code outcome} once the transaction the caller's writes belong to has ended: with {@code
   * true} after it committed, {@code false} after it rolled back. The desk registers here, from
   * inside {@link #run}, what it may only do once a change is durable (tell listeners and live
   * subscribers, update its in-memory view of agents' loads). A unit that ends with {@code run}
   * calls it when {@code run} ends; one joined to an application's transaction calls it when that
   * transaction completes. The default, for writes that are durable as soon as they are made (the
   * in-memory stores), calls it at once with {@code true}.
   */
  default void afterCompletion(Consumer<Boolean> outcome) {
    outcome.accept(true);
  }
}
