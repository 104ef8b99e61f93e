package dev.helpdesk.jobs;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DeskJob}s on a plain scheduled executor of daemon threads, for applications without a
 * scheduler of their own; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (DeskScheduler scheduler =
 *     DeskScheduler.start(DeskJobs.standard(desk, JobIntervals.production()))) {
 *   // the application runs
 * }
 * }</pre>
 *
 * <p>Each job runs with a fixed delay between the end of one run and the start of the next, so a
 * slow run never piles up behind itself. Its first run comes after one second, or its interval if
 * shorter: work that fell due while the application was down (notifications, tickets to close) is
 * done right after a start rather than a whole interval later, and an application restarted more
 * often than every 15 minutes still sweeps. A job that throws is logged at WARN and runs again at
 * its next interval. While a job runs, its thread is named {@code helpdesk-job-<name>}.
 */
public final class DeskScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeskScheduler.class);

  /** The first run's delay at most: long enough for the application to finish starting. */
  static final long FIRST_RUN_MILLIS = 1000;

  private static final AtomicInteger schedulers = new AtomicInteger();

  private final List<DeskJob> jobs;
  private final ScheduledThreadPoolExecutor executor;
  private final Duration shutdownWait;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DeskScheduler(List<DeskJob> jobs, int threads, Duration shutdownWait) {
    this.jobs = jobs;
    this.shutdownWait = shutdownWait;
    this.executor = new ScheduledThreadPoolExecutor(threads, daemons());
    // close() stops the schedule: a run that was due but has not started is dropped, not run.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    for (DeskJob job : jobs) {
      long interval = job.interval().toNanos();
      executor.scheduleWithFixedDelay(
          () -> run(job),
          Math.min(interval, TimeUnit.MILLISECONDS.toNanos(FIRST_RUN_MILLIS)),
          interval,
          TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts running {@code jobs} on the builder's defaults (two threads, five seconds' shutdown
   * wait).
   *
   * @throws ValidationException if the list is missing or two jobs share a name
   */
  public static DeskScheduler start(List<DeskJob> jobs) {
    return builder().jobs(jobs).start();
  }

  /** A builder for a scheduler with more threads or another shutdown wait. */
  public static Builder builder() {
    return new Builder();
  }

  /** The jobs this scheduler runs, in the order given. */
  public List<DeskJob> jobs() {
    return jobs;
  }

  /**
   * Stops scheduling, waits up to the shutdown wait for runs in progress to finish, then interrupts
   * them. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(shutdownWait.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn("Desk jobs still running after {}; interrupting them", shutdownWait);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One run. An exception escaping a periodic task would cancel all its later runs silently, so a
   * failure is logged here and the next run comes as planned.
   */
  private static void run(DeskJob job) {
    Thread thread = Thread.currentThread();
    String idle = thread.getName();
    thread.setName("helpdesk-job-" + job.name());
    try {
      int done = job.runOnce();
      if (done > 0) {
        log.debug("Job '{}' did {}", job.name(), done);
      }
    } catch (RuntimeException e) {
      log.warn("Job '{}' failed; it runs again in {}", job.name(), job.interval(), e);
    } catch (Error e) {
      // Not swallowed (the JVM may be in trouble), but said aloud: the job runs no more.
      log.error("Job '{}' failed with an error and stops running", job.name(), e);
      throw e;
    } finally {
      thread.setName(idle);
    }
  }

  private static ThreadFactory daemons() {
    int scheduler = schedulers.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "helpdesk-jobs-" + scheduler + "-" + n.incrementAndGet());
      // Daemon threads: the jobs never keep an application alive that forgot to close them.
      t.setDaemon(true);
      return t;
    };
  }

  /** Collects the jobs and settings of a {@link DeskScheduler}. */
  public static final class Builder {

    private final List<DeskJob> jobs = new ArrayList<>();
    private int threads = 2;
    private Duration shutdownWait = Duration.ofSeconds(5);

    private Builder() {}

    /** Adds these jobs. */
    public Builder jobs(List<DeskJob> jobs) {
      Check.present("jobs", jobs).forEach(this::job);
      return this;
    }

    /** Adds one job. */
    public Builder job(DeskJob job) {
      jobs.add(Check.present("job", job));
      return this;
    }

    /**
     * How many threads run the jobs (default 2, so one slow job, such as a mail poll waiting on its
     * server, does not hold up the others).
     */
    public Builder threads(int threads) {
      this.threads = Check.positive("threads", threads);
      return this;
    }

    /**
     * How long {@link DeskScheduler#close()} waits for runs in progress before interrupting them
     * (default 5 seconds; zero interrupts at once).
     */
    public Builder shutdownWait(Duration wait) {
      Check.present("shutdownWait", wait);
      if (wait.isNegative()) {
        throw new ValidationException("shutdownWait", "must not be negative (was " + wait + ")");
      }
      this.shutdownWait = wait;
      return this;
    }

    /**
     * Starts running the jobs.
     *
     * @throws ValidationException if two jobs share a name (logs and thread names would mix them)
     */
    public DeskScheduler start() {
      Set<String> names = new HashSet<>();
      for (DeskJob job : jobs) {
        if (!names.add(job.name())) {
          throw new ValidationException("jobs", "has two jobs named '" + job.name() + "'");
        }
      }
      return new DeskScheduler(List.copyOf(jobs), threads, shutdownWait);
    }
  }
}
