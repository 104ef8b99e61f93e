package dev.helpdesk.customer;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import java.util.Optional;

/**
 * A customer of the booking application as the desk knows them: enough to address a reply, and the
 * organisation they belong to, if any.
 *
 * @param id the application's id for the customer
 * @param name the display name, at most {@value #MAX_NAME_LENGTH} characters, single line
 * @param email where notifications go
 * @param organisation the organisation the customer belongs to, if any; set with {@code
 *     HelpDesk#saveCustomer}. A ticket keeps its requester's organisation from when it was opened.
 */
public record Customer(
    CustomerId id, String name, EmailAddress email, Optional<OrganisationId> organisation) {

  /** The longest display name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Validates the customer. */
  public Customer {
    Check.present("customerId", id);
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("email", email);
    Check.present("organisation", organisation);
  }

  /** A customer in no organisation. */
  public Customer(CustomerId id, String name, EmailAddress email) {
    this(id, name, email, Optional.empty());
  }

  /** This customer in {@code organisation} (empty: in none). */
  public Customer withOrganisation(Optional<OrganisationId> organisation) {
    return new Customer(id, name, email, organisation);
  }
}
