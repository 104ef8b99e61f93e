package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/**
 * Where the {@link ImapPoller} reads mail.
 *
 * @param host the IMAP host
 * @param port the IMAP port (993 with SSL, 143 without)
 * @param ssl whether the connection is TLS from the first byte
 * @param username the login
 * @param password the password
 * @param folder the folder to read, e.g. {@code INBOX}
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for each answer and write
 * @param maxPerPoll the most messages one poll processes
 */
public record ImapSettings(
    String host,
    int port,
    boolean ssl,
    String username,
    String password,
    String folder,
    Duration connectTimeout,
    Duration readTimeout,
    int maxPerPoll) {

  /** Validates the settings. */
  public ImapSettings {
    Check.line("host", host, 253);
    if (port < 1 || port > 65_535) {
      throw new ValidationException("port", "must be between 1 and 65535 (was " + port + ")");
    }
    Check.line("username", username, 320);
    Check.present("password", password);
    Check.line("folder", folder, 200);
    for (Duration d : new Duration[] {connectTimeout, readTimeout}) {
      Check.present("timeout", d);
      if (d.isNegative() || d.isZero()) {
        throw new ValidationException("timeout", "must be positive (was " + d + ")");
      }
    }
    Check.positive("maxPerPoll", maxPerPoll);
  }

  /** INBOX over TLS with 10 s / 30 s timeouts, 100 messages a poll. */
  public static ImapSettings of(String host, int port, String username, String password) {
    return new ImapSettings(
        host,
        port,
        true,
        username,
        password,
        "INBOX",
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        100);
  }

  /** These settings without TLS (a local test server). */
  public ImapSettings withoutSsl() {
    return new ImapSettings(
        host, port, false, username, password, folder, connectTimeout, readTimeout, maxPerPoll);
  }

  /** The password stays out of logs. */
  @Override
  public String toString() {
    return "ImapSettings[" + username + "@" + host + ":" + port + "/" + folder + "]";
  }
}
