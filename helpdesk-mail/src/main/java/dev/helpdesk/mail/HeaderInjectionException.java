package dev.helpdesk.mail;

import dev.helpdesk.notification.UndeliverableException;

/**
 * A value bound for a mail header (a subject, a display name, an address) holds a line break or a
 * NUL character, which could add headers or recipients of an attacker's choosing. Nothing was sent.
 */
public final class HeaderInjectionException extends UndeliverableException {

  private final String field;

  /**
   * @param field the header or setting that held the forbidden character, e.g. {@code subject}
   */
  public HeaderInjectionException(String field) {
    super("header '" + field + "' must not contain CR, LF, NUL or other line breaks");
    this.field = field;
  }

  /** The header or setting that held the forbidden character. */
  public String field() {
    return field;
  }

  /**
   * Returns {@code value} if it is safe in a header: no CR, LF or NUL, nor the Unicode line breaks
   * (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) that some mail software also breaks lines on.
   *
   * @throws HeaderInjectionException naming {@code field} otherwise
   */
  public static String requireSafe(String field, String value) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        throw new HeaderInjectionException(field);
      }
    }
    return value;
  }
}
