package dev.helpdesk.internal.notification;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.internal.answers.InstantAnswers;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.Audience;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whom an edit must tell, from the events it recorded, and adds those notifications to the
 * edit so they are stored with it:
 *
 * <ul>
 *   <li>a ticket opened: the customer gets {@link NotificationKind#TICKET_RECEIVED}, with {@link
 *       Notification#FIRST_REPLY_DUE} when an SLA sets a first-reply target and the instant answers
 *       suggested ({@link Notification#answerTitle}), unless the request turned the acknowledgement
 *       off ({@link dev.helpdesk.ticket.NewTicket#acknowledge()});
 *   <li>a public reply by an agent or the system: the customer gets {@link
 *       NotificationKind#AGENT_REPLIED} with its text (internal notes are never sent), and so does
 *       each person copied on the ticket ({@link Ticket#ccs()}) but the reply's author;
 *   <li>a move to PENDING or SOLVED made by staff: the customer gets {@link
 *       NotificationKind#STATUS_CHANGED};
 *   <li>an assignment made by someone other than the assignee: the agent gets {@link
 *       NotificationKind#TICKET_ASSIGNED};
 *   <li>a reminder of a pending ticket: the customer gets {@link
 *       NotificationKind#PENDING_REMINDER}, with {@link Notification#REMINDER} and, when the ticket
 *       will be solved without an answer, {@link Notification#AUTO_SOLVE_AT}.
 * </ul>
 */
public final class NotificationRules {

  private static final Set<Status> TOLD_TO_CUSTOMER = Set.of(Status.PENDING, Status.SOLVED);

  private final Function<AgentId, Optional<Agent>> agents;

  /**
   * Rules that look up agents' names and addresses through {@code agents} (the desk's roster,
   * falling back to the agent store).
   */
  public NotificationRules(Function<AgentId, Optional<Agent>> agents) {
    this.agents = agents;
  }

  /**
   * Adds to the edit the notifications its events call for.
   *
   * @param acknowledge whether a ticket opened by this edit is acknowledged to its customer
   * @param firstReplyDue when the first reply of a ticket being opened is due, if an SLA applies
   */
  public void addTo(TicketEdit edit, boolean acknowledge, Optional<Instant> firstReplyDue) {
    Ticket ticket = edit.current();
    Recipient customer = new Recipient(ticket.requester().name(), ticket.requester().email());
    Map<MessageId, Message> messages = new HashMap<>();
    edit.messages().forEach(m -> messages.put(m.id(), m));
    boolean opens = edit.before().isEmpty();
    for (TicketEvent event : edit.events()) {
      if (event instanceof TicketEvent.Created) {
        if (acknowledge) {
          Map<String, String> values = new HashMap<>();
          firstReplyDue.ifPresent(due -> values.put(Notification.FIRST_REPLY_DUE, due.toString()));
          addAnswers(values, InstantAnswers.suggested(edit.events()));
          edit.notify(make(NotificationKind.TICKET_RECEIVED, customer, ticket, edit, values));
        }
      } else if (event instanceof TicketEvent.MessageAdded added) {
        Message m = messages.get(added.messageId());
        if (!opens && m.isPublic() && !(m.author() instanceof Actor.Customer)) {
          Map<String, String> values = new HashMap<>();
          values.put(Notification.BODY, m.body());
          values.put(Notification.AUTHOR, nameOf(m.author()));
          values.put(Notification.MESSAGE, m.id().toString());
          // The mail carries the reply's files, or links to them; the bytes stay in the store.
          values.putAll(Notification.attachmentValues(m.attachments()));
          edit.notify(make(NotificationKind.AGENT_REPLIED, customer, ticket, edit, values));
          notifyCcs(edit, ticket, m.author(), values);
        }
      } else if (event instanceof TicketEvent.StatusChanged s) {
        if (TOLD_TO_CUSTOMER.contains(s.to()) && !(s.actor() instanceof Actor.Customer)) {
          Map<String, String> values =
              Map.of(
                  Notification.STATUS, s.to().name(),
                  Notification.PREVIOUS_STATUS, s.from().name());
          edit.notify(make(NotificationKind.STATUS_CHANGED, customer, ticket, edit, values));
        }
      } else if (event instanceof TicketEvent.Assigned a) {
        Optional<Agent> assignee = a.to().flatMap(agents);
        boolean selfAssigned =
            a.actor() instanceof Actor.Agent self && a.to().filter(self.id()::equals).isPresent();
        if (assignee.isPresent() && !selfAssigned) {
          Agent agent = assignee.get();
          Recipient to = new Recipient(agent.name(), agent.email());
          Map<String, String> values = Map.of(Notification.AUTHOR, nameOf(a.actor()));
          edit.notify(make(NotificationKind.TICKET_ASSIGNED, to, ticket, edit, values));
        }
      } else if (event instanceof TicketEvent.PendingReminderSent r) {
        Map<String, String> values = new HashMap<>();
        values.put(Notification.REMINDER, Integer.toString(r.reminder()));
        r.autoSolveAt().ifPresent(at -> values.put(Notification.AUTO_SOLVE_AT, at.toString()));
        edit.notify(make(NotificationKind.PENDING_REMINDER, customer, ticket, edit, values));
      }
      // Priority and group changes are internal matters: nobody is mailed.
    }
  }

  /**
   * A staff reply goes to each person copied on the ticket as well, one notification each (so no CC
   * learns another's address from the mail), never to the reply's own author.
   */
  private void notifyCcs(TicketEdit edit, Ticket ticket, Actor author, Map<String, String> values) {
    Optional<EmailAddress> authorAddress =
        author instanceof Actor.Agent a ? agents.apply(a.id()).map(Agent::email) : Optional.empty();
    for (Cc cc : ticket.ccs()) {
      if (authorAddress.filter(cc::hasAddress).isEmpty()) {
        Recipient to = new Recipient(cc.displayName(), cc.email());
        edit.notify(make(NotificationKind.AGENT_REPLIED, to, ticket, edit, values));
      }
    }
  }

  /** The instant answers, for the acknowledgement to list. */
  private static void addAnswers(Map<String, String> values, List<SuggestedAnswer> answers) {
    for (int i = 0; i < answers.size(); i++) {
      SuggestedAnswer a = answers.get(i);
      values.put(Notification.answerTitle(i + 1), a.title());
      values.put(Notification.answerExcerpt(i + 1), a.excerpt());
      values.put(Notification.answerId(i + 1), a.articleId().value());
    }
  }

  private String nameOf(Actor actor) {
    if (actor instanceof Actor.Agent a) {
      return agents.apply(a.id()).map(Agent::name).orElse(a.id().value());
    }
    if (actor instanceof Actor.Customer c) {
      return c.id().value();
    }
    return ((Actor.System) actor).name();
  }

  private static Notification make(
      NotificationKind kind,
      Recipient to,
      Ticket ticket,
      TicketEdit edit,
      Map<String, String> values) {
    if (kind.audience() == Audience.CUSTOMER && ticket.locale().isPresent()) {
      // The customer is written to in the language of their ticket, whatever the recipient-wide
      // default of the delivery adapter says.
      Map<String, String> withLocale = new HashMap<>(values);
      withLocale.put(Notification.LOCALE, ticket.locale().get().toLanguageTag());
      values = withLocale;
    }
    return new Notification(
        NotificationId.random(),
        kind,
        to,
        ticket.id(),
        ticket.key(),
        ticket.subject(),
        values,
        edit.at());
  }
}
