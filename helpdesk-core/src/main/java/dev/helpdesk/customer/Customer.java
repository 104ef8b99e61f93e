package dev.helpdesk.customer;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;

/**
 * A customer of the booking application as the desk knows them: enough to address a reply.
 *
 * @param id the application's id for the customer
 * @param name the display name, at most {@value #MAX_NAME_LENGTH} characters, single line
 * @param email where notifications go
 */
public record Customer(CustomerId id, String name, EmailAddress email) {

  /** The longest display name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Validates the customer. */
  public Customer {
    Check.present("customerId", id);
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("email", email);
  }
}
