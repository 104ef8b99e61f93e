package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.customer.OrganisationId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Customers} adapter must do, in particular how {@link Customers#byEmail} follows
 * address changes and finds nobody for an address that several customers share.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #customers()}:
 *
 * <pre>{@code
 * class JpaCustomersTest extends CustomersContract {
 *   protected Customers customers() { return JpaStore.freshH2().customers(); }
 * }
 * }</pre>
 *
 * <p>The suite calls {@link #customers()} once before each test.
 */
public abstract class CustomersContract {

  /** A customer store holding no customers, fresh for the current test. */
  protected abstract Customers customers();

  private static final EmailAddress SHARED = EmailAddress.of("family@example.com");

  private Customers store;

  @BeforeEach
  void createStore() {
    store = customers();
  }

  @Test
  void savedCustomerCanBeReadByIdAndByEmail() {
    Customer ana = customer("c-1", "Ana Lima", "ana@example.com");

    store.save(ana);

    assertEquals(Optional.of(ana), store.byId(CustomerId.of("c-1")));
    assertEquals(Optional.of(ana), store.byEmail(EmailAddress.of("ana@example.com")));
  }

  @Test
  void theOrganisationIsKeptAndReplacedBySavingAgain() {
    Customer ana = customer("c-1", "Ana Lima", "ana@example.com");
    Customer inAcme = ana.withOrganisation(Optional.of(OrganisationId.of("org-acme")));

    store.save(inAcme);
    assertEquals(Optional.of(inAcme), store.byId(CustomerId.of("c-1")));
    assertEquals(Optional.of(inAcme), store.byEmail(EmailAddress.of("ana@example.com")));

    Customer moved = ana.withOrganisation(Optional.of(OrganisationId.of("org-globex")));
    store.save(moved);
    assertEquals(Optional.of(moved), store.byId(CustomerId.of("c-1")));

    store.save(ana);
    assertEquals(Optional.empty(), store.byId(CustomerId.of("c-1")).orElseThrow().organisation());
  }

  @Test
  void savingUnderTheSameIdReplacesTheCustomer() {
    store.save(customer("c-1", "Ana Lima", "ana@example.com"));
    Customer renamed = customer("c-1", "Ana Souza", "ana@example.com");

    store.save(renamed);

    assertEquals(Optional.of(renamed), store.byId(CustomerId.of("c-1")));
    assertEquals(Optional.of(renamed), store.byEmail(EmailAddress.of("ana@example.com")));
  }

  @Test
  void byEmailFollowsAnAddressChange() {
    store.save(customer("c-1", "Ana Lima", "ana@example.com"));
    Customer moved = customer("c-1", "Ana Lima", "ana@new.example.com");

    store.save(moved);

    assertEquals(Optional.empty(), store.byEmail(EmailAddress.of("ana@example.com")));
    assertEquals(Optional.of(moved), store.byEmail(EmailAddress.of("ana@new.example.com")));
  }

  @Test
  void anAddressSeveralCustomersShareFindsNone() {
    Customer mother = customer("c-1", "Maria", SHARED.value());
    Customer son = customer("c-2", "Pedro", SHARED.value());

    store.save(mother);
    store.save(son);
    assertEquals(Optional.empty(), store.byEmail(SHARED));

    store.save(mother);
    assertEquals(Optional.empty(), store.byEmail(SHARED), "saving again decides nothing");
  }

  @Test
  void anAddressFindsTheOtherCustomerOnceTheSecondMovesAway() {
    Customer mother = customer("c-1", "Maria", SHARED.value());
    store.save(mother);
    store.save(customer("c-2", "Pedro", SHARED.value()));

    Customer sonMoved = customer("c-2", "Pedro", "pedro@example.com");
    store.save(sonMoved);

    assertEquals(Optional.of(mother), store.byEmail(SHARED));
    assertEquals(Optional.of(sonMoved), store.byEmail(EmailAddress.of("pedro@example.com")));
  }

  @Test
  void anAddressFindsNobodyOnceEveryoneMovedAway() {
    store.save(customer("c-1", "Maria", SHARED.value()));
    store.save(customer("c-2", "Pedro", SHARED.value()));

    store.save(customer("c-1", "Maria", "maria@example.com"));
    store.save(customer("c-2", "Pedro", "pedro@example.com"));

    assertEquals(Optional.empty(), store.byEmail(SHARED));
  }

  @Test
  void unknownIdAndAddressAreEmpty() {
    store.save(customer("c-1", "Ana Lima", "ana@example.com"));

    assertEquals(Optional.empty(), store.byId(CustomerId.of("c-2")));
    assertEquals(Optional.empty(), store.byEmail(EmailAddress.of("bruno@example.com")));
  }

  private static Customer customer(String id, String name, String email) {
    return new Customer(CustomerId.of(id), name, EmailAddress.of(email));
  }
}
