package dev.helpdesk.jobs;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How often each of the {@link DeskJobs#NAMES desk's jobs} runs, or that it does not run at all.
 * Immutable: {@link #with} and {@link #without} return changed copies.
 *
 * <pre>{@code
 * JobIntervals intervals =
 *     JobIntervals.production()
 *         .with(DeskJobs.DISPATCH, Duration.ofSeconds(2))
 *         .without(DeskJobs.MAIL_POLL);
 * }</pre>
 */
public final class JobIntervals {

  /** By job name, in {@link DeskJobs#NAMES} order; a job switched off has no entry. */
  private final Map<String, Duration> intervals;

  private JobIntervals(Map<String, Duration> intervals) {
    this.intervals = Collections.unmodifiableMap(intervals);
  }

  /**
   * A production desk's rhythm: dispatch every 5 seconds, SLA monitor 10 seconds, queue 30 seconds,
   * escalation 5 minutes, close sweep 15 minutes, pending follow-up 5 minutes, retention 1 hour,
   * mail poll 30 seconds.
   */
  public static JobIntervals production() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put(DeskJobs.DISPATCH, Duration.ofSeconds(5));
    m.put(DeskJobs.SLA_MONITOR, Duration.ofSeconds(10));
    m.put(DeskJobs.QUEUE, Duration.ofSeconds(30));
    m.put(DeskJobs.ESCALATION, Duration.ofMinutes(5));
    m.put(DeskJobs.CLOSE_SWEEP, Duration.ofMinutes(15));
    m.put(DeskJobs.PENDING_FOLLOW_UP, Duration.ofMinutes(5));
    m.put(DeskJobs.RETENTION, Duration.ofHours(1));
    m.put(DeskJobs.MAIL_POLL, Duration.ofSeconds(30));
    return new JobIntervals(m);
  }

  /**
   * These intervals with {@code job} running every {@code interval} (switched on again if it was
   * off).
   *
   * @throws ValidationException naming the job if it is not one of {@link DeskJobs#NAMES} or the
   *     interval is not positive
   */
  public JobIntervals with(String job, Duration interval) {
    known(job);
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new ValidationException(job, "must run at a positive interval (was " + interval + ")");
    }
    Map<String, Duration> m = new LinkedHashMap<>();
    // Rebuilt in NAMES order, so that equal intervals are equal however they were made.
    for (String name : DeskJobs.NAMES) {
      Duration d = name.equals(job) ? interval : intervals.get(name);
      if (d != null) {
        m.put(name, d);
      }
    }
    return new JobIntervals(m);
  }

  /**
   * These intervals with {@code job} switched off: {@link #job} gives no job for it.
   *
   * @throws ValidationException naming the job if it is not one of {@link DeskJobs#NAMES}
   */
  public JobIntervals without(String job) {
    known(job);
    Map<String, Duration> m = new LinkedHashMap<>(intervals);
    m.remove(job);
    return new JobIntervals(m);
  }

  /**
   * How often {@code job} runs; empty when it is switched off.
   *
   * @throws ValidationException naming the job if it is not one of {@link DeskJobs#NAMES}
   */
  public Optional<Duration> of(String job) {
    known(job);
    return Optional.ofNullable(intervals.get(job));
  }

  /**
   * {@code job} as a {@link DeskJob} doing {@code work} at its interval; empty when it is switched
   * off. This is how work outside the core joins the standard jobs, e.g. the mail poll: {@code
   * intervals.job(DeskJobs.MAIL_POLL, () -> poller.pollOnce().size())}.
   *
   * @throws ValidationException naming the job if it is not one of {@link DeskJobs#NAMES}, or if
   *     {@code work} is missing
   */
  public Optional<DeskJob> job(String job, IntSupplier work) {
    return of(job).map(interval -> new DeskJob(job, interval, work));
  }

  private static void known(String job) {
    Check.present("job", job);
    if (!DeskJobs.NAMES.contains(job)) {
      throw new ValidationException(job, "is not a desk job; the jobs are " + DeskJobs.NAMES);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobIntervals other && intervals.equals(other.intervals);
  }

  @Override
  public int hashCode() {
    return intervals.hashCode();
  }

  @Override
  public String toString() {
    return "JobIntervals" + intervals;
  }
}
