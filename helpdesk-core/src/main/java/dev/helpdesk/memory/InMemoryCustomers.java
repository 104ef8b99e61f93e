package dev.helpdesk.memory;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Customers kept in memory: the embedded default. */
public final class InMemoryCustomers implements Customers {

  private final Map<CustomerId, Customer> byId = new HashMap<>();
  private final Map<EmailAddress, CustomerId> byEmail = new HashMap<>();

  @Override
  public synchronized void save(Customer customer) {
    Objects.requireNonNull(customer, "customer");
    Customer old = byId.put(customer.id(), customer);
    if (old != null && !old.email().equals(customer.email())) {
      byEmail.remove(old.email(), old.id());
    }
    byEmail.put(customer.email(), customer.id());
  }

  @Override
  public synchronized Optional<Customer> byId(CustomerId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<Customer> byEmail(EmailAddress email) {
    return Optional.ofNullable(byEmail.get(email)).map(byId::get);
  }
}
