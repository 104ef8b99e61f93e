package dev.helpdesk.metrics;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric facts of one stored ticket change: a pure function of its events, so a store derives
 * them inside the write that stores the change, and replaying a ticket's history change by change
 * yields the same facts.
 *
 * <ul>
 *   <li>{@link TicketEvent.Created}: {@link MetricFact.Opened};
 *   <li>a public {@link TicketEvent.MessageAdded} by an agent in a change that does not open the
 *       ticket (the opening message is the customer's question, even when an agent typed it):
 *       {@link MetricFact.FirstReply}, the first of the change only;
 *   <li>a move to SOLVED: {@link MetricFact.FirstSolve}; a move from SOLVED back to work: {@link
 *       MetricFact.Reopened};
 *   <li>{@link TicketEvent.SlaMet}: a met {@link MetricFact.SlaEnded} at the instant it was met;
 *       {@link TicketEvent.SlaBreached}: a breached one at the instant the cycle fell due;
 *   <li>{@link TicketEvent.Rated}: {@link MetricFact.Rated}, with the agent and group it records.
 * </ul>
 *
 * Durations run from the ticket's creation to the event, in calendar time. Messages carried over by
 * a merge record no {@code MessageAdded}, so they are no replies here either.
 *
 * @param ticketId the ticket the change is of
 * @param facts its facts, in the order of the events that yield them
 */
public record MetricFacts(TicketId ticketId, List<MetricFact> facts) {

  /** Validates and freezes. */
  public MetricFacts {
    Check.present("ticketId", ticketId);
    facts = List.copyOf(facts);
  }

  /** The facts of {@code change}. */
  public static MetricFacts of(TicketChange change) {
    Check.present("change", change);
    Instant opened = change.after().createdAt();
    List<MetricFact> facts = new ArrayList<>();
    boolean replied = false;
    boolean solved = false;
    for (TicketEvent e : change.events()) {
      if (e instanceof TicketEvent.Created c) {
        facts.add(new MetricFact.Opened(c.at()));
      } else if (e instanceof TicketEvent.MessageAdded m) {
        if (!replied
            && !change.creates()
            && m.visibility() == Visibility.PUBLIC
            && m.actor() instanceof Actor.Agent a) {
          replied = true;
          facts.add(new MetricFact.FirstReply(m.at(), Duration.between(opened, m.at()), a.id()));
        }
      } else if (e instanceof TicketEvent.StatusChanged s) {
        if (s.to() == Status.SOLVED && !solved) {
          solved = true;
          facts.add(new MetricFact.FirstSolve(s.at(), Duration.between(opened, s.at())));
        } else if (s.from() == Status.SOLVED && s.to().isUnsolved()) {
          facts.add(new MetricFact.Reopened(s.at()));
        }
      } else if (e instanceof TicketEvent.SlaMet m) {
        facts.add(new MetricFact.SlaEnded(m.at(), m.target(), true));
      } else if (e instanceof TicketEvent.SlaBreached b) {
        facts.add(new MetricFact.SlaEnded(b.dueAt(), b.target(), false));
      } else if (e instanceof TicketEvent.Rated r) {
        facts.add(new MetricFact.Rated(r.at(), r.rating(), r.agent(), r.group()));
      }
    }
    return new MetricFacts(change.after().id(), facts);
  }
}
