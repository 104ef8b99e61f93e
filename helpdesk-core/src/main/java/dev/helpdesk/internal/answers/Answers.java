package dev.helpdesk.internal.answers;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.util.List;

/** The answers suggested to a customer, and their "this solved it". */
public final class Answers {

  private final ChangePipeline pipeline;
  private final Access access;
  private final Tickets tickets;

  /** Answers over the desk's pipeline and ticket store. */
  public Answers(ChangePipeline pipeline, Access access, Tickets tickets) {
    this.pipeline = pipeline;
    this.access = access;
    this.tickets = tickets;
  }

  /** The answers suggested when the ticket was opened, best first. */
  public List<SuggestedAnswer> suggested(Actor actor, TicketId id) {
    access.readable(actor, id);
    return InstantAnswers.suggested(tickets.history(id));
  }

  /** The ticket's customer accepts a suggested answer, which solves the ticket. */
  public Ticket accept(Actor actor, TicketId id, ArticleId articleId) {
    Check.present("articleId", articleId);
    Ticket ticket = access.writable(actor, id, "accept an answer on");
    if (!(actor instanceof Actor.Customer)) {
      throw new AccessDeniedException(
          actor, "accept an answer on ticket " + ticket.key() + ": only its customer may");
    }
    SuggestedAnswer answer =
        InstantAnswers.suggested(tickets.history(id)).stream()
            .filter(a -> a.articleId().equals(articleId))
            .findFirst()
            .orElseThrow(
                () ->
                    new ValidationException(
                        "articleId",
                        "must name an answer suggested for ticket "
                            + ticket.key()
                            + " (was '"
                            + articleId
                            + "')"));
    return TicketAccess.view(
        actor,
        pipeline.change(actor, ticket, edit -> edit.answerAccepted(answer), Then.SERVE_QUEUE));
  }
}
