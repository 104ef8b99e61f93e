package dev.helpdesk.web;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.Customer;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Maps the application's authenticated user to who they are at the desk. The web module asks it on
 * every request under its base path, with the {@link Authentication} the application's own login
 * established; declare a bean of this type to replace {@link DefaultActorResolver}.
 *
 * <p>Never build an actor from request parameters or headers the browser controls: the desk's
 * access rules (a customer sees only their own tickets and no internal note) rest on it.
 */
public interface ActorResolver {

  /**
   * The desk actor of an authenticated user: {@link Actor.Customer} or {@link Actor.Agent}. Empty
   * when the user has no place at the desk; the request is then refused with 403 ({@code
   * no-desk-identity}).
   */
  Optional<Actor> resolve(Authentication authentication);

  /**
   * The requester recorded on a ticket that {@code customer} raises: their id, name and e-mail
   * address (acknowledgements and replies are mailed there). Empty refuses the ticket with 400
   * naming {@code requester}. The default builds it from the customer id, taken as the name, and as
   * the address when it is one.
   */
  default Optional<Customer> requester(Authentication authentication, Actor.Customer customer) {
    String id = customer.id().value();
    try {
      return Optional.of(new Customer(customer.id(), id, EmailAddress.of(id)));
    } catch (ValidationException notAnAddress) {
      return Optional.empty();
    }
  }
}
