package dev.helpdesk.memory;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Customers kept in memory: the embedded default. */
public final class InMemoryCustomers implements Customers {

  private final Map<CustomerId, Customer> byId = new HashMap<>();

  /** Per address, the customers who have it. */
  private final Map<EmailAddress, Set<CustomerId>> byEmail = new HashMap<>();

  @Override
  public synchronized void save(Customer customer) {
    Objects.requireNonNull(customer, "customer");
    Customer old = byId.put(customer.id(), customer);
    if (old != null) {
      Set<CustomerId> holders = byEmail.get(old.email());
      holders.remove(old.id());
      if (holders.isEmpty()) {
        byEmail.remove(old.email());
      }
    }
    byEmail.computeIfAbsent(customer.email(), e -> new LinkedHashSet<>()).add(customer.id());
  }

  @Override
  public synchronized Optional<Customer> byId(CustomerId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<Customer> byEmail(EmailAddress email) {
    Set<CustomerId> holders = byEmail.getOrDefault(email, Set.of());
    return holders.size() == 1
        ? Optional.of(byId.get(holders.iterator().next()))
        : Optional.empty();
  }
}
