package dev.helpdesk.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox address such as {@code ana@example.com}: one {@code @}, a local part of at most 64 and
 * a domain of dot-separated labels, 254 characters in all (RFC 5321 limits). Whitespace, control
 * characters and angle brackets are refused, so an address can never smuggle a header into a mail.
 * The domain is kept lower-case; the local part as given.
 *
 * @param value the address
 */
public record EmailAddress(String value) {

  /** The longest address RFC 5321 lets through a mail server. */
  public static final int MAX_LENGTH = 254;

  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  /** Validates the address; see the type's description for the rules. */
  public EmailAddress {
    Check.line("email", value, MAX_LENGTH);
    int at = value.lastIndexOf('@');
    if (at <= 0 || at != value.indexOf('@') || at == value.length() - 1) {
      throw new ValidationException("email", "must be an address like name@example.com");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (!LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      throw new ValidationException("email", "has a malformed local part: '" + local + "'");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      throw new ValidationException("email", "must have a domain with a dot: '" + domain + "'");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new ValidationException("email", "has a malformed domain: '" + domain + "'");
      }
    }
    value = local + "@" + domain.toLowerCase(Locale.ROOT);
  }

  /** Parses an address, failing with a {@link ValidationException} on field {@code email}. */
  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  /** The part after the {@code @}, lower-case. */
  public String domain() {
    return value.substring(value.indexOf('@') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
