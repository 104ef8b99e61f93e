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
   * The customer with this address, if known. When several share an address the most recently saved
   * wins.
   */
  Optional<Customer> byEmail(EmailAddress email);
}
