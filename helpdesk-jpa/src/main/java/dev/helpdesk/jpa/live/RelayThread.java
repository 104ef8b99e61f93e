package dev.helpdesk.jpa.live;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread a change relay runs on, and its life: started once, waited for until it
 * first reaches the database (so that the desk's own first changes are heard), and stopped on
 * close. The relays differ only in what the thread does.
 */
final class RelayThread {

  private static final Logger log = LoggerFactory.getLogger(RelayThread.class);

  /** How long {@link #start} waits for the thread to first reach the database. */
  static final Duration START_WAIT = Duration.ofSeconds(10);

  private final String name;
  private final Object lock = new Object();
  private final CountDownLatch reached = new CountDownLatch(1);
  private Thread thread;
  private volatile boolean closed;

  RelayThread(String name) {
    this.name = name;
  }

  /**
   * Starts {@code body} on the thread and waits up to {@link #START_WAIT} for it to call {@link
   * #reachedDatabase}; a database not reachable yet is the body's to retry.
   *
   * @throws IllegalStateException if the relay was started already
   */
  void start(Runnable body) {
    synchronized (lock) {
      if (thread != null) {
        throw new IllegalStateException("the relay was started already");
      }
      thread = new Thread(body, name);
      thread.setDaemon(true);
      thread.start();
    }
    try {
      if (!reached.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("The change relay ({}) has not reached the database yet; it keeps trying", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called by the body once it listens or has read: {@link #start} returns. */
  void reachedDatabase() {
    reached.countDown();
  }

  /** Whether {@link #close} was called: the body ends its loop. */
  boolean closed() {
    return closed;
  }

  /**
   * Sleeps between attempts; false when woken by {@link #close} (the body should end).
   *
   * @param duration how long
   */
  boolean pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
      return false;
    }
  }

  /** Stops the thread, waiting up to five seconds for it to end. */
  void close() {
    closed = true;
    Thread running;
    synchronized (lock) {
      running = thread;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
