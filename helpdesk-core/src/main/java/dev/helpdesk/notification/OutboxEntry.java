package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * A notification in the outbox together with its delivery state.
 *
 * @param notification what to deliver
 * @param state where it stands
 * @param attempts failed attempts so far
 * @param nextAttemptAt when it may be tried (again); for a claimed entry, when its lease expires
 * @param lastError why the last attempt failed, if it did
 */
public record OutboxEntry(
    Notification notification,
    State state,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> lastError) {

  /** Validates the entry. */
  public OutboxEntry {
    Check.present("notification", notification);
    Check.present("state", state);
    Check.present("nextAttemptAt", nextAttemptAt);
    Check.present("lastError", lastError);
  }

  /** Where an entry stands. */
  public enum State {
    /** Waiting for its next attempt. */
    PENDING,
    /** Claimed by a dispatcher until its lease expires. */
    CLAIMED,
    /** Delivered; kept for audit. */
    DELIVERED,
    /** Gave up after the maximum attempts; visible through {@link Outbox#deadLetters(int)}. */
    DEAD
  }
}
