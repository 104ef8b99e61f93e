package dev.helpdesk.internal.live;

import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.live.Subscription;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription's serial queue. Writers {@link #offer} updates, which takes a short lock and
 * never waits for the listener; a delivery task on the executor hands them to the listener one at a
 * time, in order. At most one task per subscriber runs at a time, so order holds on any executor; a
 * task delivers at most {@value #BATCH} updates and then queues itself again, so that a busy
 * subscriber takes turns with the others.
 *
 * <p>Overflow: when an update arrives and {@code capacity} updates are already waiting, the waiting
 * updates and the new one are dropped and replaced by one {@link LiveUpdate.Overflow} counting them
 * (a marker not yet delivered absorbs the next overflow too); later updates queue behind it.
 */
final class Subscriber implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

  /** Updates one delivery task hands over before it lets other subscribers' tasks run. */
  static final int BATCH = 64;

  private final LiveListener listener;
  private final Predicate<Updates.Entry> wants;
  private final Executor executor;
  private final int capacity;
  private final Runnable unregister;
  private final String description;

  // A lock of its own: the subscriber is handed to the application, which may lock on it.
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<LiveUpdate> queue = new ArrayDeque<>();
  private boolean scheduled;
  private boolean closed;

  Subscriber(
      String description,
      LiveListener listener,
      Predicate<Updates.Entry> wants,
      Executor executor,
      int capacity,
      Runnable unregister) {
    this.description = description;
    this.listener = listener;
    this.wants = wants;
    this.executor = executor;
    this.capacity = capacity;
    this.unregister = unregister;
  }

  /** Queues the entries this subscriber wants and makes sure a delivery task will run. */
  void offer(List<Updates.Entry> entries) {
    boolean start = false;
    synchronized (lock) {
      if (closed) {
        return;
      }
      for (Updates.Entry e : entries) {
        if (!wants.test(e)) {
          continue;
        }
        if (queue.size() >= capacity) {
          overflow();
        } else {
          queue.addLast(e.update());
        }
      }
      if (!scheduled && !queue.isEmpty()) {
        scheduled = true;
        start = true;
      }
    }
    if (start) {
      schedule();
    }
  }

  /** Drops what waits and the update arriving, leaving one marker that counts them. */
  private void overflow() {
    long dropped = queue.size() + 1L;
    if (queue.peekFirst() instanceof LiveUpdate.Overflow earlier) {
      // The marker itself was no update; the ones it counted are dropped still.
      dropped += earlier.dropped() - 1;
    }
    queue.clear();
    queue.addLast(new LiveUpdate.Overflow(dropped));
    log.debug("Live subscriber {} fell behind; {} updates dropped", description, dropped);
  }

  private void schedule() {
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      log.warn("Live subscriber {} closed: its delivery executor refused work", description, e);
      close();
    }
  }

  /** A delivery task: hands over up to {@link #BATCH} updates, then queues itself if more wait. */
  private void drain() {
    boolean finished = false;
    try {
      for (int i = 0; i < BATCH; i++) {
        LiveUpdate next;
        synchronized (lock) {
          next = closed ? null : queue.pollFirst();
          if (next == null) {
            scheduled = false;
            finished = true;
            return;
          }
        }
        deliver(next);
      }
      synchronized (lock) {
        if (closed || queue.isEmpty()) {
          scheduled = false;
          finished = true;
          return;
        }
      }
      finished = true;
      schedule();
    } finally {
      if (!finished) {
        // An Error escaped the listener: let the next offer start a new task.
        synchronized (lock) {
          scheduled = false;
        }
      }
    }
  }

  private void deliver(LiveUpdate update) {
    try {
      listener.onUpdate(update);
    } catch (RuntimeException e) {
      log.warn("Live listener of {} failed on {}; it stays subscribed", description, update, e);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
    }
    unregister.run();
  }

  @Override
  public boolean isOpen() {
    synchronized (lock) {
      return !closed;
    }
  }

  @Override
  public String toString() {
    return "Subscription[" + description + "]";
  }
}
