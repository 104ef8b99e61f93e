package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.UUID;

/**
 * A ticket's technical id. Customers and agents see the {@link TicketKey} instead.
 *
 * @param value a random UUID
 */
public record TicketId(UUID value) {

  /** Validates the id. */
  public TicketId {
    Check.present("ticketId", value);
  }

  /** A fresh random id. */
  public static TicketId random() {
    return new TicketId(UUID.randomUUID());
  }

  /** Parses the UUID form, failing with a {@link ValidationException} on field {@code ticketId}. */
  public static TicketId parse(String value) {
    Check.line("ticketId", value, 36);
    try {
      return new TicketId(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("ticketId", "must be a UUID (was '" + value + "')");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
