package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Records warnings and breaches as they fall due, at the time the injected clock says. Each {@link
 * #tick()} claims the tickets whose next check has come from the {@link SlaTimers} index (so its
 * cost follows what is due, not how many tickets are open) and runs one change on each as the
 * system actor {@code sla-monitor}; that change records the events, runs the escalations and
 * re-indexes the ticket. Get it from {@code HelpDesk.slaMonitor()}; call {@code tick()} from your
 * own scheduler or tests, or let {@link #start(Duration)} run it. Thread-safe; several monitors
 * (also in several processes over one database) share the work through the claims.
 */
public interface SlaMonitor {

  /**
   * Handles every ticket due now: records the warnings and breaches that fell due (each once per
   * target cycle) with their escalations. A ticket whose change fails is logged and tried again
   * once its claim lapses.
   *
   * @return how many due tickets it handled
   */
  int tick();

  /**
   * Runs {@link #tick()} on {@code executor} every {@code period} (with a fixed delay, so ticks
   * never overlap); the application owns the executor and stops it. A tick that throws is logged
   * and the next one runs.
   */
  default ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration period) {
    Check.present("executor", executor);
    long millis = requirePositive(period).toMillis();
    return executor.scheduleWithFixedDelay(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a daemon thread that ticks every {@code period}; close the returned handle to stop it.
   */
  default Running start(Duration period) {
    requirePositive(period);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "helpdesk-sla-monitor");
              t.setDaemon(true);
              return t;
            });
    schedule(executor, period);
    return new Running(executor);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(SlaMonitor.class)
          .warn("SLA monitor tick failed; the next tick runs as planned", e);
    }
  }

  private static Duration requirePositive(Duration period) {
    Check.present("period", period);
    if (period.toMillis() <= 0) {
      throw new ValidationException("period", "must be at least 1 ms (was " + period + ")");
    }
    return period;
  }

  /** A monitor running on its own thread; {@link #close()} stops it after the current tick. */
  final class Running implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private Running(ScheduledExecutorService executor) {
      this.executor = executor;
    }

    /** Stops ticking and waits up to 10 seconds for a tick in progress. */
    @Override
    public void close() {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }

    /** Whether it still runs. */
    public boolean isRunning() {
      return !executor.isShutdown();
    }
  }
}
