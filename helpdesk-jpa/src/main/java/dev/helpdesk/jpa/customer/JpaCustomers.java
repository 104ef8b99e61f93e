package dev.helpdesk.jpa.customer;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Customers in {@code hd_customer}, found by id or by address. */
public final class JpaCustomers implements Customers {

  /** The sequence that numbers saves (drawn in the saving statement; no longer read). */
  public static final String SAVE_SEQUENCE = "hd_customer_save_seq";

  private final Transactions transactions;
  private final Database database;

  /**
   * @param transactions where saves and reads run
   * @param database the database's customization, for the sequence syntax
   */
  public JpaCustomers(Transactions transactions, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public void save(Customer customer) {
    Check.present("customer", customer);
    try {
      write(customer);
    } catch (RuntimeException e) {
      if (Failures.lostRace(e)) {
        // Two first saves of one customer at once where the upsert can still collide (H2).
        ConcurrentUpdateException conflict =
            new ConcurrentUpdateException("customer", customer.id().value(), 0);
        conflict.initCause(e);
        throw conflict;
      }
      throw e;
    }
  }

  private void write(Customer customer) {
    transactions.inTransaction(
        em ->
            em.createNativeQuery(database.saveCustomer())
                .setParameter(1, customer.id().value())
                .setParameter(2, customer.name())
                .setParameter(3, customer.email().value())
                .setParameter(4, customer.organisation().map(OrganisationId::value).orElse(null))
                .executeUpdate());
  }

  @Override
  public Optional<Customer> byId(CustomerId id) {
    Check.present("customerId", id);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(CustomerEntity.class, id.value()))
                .map(JpaCustomers::toCustomer));
  }

  @Override
  public Optional<Customer> byEmail(EmailAddress email) {
    Check.present("email", email);
    // Two rows are enough to know the address is shared, and then it names nobody.
    List<CustomerEntity> rows =
        transactions.read(
            em ->
                em.createQuery(
                        "select c from HdCustomer c where c.email = :email", CustomerEntity.class)
                    .setParameter("email", email.value())
                    .setMaxResults(2)
                    .getResultList());
    return rows.size() == 1 ? Optional.of(toCustomer(rows.get(0))) : Optional.empty();
  }

  private static Customer toCustomer(CustomerEntity row) {
    return new Customer(
        CustomerId.of(row.id),
        row.name,
        EmailAddress.of(row.email),
        Optional.ofNullable(row.organisation).map(OrganisationId::of));
  }
}
