package dev.helpdesk.internal.satisfaction;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rating rules. A customer may rate a ticket while it is SOLVED, once per solve: after the
 * ticket is reopened and solved again they may rate again. A CLOSED ticket can no longer be rated
 * (closed tickets never change; Zendesk too lets customers rate solved tickets only). That the
 * actor is the ticket's own customer is checked by the desk before it gets here. The rating and
 * what a bad one causes ({@link BadRatingAction}) are one edit, so they are stored together.
 */
public final class Satisfaction {

  /** The reason an escalation after a bad rating records. */
  public static final String BAD_RATING_REASON = "customer rated the solution bad";

  /** The actor recorded for the escalation a bad rating triggers. */
  public static final Actor SYSTEM = Actor.system("satisfaction");

  private static final Logger log = LoggerFactory.getLogger(Satisfaction.class);

  private final BadRatingAction onBad;
  private final Assignment assignment;

  private final ChangePipeline pipeline;
  private final Access access;
  private final Tickets tickets;

  /**
   * @param onBad what a bad rating does
   * @param assignment the desk's assignment, which escalates
   */
  public Satisfaction(
      BadRatingAction onBad,
      Assignment assignment,
      ChangePipeline pipeline,
      Access access,
      Tickets tickets) {
    this.onBad = Check.present("onBadRating", onBad);
    this.assignment = Check.present("assignment", assignment);
    this.pipeline = pipeline;
    this.access = access;
    this.tickets = tickets;
  }

  /** The ticket's own customer rates its solve; a bad rating has its consequence in the change. */
  public Ticket rate(Actor actor, TicketId ticketId, Rating rating, String comment) {
    Ticket ticket = access.load(actor, ticketId);
    TicketAccess.requireRequester(actor, ticket, "rate");
    Check.present("rating", rating);
    return TicketAccess.view(
        actor,
        pipeline.change(
            actor,
            ticket,
            edit -> rate(edit, tickets.history(ticketId), rating, comment),
            Then.SERVE_QUEUE));
  }

  /** What a bad rating does. */
  public BadRatingAction onBad() {
    return onBad;
  }

  /**
   * Records the rating in the edit and, for a bad one, its consequence.
   *
   * @param history the ticket's history as stored, to tell whether this solve was rated already
   * @param comment what the customer added; null or blank for nothing
   * @throws TicketClosedException if the ticket is CLOSED
   * @throws ValidationException if it is not SOLVED ({@code status}), was already rated since it
   *     was solved ({@code rating}), or the comment is too long ({@code comment})
   */
  void rate(TicketEdit edit, List<TicketEvent> history, Rating rating, String comment) {
    Check.present("rating", rating);
    Ticket ticket = edit.current();
    if (ticket.status() == Status.CLOSED) {
      throw new TicketClosedException(ticket.key(), "rate");
    }
    if (ticket.status() != Status.SOLVED) {
      throw new ValidationException(
          "status",
          "must be SOLVED to rate the ticket (" + ticket.key() + " is " + ticket.status() + ")");
    }
    if (ratedSinceSolved(history)) {
      throw new ValidationException(
          "rating", "may be given once per solve, and " + ticket.key() + " was rated already");
    }
    edit.rated(rating, comment == null || comment.isBlank() ? "" : comment);
    if (rating == Rating.BAD) {
      onBad(edit);
    }
  }

  private void onBad(TicketEdit edit) {
    switch (onBad) {
      case NOTHING -> {}
      case REOPEN -> edit.reopen();
      case ESCALATE -> {
        edit.reopen();
        if (assignment.escalationGroupOf(edit.current()).isPresent()) {
          assignment.escalate(edit, BAD_RATING_REASON, SYSTEM);
        } else {
          log.warn(
              "Bad rating on {}: no escalation group is set for its agent nor in the assignment"
                  + " policy, so it is only reopened",
              edit.current().key());
        }
      }
    }
  }

  /** Whether the latest solve in the history was rated already. */
  static boolean ratedSinceSolved(List<TicketEvent> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      TicketEvent e = history.get(i);
      if (e instanceof TicketEvent.Rated) {
        return true;
      }
      if (e instanceof TicketEvent.StatusChanged s && s.to() == Status.SOLVED) {
        return false;
      }
    }
    return false;
  }
}
