package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketId;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What every endpoint does around its desk call: find the caller's actor, run the call in one
 * transaction of the application's (when it has a transaction manager), check {@code If-Match}
 * against the version read in that same transaction, and hide other customers' tickets.
 */
final class DeskCalls {

  private final HelpDesk desk;
  private final ActorResolver actors;
  private final TransactionOperations transactions;
  private final String apiPath;

  DeskCalls(
      HelpDesk desk, ActorResolver actors, TransactionOperations transactions, String apiPath) {
    this.desk = desk;
    this.actors = actors;
    this.transactions = transactions;
    this.apiPath = apiPath;
  }

  HelpDesk desk() {
    return desk;
  }

  /** The API's path under the servlet context, e.g. {@code /helpdesk/api}, for links. */
  String apiPath() {
    return apiPath;
  }

  ActorResolver actors() {
    return actors;
  }

  /** The caller's desk actor; 403 {@code no-desk-identity} without one. */
  Actor actor(Authentication authentication) {
    return actors.resolve(authentication).orElseThrow(WebRefusal::noIdentity);
  }

  /** Runs {@code call} in one transaction: the reads it makes and the change it makes agree. */
  <T> T inTransaction(Supplier<T> call) {
    return transactions.execute(status -> call.get());
  }

  /**
   * The ticket as {@code actor} may see it. Another customer's ticket is reported as not found, as
   * if it did not exist, so that ids cannot be probed for existence.
   */
  TicketDetails visible(Actor actor, TicketId id) {
    try {
      return desk.ticket(actor, id);
    } catch (AccessDeniedException e) {
      if (actor instanceof Actor.Customer) {
        throw new NotFoundException("ticket", id.toString());
      }
      throw e;
    }
  }

  /**
   * Loads the ticket, checks {@code ifMatch} against its version and runs {@code change}, in one
   * transaction. Without {@code If-Match} the change is made on whatever version is current.
   */
  <T> T change(Actor actor, TicketId id, String ifMatch, Supplier<T> change) {
    return inTransaction(
        () -> {
          Ticket now = visible(actor, id).ticket();
          if (ifMatch != null && !ETags.matches(ifMatch, now.version())) {
            throw WebRefusal.stale(now.version());
          }
          return change.get();
        });
  }

  /** An answer carrying the ticket's version as its entity tag. */
  static <T> ResponseEntity<T> tagged(ResponseEntity.BodyBuilder answer, Ticket ticket, T body) {
    return answer.header(HttpHeaders.ETAG, ETags.of(ticket.version())).body(body);
  }
}
