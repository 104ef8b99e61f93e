package dev.helpdesk.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each of the desk's jobs last ended a run in this instance, for the health indicator: a job
 * that has not ended a run for several intervals (a stuck SLA monitor) shows as lag.
 */
final class JobRuns {

  private final Clock clock;
  private final Instant started;
  private final Map<String, Instant> lastEnded = new ConcurrentHashMap<>();

  JobRuns(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  void ended(String job) {
    lastEnded.put(job, clock.instant());
  }

  /** How long since {@code job} last ended a run (or since start-up, if it never did). */
  Duration sinceLast(String job) {
    return Duration.between(lastEnded.getOrDefault(job, started), clock.instant());
  }
}
