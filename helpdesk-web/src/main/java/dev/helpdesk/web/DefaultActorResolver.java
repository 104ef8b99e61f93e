package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The actor resolver the module uses unless the application declares its own:
 *
 * <ul>
 *   <li>no authentication, or an anonymous one: no actor (403 {@code no-desk-identity});
 *   <li>a user holding the agent authority ({@code helpdesk.web.agent-authority}, default {@code
 *       ROLE_HELPDESK_AGENT}): the agent whose id is the user's name ({@link
 *       Authentication#getName()}); the desk refuses agents it does not know;
 *   <li>any other authenticated user: a customer. When the user's name is an e-mail address that
 *       exactly one customer record of the desk holds, that customer (so tickets raised by mail and
 *       on the web are one customer's); otherwise the customer whose id is the user's name.
 * </ul>
 *
 * <p>The requester of a ticket the customer raises is that customer record, or else a new one whose
 * id, name and address are the user's name, when the name is an address.
 *
 * <p>Matching by address trusts that the application's login names are addresses it verified; an
 * application whose users choose unverified addresses as login names declares its own resolver.
 */
public final class DefaultActorResolver implements ActorResolver {

  private static final Actor LOOKUP = Actor.system("helpdesk-web");

  private final HelpDesk desk;
  private final String agentAuthority;

  /**
   * @param desk the desk whose customer records are matched by address
   * @param agentAuthority the authority that makes a user an agent
   */
  public DefaultActorResolver(HelpDesk desk, String agentAuthority) {
    this.desk = desk;
    this.agentAuthority = agentAuthority;
  }

  @Override
  public Optional<Actor> resolve(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    String name = authentication.getName();
    if (name == null || name.isBlank() || name.length() > CustomerId.MAX_LENGTH) {
      return Optional.empty();
    }
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (agentAuthority.equals(authority.getAuthority())) {
        return Optional.of(Actor.agent(name));
      }
    }
    return Optional.of(
        Actor.customer(knownByAddress(name).map(Customer::id).orElse(CustomerId.of(name))));
  }

  @Override
  public Optional<Customer> requester(Authentication authentication, Actor.Customer customer) {
    String name = authentication.getName();
    Optional<Customer> known = knownByAddress(name).filter(c -> c.id().equals(customer.id()));
    if (known.isPresent()) {
      return known;
    }
    return address(name).map(email -> new Customer(customer.id(), name, email));
  }

  private Optional<Customer> knownByAddress(String name) {
    return address(name).flatMap(email -> desk.customerByEmail(LOOKUP, email));
  }

  private static Optional<EmailAddress> address(String name) {
    try {
      return Optional.of(EmailAddress.of(name));
    } catch (ValidationException notAnAddress) {
      return Optional.empty();
    }
  }
}
