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

  /** Wraps {@code value}, like {@code AgentId.of}. */
  public static TicketId of(UUID value) {
    return new TicketId(value);
  }

  /**
   * The id of this UUID form; see {@link #parse(String)}.
   *
   * @throws ValidationException on field {@code ticketId} if it is not a UUID
   */
  public static TicketId of(String value) {
    return parse(value);
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
