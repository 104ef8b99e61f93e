package dev.helpdesk.internal.answers;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the knowledge base to intake: when a ticket is opened, the best few articles for its
 * subject and description, in the customer's language, are recorded on it ({@link
 * TicketEvent.AnswersSuggested}) in the same write, before the notification rules write the
 * acknowledgement that lists them.
 */
public final class InstantAnswers {

  private static final Logger log = LoggerFactory.getLogger(InstantAnswers.class);

  /** Who the history says suggested the answers. */
  public static final Actor ACTOR = Actor.system("instant-answers");

  private final KnowledgeBase knowledgeBase;
  private final int limit;

  public InstantAnswers(KnowledgeBase knowledgeBase, int limit) {
    this.knowledgeBase = knowledgeBase;
    this.limit = limit;
  }

  /** Records the best answers on an edit that opens a ticket; does nothing to other edits. */
  public void suggest(TicketEdit edit) {
    if (edit.before().isPresent()) {
      return;
    }
    Ticket ticket = edit.current();
    List<SuggestedAnswer> answers;
    try {
      answers =
          knowledgeBase.suggest(
              ticket.subject(), ticket.description(), ticket.locale().orElse(Locale.ROOT), limit);
    } catch (RuntimeException e) {
      // Answers are a courtesy: a knowledge base that fails must not turn a customer away.
      log.warn("Knowledge base failed for {}; opened without suggestions", ticket.key(), e);
      return;
    }
    edit.answersSuggested(answers.stream().limit(limit).toList(), ACTOR);
  }

  /** The answers suggested for a ticket, from its history (or an edit's events); empty if none. */
  public static List<SuggestedAnswer> suggested(List<TicketEvent> history) {
    List<SuggestedAnswer> answers = List.of();
    for (TicketEvent e : history) {
      if (e instanceof TicketEvent.AnswersSuggested s) {
        answers = s.answers();
      }
    }
    return answers;
  }
}
