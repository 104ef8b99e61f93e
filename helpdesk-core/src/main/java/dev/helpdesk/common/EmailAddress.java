package dev.helpdesk.common;

import java.util.Locale;

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

  /** The characters of a local part besides letters and digits (RFC 5322 atext, and the dot). */
  private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";

  /** Validates the address; see the type's description for the rules. */
  public EmailAddress {
    Check.line("email", value, MAX_LENGTH);
    int at = value.lastIndexOf('@');
    if (at <= 0 || at != value.indexOf('@') || at == value.length() - 1) {
      throw new ValidationException("email", "must be an address like name@example.com");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (!isLocalPart(local)
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
      if (!isLabel(label)) {
        throw new ValidationException("email", "has a malformed domain: '" + domain + "'");
      }
    }
    value = local + "@" + domain.toLowerCase(Locale.ROOT);
  }

  // Character loops rather than regular expressions: every ticket read from a store builds its
  // requester's address again, and the expressions were a fifth of the cost of reading a page.

  /** 1 to 64 letters, digits or {@link #LOCAL_SYMBOLS}. */
  private static boolean isLocalPart(String local) {
    if (local.isEmpty() || local.length() > 64) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!isAsciiLetterOrDigit(c) && LOCAL_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit. */
  private static boolean isLabel(String label) {
    int n = label.length();
    if (n == 0 || n > 63) {
      return false;
    }
    if (!isAsciiLetterOrDigit(label.charAt(0)) || !isAsciiLetterOrDigit(label.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = label.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
