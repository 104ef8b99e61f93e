package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/**
 * How the dispatcher acknowledges deliveries: it records them delivered in groups, one outbox call
 * (one statement in a database) per group, rather than one per notification. A group is recorded
 * when it holds {@code maxMessages} deliveries, when a delivery completes {@code maxDelay} or more
 * after the group's first one, and at the end of every batch, whichever comes first.
 *
 * <p>The window bounds what a crash re-sends: deliveries not yet acknowledged when the dispatcher
 * dies are sent again once their claim's lease ends, so at most {@code maxMessages} notifications
 * of a batch are delivered twice.
 *
 * @param maxMessages deliveries acknowledged together at most, at least 1 (1 acknowledges each at
 *     once)
 * @param maxDelay how long the first delivery of a group may wait for company, zero or more
 */
public record AckWindow(int maxMessages, Duration maxDelay) {

  /** At most 10 deliveries and 500 ms. */
  public static final AckWindow DEFAULT = new AckWindow(10, Duration.ofMillis(500));

  /** Validates the window. */
  public AckWindow {
    Check.positive("maxMessages", maxMessages);
    Check.present("maxDelay", maxDelay);
    if (maxDelay.isNegative()) {
      throw new ValidationException("maxDelay", "must not be negative (was " + maxDelay + ")");
    }
  }
}
