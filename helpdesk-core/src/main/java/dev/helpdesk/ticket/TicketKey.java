package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.regex.Pattern;

/**
 * The ticket number people read and quote, such as {@code HD-1042}: a prefix of capital letters and
 * digits starting with a letter, a dash, and a number. Unique; issued by the {@link TicketKeys}
 * port so that a database sequence can serve it.
 *
 * @param value the key
 */
public record TicketKey(String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9]{0,9}-[0-9]{1,18}");

  /** Validates the key. */
  public TicketKey {
    Check.line("ticketKey", value, 29);
    if (!FORMAT.matcher(value).matches()) {
      throw new ValidationException("ticketKey", "must look like HD-1042 (was '" + value + "')");
    }
  }

  /** The key {@code prefix-number}. */
  public static TicketKey of(String prefix, long number) {
    if (number < 0) {
      throw new ValidationException(
          "ticketKey", "number must not be negative (was " + number + ")");
    }
    return new TicketKey(prefix + "-" + number);
  }

  /** Parses a key such as {@code HD-1042}. */
  public static TicketKey parse(String value) {
    return new TicketKey(value);
  }

  /** The part before the dash. */
  public String prefix() {
    return value.substring(0, value.indexOf('-'));
  }

  /** The number after the dash. */
  public long number() {
    return Long.parseLong(value.substring(value.indexOf('-') + 1));
  }

  @Override
  public String toString() {
    return value;
  }
}
