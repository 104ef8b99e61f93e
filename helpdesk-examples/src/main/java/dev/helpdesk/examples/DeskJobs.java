package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.mail.inbound.ImapPoller;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's time-driven work on one scheduled executor: delivering notifications, reading the
 * support mailbox, SLA timers, serving the queue, escalating unanswered tickets and closing solved
 * ones. The desk never starts threads of its own; the application decides when this work runs. See
 * {@code docs/operations.md}.
 */
public final class DeskJobs {

  private static final Logger log = LoggerFactory.getLogger(DeskJobs.class);

  /**
   * How often each job runs.
   *
   * @param dispatch delivering due notifications
   * @param poll reading the support mailbox
   * @param slaTick recording SLA warnings and breaches as they fall due
   * @param queue serving the queue (capacity freed by other instances)
   * @param escalation the assignment policy's no-reply escalation
   * @param closeSweep closing tickets solved long enough ago
   */
  public record Periods(
      Duration dispatch,
      Duration poll,
      Duration slaTick,
      Duration queue,
      Duration escalation,
      Duration closeSweep) {

    /** A production desk's rhythm. */
    public static final Periods PRODUCTION =
        new Periods(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15));

    /** Short periods, so that a demo feels immediate. */
    public static final Periods DEMO =
        new Periods(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
  }

  private DeskJobs() {}

  /**
   * Schedules every job on a new single-threaded executor of daemon threads; shut it down with
   * {@code shutdownNow()} when the application stops.
   */
  public static ScheduledExecutorService start(
      HelpDesk desk, Optional<ImapPoller> poller, Periods periods) {
    ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(daemon());
    // snippet:operations-jobs
    every(jobs, periods.dispatch(), "send mail", desk::dispatchNotifications);
    poller.ifPresent(p -> every(jobs, periods.poll(), "read mail", () -> p.pollOnce().size()));
    desk.slaMonitor().ifPresent(m -> every(jobs, periods.slaTick(), "SLA timers", m::tick));
    every(jobs, periods.queue(), "serve the queue", desk::assignQueued);
    every(jobs, periods.escalation(), "escalate overdue", desk::escalateOverdue);
    every(jobs, periods.closeSweep(), "close solved", desk::closeSolvedTickets);
    // end-snippet
    return jobs;
  }

  // snippet:operations-every
  /**
   * Runs {@code job} with a fixed delay between the end of one run and the start of the next, so
   * that a slow run never piles up behind itself. A failure is logged and the next run comes as
   * planned: an exception escaping a scheduled task would cancel all its later runs, silently.
   */
  static void every(ScheduledExecutorService jobs, Duration period, String name, IntSupplier job) {
    long millis = period.toMillis();
    jobs.scheduleWithFixedDelay(
        () -> {
          try {
            int done = job.getAsInt();
            if (done > 0) {
              log.debug("{}: {}", name, done);
            }
          } catch (RuntimeException e) {
            log.warn("Job '{}' failed; it runs again in {}", name, period, e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  // end-snippet

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "desk-jobs-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
