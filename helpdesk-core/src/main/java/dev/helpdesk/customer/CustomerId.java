package dev.helpdesk.customer;

import dev.helpdesk.common.Check;

/**
 * The booking application's own id for a customer (its user id). The desk never invents customer
 * ids; it links tickets to the ones the application already has.
 *
 * @param value at most {@value #MAX_LENGTH} characters, single line
 */
public record CustomerId(String value) {

  /** The longest customer id accepted. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public CustomerId {
    Check.line("customerId", value, MAX_LENGTH);
  }

  /** Wraps {@code value}. */
  public static CustomerId of(String value) {
    return new CustomerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
