package dev.helpdesk.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: named leases that at most one owner holds at a time, for work that one instance of the
 * application should do at once (polling a mailbox). A lease lasts for the duration its owner asked
 * for and must be renewed before it ends; an owner that crashes simply stops renewing, and the
 * lease is free once its time is up. Kept in the desk's store, leases are shared by every instance
 * that uses that store.
 *
 * <p>Times are given by the caller from the desk's clock, so every instance must keep roughly the
 * same time: a lease is only as exact as the instances' clocks agree. Choose durations well above
 * the clock skew and the longest pause between renewals.
 *
 * <p>Implementations must be thread-safe and decide each call atomically, also between instances.
 */
public interface Leases {

  /** The longest lease name and owner name, in characters. */
  int MAX_NAME_LENGTH = 200;

  /**
   * Takes the lease for {@code owner} until {@code now + duration} if nobody holds it, its holder's
   * time was up at {@code now}, or {@code owner} holds it already (then it is extended).
   *
   * @return whether {@code owner} holds the lease now
   * @throws ValidationException if a name is blank or too long, or the duration is not positive
   */
  boolean tryAcquire(String name, String owner, Instant now, Duration duration);

  /**
   * Extends the lease to {@code now + duration} if {@code owner} holds it and its time is not up at
   * {@code now}.
   *
   * @return whether {@code owner} still holds the lease; false means another owner may have it, and
   *     the work it guards should stop
   * @throws ValidationException if a name is blank or too long, or the duration is not positive
   */
  boolean renew(String name, String owner, Instant now, Duration duration);

  /** Gives the lease up if {@code owner} holds it, so another owner need not wait for its end. */
  void release(String name, String owner);

  /** Who holds the lease at {@code now}, if anyone. */
  Optional<String> holder(String name, Instant now);

  /** Checks the arguments every method takes, naming the field at fault. */
  static void check(String name, String owner) {
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.line("owner", owner, MAX_NAME_LENGTH);
  }

  /** Checks a lease's start and duration, naming the field at fault. */
  static void check(Instant now, Duration duration) {
    Check.present("now", now);
    Check.present("duration", duration);
    if (duration.isNegative() || duration.isZero()) {
      throw new ValidationException("duration", "must be positive (was " + duration + ")");
    }
  }
}
