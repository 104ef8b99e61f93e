package dev.helpdesk.jpa.live;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/**
 * How a change relay over the database works.
 *
 * @param pollInterval how often the polling relay reads the changes of the last moments (and how
 *     often the PostgreSQL relay checks its connection is alive); default 250 ms
 * @param window how far back each read looks: longer than any desk transaction takes to commit (a
 *     change is stamped when its rows are written, seen when it commits); default 10 s
 * @param reconnectDelay how long the PostgreSQL relay waits before it connects again after losing
 *     its connection; default 1 s
 * @param channel the PostgreSQL notification channel, one per desk sharing a database; default
 *     {@code helpdesk_changes}
 */
public record RelaySettings(
    Duration pollInterval, Duration window, Duration reconnectDelay, String channel) {

  /** The defaults. */
  public static final RelaySettings DEFAULTS =
      new RelaySettings(
          Duration.ofMillis(250),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          "helpdesk_changes");

  /** Validates the settings. */
  public RelaySettings {
    positive("pollInterval", pollInterval);
    positive("window", window);
    positive("reconnectDelay", reconnectDelay);
    Check.line("channel", channel, 63);
    if (!channel.matches("[a-z_][a-z0-9_]*")) {
      throw new ValidationException(
          "channel", "must be a lower-case SQL identifier (was '" + channel + "')");
    }
    if (window.compareTo(pollInterval) <= 0) {
      throw new ValidationException(
          "window",
          "must be longer than the poll interval " + pollInterval + " (was " + window + ")");
    }
  }

  /** These settings with another poll interval. */
  public RelaySettings withPollInterval(Duration interval) {
    return new RelaySettings(interval, window, reconnectDelay, channel);
  }

  /** These settings with another window. */
  public RelaySettings withWindow(Duration window) {
    return new RelaySettings(pollInterval, window, reconnectDelay, channel);
  }

  /** These settings with another reconnect delay. */
  public RelaySettings withReconnectDelay(Duration delay) {
    return new RelaySettings(pollInterval, window, delay, channel);
  }

  /** These settings with another channel. */
  public RelaySettings withChannel(String channel) {
    return new RelaySettings(pollInterval, window, reconnectDelay, channel);
  }

  private static void positive(String field, Duration d) {
    Check.present(field, d);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be positive (was " + d + ")");
    }
  }
}
