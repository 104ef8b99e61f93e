package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.ticket.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
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
public final class SlaMonitor {

  private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

  /** Runs one change on one ticket through the desk, as the monitor's actor. */
  @FunctionalInterface
  public interface Changes {
    /**
     * Loads the ticket, applies {@code operation} to an edit of it, and stores it if it changed.
     */
    void change(TicketId ticketId, Consumer<TicketEdit> operation);
  }

  private final SlaEngine engine;
  private final Clock clock;
  private final Changes changes;

  /**
   * @param engine the desk's SLA engine
   * @param clock the desk's clock
   * @param changes how to change a ticket through the desk
   */
  public SlaMonitor(SlaEngine engine, Clock clock, Changes changes) {
    this.engine = Check.present("engine", engine);
    this.clock = Check.present("clock", clock);
    this.changes = Check.present("changes", changes);
  }

  /**
   * Handles every ticket due now: records the warnings and breaches that fell due (each once per
   * target cycle) with their escalations. A ticket whose change fails is logged and tried again
   * once its claim lapses.
   *
   * @return how many due tickets it handled
   */
  public int tick() {
    Instant now = clock.instant();
    SlaSettings s = engine.settings();
    int handled = 0;
    while (true) {
      List<TicketId> due =
          engine.store().claimDue(now, s.monitorBatch(), now.plus(s.monitorClaim()));
      for (TicketId id : due) {
        try {
          changes.change(id, engine::recordDue);
          handled++;
        } catch (RuntimeException e) {
          log.warn("SLA check of ticket {} failed; retried when its claim lapses", id, e);
        }
      }
      if (due.size() < s.monitorBatch()) {
        return handled;
      }
    }
  }

  /**
   * Runs {@link #tick()} on {@code executor} every {@code period} (with a fixed delay, so ticks
   * never overlap); the application owns the executor and stops it. A tick that throws is logged
   * and the next one runs.
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration period) {
    Check.present("executor", executor);
    long millis = requirePositive(period).toMillis();
    return executor.scheduleWithFixedDelay(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a daemon thread that ticks every {@code period}; close the returned handle to stop it.
   */
  public Running start(Duration period) {
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
      log.warn("SLA monitor tick failed; the next tick runs as planned", e);
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
  public static final class Running implements AutoCloseable {
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
