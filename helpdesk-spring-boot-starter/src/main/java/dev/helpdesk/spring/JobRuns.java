package dev.helpdesk.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each of the desk's jobs last finished in this instance, for the health indicator: a job that
 * has not finished for several intervals (a stuck SLA monitor) shows as lag.
 */
final class JobRuns {

  /** One job's record. */
  record Run(Instant lastFinished, Optional<String> lastFailure) {}

  private final Clock clock;
  private final Instant started;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  JobRuns(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  void finished(String job) {
    runs.put(job, new Run(clock.instant(), Optional.empty()));
  }

  void failed(String job, RuntimeException e) {
    runs.put(job, new Run(clock.instant(), Optional.of(String.valueOf(e.getMessage()))));
  }

  Optional<Run> last(String job) {
    return Optional.ofNullable(runs.get(job));
  }

  /** How long since {@code job} last finished (or since start-up, if it never did). */
  Duration sinceLast(String job) {
    Instant since = last(job).map(Run::lastFinished).orElse(started);
    return Duration.between(since, clock.instant());
  }
}
