package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A person copied on a ticket: they receive its public replies (never internal notes) and their
 * mailed answers land on it as public replies. A CC is an address, not an account: it gives no
 * access to the ticket nor to any other.
 *
 * @param email where the replies go; two CCs with addresses that differ only in case are the same
 * @param name display name, single line, at most {@value #MAX_NAME_LENGTH} characters, if known
 */
public record Cc(EmailAddress email, Optional<String> name) {

  /** The longest display name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Validates the CC; a blank name is no name. */
  public Cc {
    Check.present("cc.email", email);
    Check.present("cc.name", name);
    name = name.filter(n -> !n.isBlank()).map(n -> Check.line("cc.name", n, MAX_NAME_LENGTH));
  }

  /** A CC without a name, failing with a {@code ValidationException} on a malformed address. */
  public static Cc of(String email) {
    return new Cc(EmailAddress.of(email), Optional.empty());
  }

  /** A CC with a name. */
  public static Cc of(String email, String name) {
    return new Cc(EmailAddress.of(email), Optional.of(name));
  }

  /** Whether this CC has the address {@code other}, ignoring case. */
  public boolean hasAddress(EmailAddress other) {
    return key(email).equals(key(other));
  }

  /** The name to address them by: their name, or their address when none is known. */
  public String displayName() {
    return name.orElse(email.value());
  }

  /**
   * The address as CCs are compared: case-insensitively, as mail servers treat them in practice.
   */
  static String key(EmailAddress email) {
    return email.value().toLowerCase(Locale.ROOT);
  }
}
