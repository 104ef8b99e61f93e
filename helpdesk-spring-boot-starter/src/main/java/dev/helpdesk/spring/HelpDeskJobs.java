package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jobs.DeskScheduler;
import dev.helpdesk.jobs.JobIntervals;
import dev.helpdesk.mail.inbound.ImapPoller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The desk's jobs, started with the application context and stopped before the desk closes. They
 * run on the application's {@link TaskScheduler} when it has exactly one (Spring Boot configures
 * one with {@code @EnableScheduling}), otherwise on a {@link DeskScheduler} of their own.
 */
public final class HelpDeskJobs implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HelpDeskJobs.class);

  private final List<DeskJob> jobs;
  private final TaskScheduler taskScheduler;
  private final JobRuns runs;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private DeskScheduler own;
  private volatile boolean running;

  HelpDeskJobs(
      HelpDesk desk,
      JobIntervals intervals,
      ImapPoller poller,
      TaskScheduler taskScheduler,
      JobRuns runs) {
    this.taskScheduler = taskScheduler;
    this.runs = runs;
    List<DeskJob> all = new ArrayList<>(DeskJobs.standard(desk, intervals));
    if (poller != null) {
      intervals.job(DeskJobs.MAIL_POLL, () -> poller.pollOnce().size()).ifPresent(all::add);
    }
    this.jobs = all.stream().map(this::recorded).toList();
  }

  /** The jobs this instance runs, each with its interval. */
  public List<DeskJob> jobs() {
    return jobs;
  }

  JobRuns runs() {
    return runs;
  }

  /** Records each run's end, so that the health indicator sees a job that stopped finishing. */
  private DeskJob recorded(DeskJob job) {
    return new DeskJob(
        job.name(),
        job.interval(),
        () -> {
          try {
            return job.runOnce();
          } finally {
            runs.ended(job.name());
          }
        });
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (taskScheduler == null) {
      own = DeskScheduler.start(jobs);
    } else {
      for (DeskJob job : jobs) {
        scheduled.add(
            taskScheduler.scheduleWithFixedDelay(
                () -> runLogged(job), Instant.now().plus(firstDelay(job)), job.interval()));
      }
    }
    running = true;
    log.info(
        "Desk jobs started on {}: {}",
        taskScheduler == null ? "their own scheduler" : "the application's task scheduler",
        jobs.stream().map(j -> j.name() + " every " + j.interval()).toList());
  }

  /**
   * As the desk's own scheduler: one second, or the interval if shorter, so that work that fell due
   * while the application was down runs soon after start, not a whole interval later.
   */
  private static Duration firstDelay(DeskJob job) {
    Duration second = Duration.ofSeconds(1);
    return job.interval().compareTo(second) < 0 ? job.interval() : second;
  }

  /** A failed run is logged and the next comes as planned. */
  private static void runLogged(DeskJob job) {
    try {
      int done = job.runOnce();
      if (done > 0) {
        log.debug("{}: {}", job.name(), done);
      }
    } catch (RuntimeException e) {
      log.warn("Desk job '{}' failed; it runs again in {}", job.name(), job.interval(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    scheduled.forEach(f -> f.cancel(false));
    scheduled.clear();
    if (own != null) {
      own.close();
      own = null;
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
