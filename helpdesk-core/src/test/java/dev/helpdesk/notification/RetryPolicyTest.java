package dev.helpdesk.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.helpdesk.common.ValidationException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.core.Gen;

class RetryPolicyTest {

  // ---- properties ------------------------------------------------------------------------------

  @Test
  void backoffLiesBetweenTheJitteredAndTheFullExponentialWait() {
    qt().forAll(policies(), integers().between(1, 100), randoms())
        .checkAssert(
            (policy, failures, random) -> {
              long base = base(policy, failures);
              long wait = policy.backoff(failures, random).toMillis();
              // Waits are whole milliseconds, so the lower bound is rounded down to one.
              long lowest = (long) Math.floor(base * (1 - policy.jitter()));
              assertTrue(
                  wait >= lowest && wait <= base,
                  () ->
                      policy
                          + " failures="
                          + failures
                          + " random="
                          + random
                          + ": "
                          + wait
                          + " ms not in ["
                          + lowest
                          + ", "
                          + base
                          + "]");
            });
  }

  @Test
  void backoffIsPositiveAndNeverExceedsMaxBackoff() {
    qt().forAll(policies(), integers().between(1, Integer.MAX_VALUE), randoms())
        .checkAssert(
            (policy, failures, random) -> {
              Duration wait = policy.backoff(failures, random);
              assertTrue(
                  !wait.isNegative() && !wait.isZero(),
                  () -> policy + " failures=" + failures + ": " + wait);
              assertTrue(
                  wait.compareTo(policy.maxBackoff()) <= 0,
                  () -> policy + " failures=" + failures + ": " + wait);
            });
  }

  @Test
  void backoffNeverShrinksAsFailuresGrowForAFixedRandom() {
    qt().forAll(policies(), integers().between(1, 100), randoms())
        .checkAssert(
            (policy, failures, random) -> {
              Duration now = policy.backoff(failures, random);
              Duration next = policy.backoff(failures + 1, random);
              assertTrue(
                  now.compareTo(next) <= 0,
                  () ->
                      policy
                          + " random="
                          + random
                          + ": "
                          + now
                          + " after "
                          + failures
                          + " failures but "
                          + next
                          + " after one more");
            });
  }

  @Test
  void withoutJitterBackoffIsExactlyTheCappedExponentialWait() {
    qt().forAll(policies().map(p -> withJitter(p, 0)), integers().between(1, 100), randoms())
        .checkAssert(
            (policy, failures, random) ->
                assertEquals(base(policy, failures), policy.backoff(failures, random).toMillis()));
  }

  // ---- examples --------------------------------------------------------------------------------

  @Test
  void defaultPolicyDoublesFromTenSecondsUpToAnHour() {
    RetryPolicy p = RetryPolicy.DEFAULT;

    assertEquals(Duration.ofSeconds(10), p.backoff(1, 0.0));
    assertEquals(Duration.ofSeconds(20), p.backoff(2, 0.0));
    assertEquals(Duration.ofSeconds(2560), p.backoff(9, 0.0));
    assertEquals(Duration.ofHours(1), p.backoff(10, 0.0));
    assertEquals(Duration.ofHours(1), p.backoff(1_000, 0.0));
    assertEquals(Duration.ofSeconds(8), p.backoff(1, Math.nextDown(1.0)));
  }

  @Test
  void defaultPolicyGivesUpAtTheEighthFailure() {
    assertFalse(RetryPolicy.DEFAULT.exhausted(7));
    assertTrue(RetryPolicy.DEFAULT.exhausted(8));
  }

  @Test
  void maxAttemptsMustBePositive() {
    assertField("maxAttempts", () -> policy(0, 10_000, 60_000, 0.2));
    assertField("maxAttempts", () -> policy(-1, 10_000, 60_000, 0.2));
  }

  @Test
  void jitterMustBeBetweenZeroAndOne() {
    assertField("jitter", () -> policy(3, 10_000, 60_000, 1.5));
    assertField("jitter", () -> policy(3, 10_000, 60_000, -0.1));
    assertField("jitter", () -> policy(3, 10_000, 60_000, Double.NaN));
  }

  @Test
  void maxBackoffMustNotBeShorterThanInitialBackoff() {
    assertField("maxBackoff", () -> policy(3, 10_000, 9_999, 0.2));
  }

  @Test
  void initialBackoffMustBePositiveAndPresent() {
    assertField("initialBackoff", () -> policy(3, 0, 60_000, 0.2));
    assertField("initialBackoff", () -> policy(3, -1, 60_000, 0.2));
    assertField("initialBackoff", () -> new RetryPolicy(3, null, Duration.ofMinutes(1), 0.2));
    assertField(
        "initialBackoff",
        () -> new RetryPolicy(3, Duration.ofNanos(999_999), Duration.ofMinutes(1), 0.2));
    assertField("maxBackoff", () -> new RetryPolicy(3, Duration.ofSeconds(1), null, 0.2));
  }

  @Test
  void backoffNeedsAtLeastOneFailure() {
    assertField("failures", () -> RetryPolicy.DEFAULT.backoff(0, 0.5));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Policies from a millisecond to a minute of initial backoff, with a cap from the initial backoff
   * itself up to about 2^16 times it (some 45 days at most).
   */
  private static Gen<RetryPolicy> policies() {
    return longs()
        .between(1, 60_000)
        .zip(
            longs().between(1, 1L << 16),
            longs().between(0, 999),
            doubles().between(0, 1),
            integers().between(1, 20),
            (initial, factor, extra, jitter, attempts) ->
                new RetryPolicy(
                    attempts,
                    Duration.ofMillis(initial),
                    Duration.ofMillis(initial * factor + extra),
                    jitter));
  }

  /** Numbers in [0, 1), as the dispatcher draws them. */
  private static Gen<Double> randoms() {
    return doubles().between(0, Math.nextDown(1.0));
  }

  /** min(max, initial * 2^(failures - 1)) in milliseconds, computed without overflow. */
  private static long base(RetryPolicy policy, int failures) {
    return BigInteger.valueOf(policy.initialBackoff().toMillis())
        .shiftLeft(failures - 1)
        .min(BigInteger.valueOf(policy.maxBackoff().toMillis()))
        .longValueExact();
  }

  private static RetryPolicy withJitter(RetryPolicy p, double jitter) {
    return new RetryPolicy(p.maxAttempts(), p.initialBackoff(), p.maxBackoff(), jitter);
  }

  private static RetryPolicy policy(int attempts, long initialMillis, long maxMillis, double j) {
    return new RetryPolicy(
        attempts, Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), j);
  }

  private static void assertField(String field, Executable action) {
    ValidationException e = assertThrows(ValidationException.class, action);
    assertEquals(field, e.field(), e.getMessage());
  }
}
