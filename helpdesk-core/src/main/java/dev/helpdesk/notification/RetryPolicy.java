package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/**
 * How often and how patiently a failed delivery is retried: exponential backoff, capped, with
 * jitter so that many notifications that failed together (SMTP down) do not all retry in the same
 * second.
 *
 * @param maxAttempts attempts in all, the first included; then the entry is dead-lettered
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 * @param jitter the share of each wait drawn at random, from 0 (none) to 1 (anywhere in [0, wait])
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

  /** Eight attempts, 10 s doubling up to 1 h, 20% jitter: about 2.5 hours before giving up. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(8, Duration.ofSeconds(10), Duration.ofHours(1), 0.2);

  /** Validates the policy. */
  public RetryPolicy {
    Check.positive("maxAttempts", maxAttempts);
    Check.present("initialBackoff", initialBackoff);
    Check.present("maxBackoff", maxBackoff);
    if (initialBackoff.toMillis() < 1) {
      // Waits are counted in whole milliseconds; less would round to nothing and never grow.
      throw new ValidationException("initialBackoff", "must be at least 1 ms");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ValidationException("maxBackoff", "must not be shorter than initialBackoff");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new ValidationException("jitter", "must be between 0 and 1 (was " + jitter + ")");
    }
  }

  /**
   * The wait after the {@code failures}-th failed attempt.
   *
   * @param failures failed attempts so far, at least 1
   * @param random a number in [0, 1) drawn by the caller
   */
  public Duration backoff(int failures, double random) {
    Check.positive("failures", failures);
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    // Doubling overflows long after ~62 steps; the cap is reached long before for any sane policy.
    int shift = Math.min(failures - 1, 40);
    long base = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
    long wait = Math.round(base * (1 - jitter * random));
    return Duration.ofMillis(Math.max(1, wait));
  }

  /** Whether an entry that has failed {@code failures} times is to be given up. */
  public boolean exhausted(int failures) {
    return failures >= maxAttempts;
  }
}
