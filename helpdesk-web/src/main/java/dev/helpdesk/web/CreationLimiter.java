package dev.helpdesk.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tickets each principal raised in the last {@code period}: a sliding log per principal,
 * kept in this instance's memory (several instances each allow the limit). Principals whose log has
 * run empty are dropped, so memory follows the principals active within one period.
 */
final class CreationLimiter {

  private static final int MAX_PRINCIPALS = 10_000;

  private final int limit;
  private final Duration period;
  private final Clock clock;
  private final Map<String, Deque<Instant>> logs = new ConcurrentHashMap<>();

  CreationLimiter(int limit, Duration period, Clock clock) {
    this.limit = limit;
    this.period = period;
    this.clock = clock;
  }

  /**
   * Counts one creation by {@code principal}, or refuses it.
   *
   * @return empty if allowed (and counted), else how long until the principal may raise again
   */
  Optional<Duration> tryAcquire(String principal) {
    Instant now = clock.instant();
    Duration[] wait = {null};
    logs.compute(
        principal,
        (who, log) -> {
          Deque<Instant> times = log == null ? new ArrayDeque<>() : log;
          expire(times, now);
          if (times.size() >= limit) {
            wait[0] = Duration.between(now, times.peekFirst().plus(period));
          } else {
            times.addLast(now);
          }
          return times;
        });
    if (logs.size() > MAX_PRINCIPALS) {
      // Bound the memory of many one-off principals: drop the logs that have run empty.
      for (String who : logs.keySet()) {
        logs.computeIfPresent(
            who,
            (k, times) -> {
              expire(times, now);
              return times.isEmpty() ? null : times;
            });
      }
    }
    return Optional.ofNullable(wait[0]);
  }

  /** Gives back a creation the desk then refused, so a rejected form does not use up the limit. */
  void release(String principal) {
    logs.computeIfPresent(
        principal,
        (who, times) -> {
          times.pollLast();
          return times;
        });
  }

  private void expire(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(period);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.pollFirst();
    }
  }
}
