package dev.helpdesk.customer;

import dev.helpdesk.common.EmailAddress;
import java.util.Optional;

/**
 * Port: the customers the desk has met. The desk records a customer when they open a ticket, so
 * that inbound mail can be matched to them by address. Implementations must be thread-safe.
 */
public interface Customers {

  /** Stores the customer, replacing what was known under the same id. */
  void save(Customer customer);

  /** The customer with this id, if known. */
  Optional<Customer> byId(CustomerId id);

  /**
   * The one customer with this address, if exactly one has it. When several share an address, none:
   * the address does not tell which of them wrote, and guessing would hand one customer's mail to
   * another.
   */
  Optional<Customer> byEmail(EmailAddress email);
}
