package dev.helpdesk.memory;

import dev.helpdesk.contract.CustomersContract;
import dev.helpdesk.customer.Customers;

class InMemoryCustomersTest extends CustomersContract {

  @Override
  protected Customers customers() {
    return new InMemoryCustomers();
  }
}
