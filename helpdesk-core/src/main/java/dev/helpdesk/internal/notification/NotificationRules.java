package dev.helpdesk.internal.notification;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.internal.answers.InstantAnswers;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.Audience;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.NotificationRule;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides whom an edit must tell, from the events it recorded and the rules of the {@link
 * NotificationPolicy} that are on, and adds those notifications to the edit so they are stored with
 * it (see {@link NotificationRule#ALL} for the table):
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
 *       will be solved without an answer, {@link Notification#AUTO_SOLVE_AT};
 *   <li>a duplicate merged away: its customer gets {@link NotificationKind#TICKET_MERGED};
 *   <li>the assignee hears of the customer's public replies, a reopening, a bad rating, and changes
 *       of priority and group; the group's agents of a ticket that arrives in it without an
 *       assignee.
 * </ul>
 *
 * <p>Nobody is told of a change they made themselves. A notification of a coalescing rule waits for
 * the policy's window and carries the key (ticket and recipient) by which the dispatcher merges it
 * with later ones.
 */
public final class NotificationRules {

  private static final Set<Status> TOLD_TO_CUSTOMER = Set.of(Status.PENDING, Status.SOLVED);

  private final Function<AgentId, Optional<Agent>> agents;
  private final Supplier<List<Agent>> staff;
  private final NotificationPolicy policy;

  /**
   * Rules that look up agents' names and addresses through {@code agents} (the desk's roster,
   * falling back to the agent store), with every rule on.
   */
  public NotificationRules(Function<AgentId, Optional<Agent>> agents) {
    this(agents, List::of, NotificationPolicy.defaults());
  }

  /**
   * @param agents looks up one agent (the desk's roster, falling back to the agent store)
   * @param staff every registered agent, read when a group is to be told
   * @param policy which rules are on, and the coalescing window
   */
  public NotificationRules(
      Function<AgentId, Optional<Agent>> agents,
      Supplier<List<Agent>> staff,
      NotificationPolicy policy) {
    this.agents = Objects.requireNonNull(agents, "agents");
    this.staff = Objects.requireNonNull(staff, "staff");
    this.policy = Objects.requireNonNull(policy, "policy");
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
    Optional<AgentId> assignee = ticket.assignee();
    for (TicketEvent event : edit.events()) {
      if (event instanceof TicketEvent.Created) {
        if (acknowledge && on(NotificationRule.CUSTOMER_RECEIVED)) {
          Map<String, String> values = new HashMap<>();
          firstReplyDue.ifPresent(due -> values.put(Notification.FIRST_REPLY_DUE, due.toString()));
          addAnswers(values, InstantAnswers.suggested(edit.events()));
          edit.notify(make(NotificationRule.CUSTOMER_RECEIVED, customer, ticket, edit, values));
        }
      } else if (event instanceof TicketEvent.MessageAdded added) {
        Message m = messages.get(added.messageId());
        if (opens || !m.isPublic()) {
          continue;
        }
        if (!(m.author() instanceof Actor.Customer)) {
          Map<String, String> values = new HashMap<>();
          values.put(Notification.BODY, m.body());
          values.put(Notification.AUTHOR, nameOf(m.author(), ticket));
          values.put(Notification.MESSAGE, m.id().toString());
          // The mail carries the reply's files, or links to them; the bytes stay in the store.
          values.putAll(Notification.attachmentValues(m.attachments()));
          if (on(NotificationRule.CUSTOMER_AGENT_REPLY)) {
            edit.notify(
                make(NotificationRule.CUSTOMER_AGENT_REPLY, customer, ticket, edit, values));
            notifyCcs(edit, ticket, m.author(), values);
          }
        } else if (on(NotificationRule.ASSIGNEE_CUSTOMER_REPLY)) {
          Map<String, String> values =
              Map.of(Notification.BODY, m.body(), Notification.AUTHOR, nameOf(m.author(), ticket));
          toAgent(NotificationRule.ASSIGNEE_CUSTOMER_REPLY, assignee, m.author(), edit, values);
        }
      } else if (event instanceof TicketEvent.StatusChanged s) {
        if (TOLD_TO_CUSTOMER.contains(s.to())
            && !(s.actor() instanceof Actor.Customer)
            && on(NotificationRule.CUSTOMER_PENDING_SOLVED)) {
          Map<String, String> values =
              Map.of(
                  Notification.STATUS, s.to().name(),
                  Notification.PREVIOUS_STATUS, s.from().name());
          edit.notify(
              make(NotificationRule.CUSTOMER_PENDING_SOLVED, customer, ticket, edit, values));
        }
        if (s.from() == Status.SOLVED
            && s.to() != Status.CLOSED
            && on(NotificationRule.ASSIGNEE_REOPENED)) {
          Map<String, String> values =
              Map.of(
                  Notification.STATUS, s.to().name(),
                  Notification.PREVIOUS_STATUS, s.from().name(),
                  Notification.AUTHOR, nameOf(s.actor(), ticket));
          toAgent(NotificationRule.ASSIGNEE_REOPENED, assignee, s.actor(), edit, values);
        }
      } else if (event instanceof TicketEvent.Assigned a) {
        if (on(NotificationRule.ASSIGNEE_ASSIGNED)) {
          Map<String, String> values = Map.of(Notification.AUTHOR, nameOf(a.actor()));
          toAgent(NotificationRule.ASSIGNEE_ASSIGNED, a.to(), a.actor(), edit, values);
        }
      } else if (event instanceof TicketEvent.PendingReminderSent r) {
        if (on(NotificationRule.CUSTOMER_PENDING_REMINDER)) {
          Map<String, String> values = new HashMap<>();
          values.put(Notification.REMINDER, Integer.toString(r.reminder()));
          r.autoSolveAt().ifPresent(at -> values.put(Notification.AUTO_SOLVE_AT, at.toString()));
          edit.notify(
              make(NotificationRule.CUSTOMER_PENDING_REMINDER, customer, ticket, edit, values));
        }
      } else if (event instanceof TicketEvent.Rated r) {
        if (r.rating() == Rating.BAD && on(NotificationRule.ASSIGNEE_BAD_RATING)) {
          Map<String, String> values = new HashMap<>();
          values.put(Notification.AUTHOR, nameOf(r.actor(), ticket));
          if (!r.comment().isEmpty()) {
            values.put(Notification.COMMENT, r.comment());
          }
          toAgent(NotificationRule.ASSIGNEE_BAD_RATING, r.agent(), r.actor(), edit, values);
        }
      } else if (event instanceof TicketEvent.PriorityChanged p) {
        if (on(NotificationRule.ASSIGNEE_PRIORITY)) {
          Map<String, String> values =
              Map.of(
                  Notification.PRIORITY, p.to().name(),
                  Notification.PREVIOUS_PRIORITY, p.from().name(),
                  Notification.AUTHOR, nameOf(p.actor(), ticket));
          toAgent(NotificationRule.ASSIGNEE_PRIORITY, assignee, p.actor(), edit, values);
        }
      } else if (event instanceof TicketEvent.GroupChanged g) {
        if (on(NotificationRule.ASSIGNEE_GROUP)) {
          Map<String, String> values = new HashMap<>();
          g.to().ifPresent(to -> values.put(Notification.GROUP, to.value()));
          g.from().ifPresent(from -> values.put(Notification.PREVIOUS_GROUP, from.value()));
          values.put(Notification.AUTHOR, nameOf(g.actor(), ticket));
          toAgent(NotificationRule.ASSIGNEE_GROUP, assignee, g.actor(), edit, values);
        }
      } else if (event instanceof TicketEvent.MergedInto m) {
        if (on(NotificationRule.CUSTOMER_MERGED)) {
          Map<String, String> values = Map.of(Notification.MERGED_INTO, m.intoKey().value());
          edit.notify(make(NotificationRule.CUSTOMER_MERGED, customer, ticket, edit, values));
        }
      }
      // Tags, fields, links and SLA events tell nobody here (SLA alerts go by the escalations).
    }
    if (on(NotificationRule.GROUP_UNASSIGNED) && arrivedUnassignedInGroup(edit)) {
      toGroup(edit);
    }
  }

  private boolean on(NotificationRule rule) {
    return policy.isEnabled(rule);
  }

  /**
   * Tells {@code agent} by {@code rule}, unless there is none, it is unknown, or it is the agent
   * who made the change.
   */
  private void toAgent(
      NotificationRule rule,
      Optional<AgentId> agent,
      Actor by,
      TicketEdit edit,
      Map<String, String> values) {
    Optional<Agent> found = agent.filter(id -> !isAgent(by, id)).flatMap(agents);
    if (found.isPresent()) {
      Recipient to = new Recipient(found.get().name(), found.get().email());
      edit.notify(make(rule, to, edit.current(), edit, values));
    }
  }

  /**
   * Whether the edit left the ticket in a group without an assignee, having opened it there or
   * routed it there; what an agent of the group should pick up.
   */
  private static boolean arrivedUnassignedInGroup(TicketEdit edit) {
    Ticket ticket = edit.current();
    if (ticket.group().isEmpty()
        || ticket.assignee().isPresent()
        || ticket.status() == Status.SOLVED
        || ticket.status() == Status.CLOSED) {
      return false;
    }
    return edit.before().isEmpty()
        || edit.events().stream()
            .anyMatch(e -> e instanceof TicketEvent.GroupChanged g && g.to().isPresent());
  }

  /** Tells every agent of the ticket's group, but the one who routed it there. */
  private void toGroup(TicketEdit edit) {
    Ticket ticket = edit.current();
    GroupId group = ticket.group().orElseThrow();
    Map<String, String> values =
        Map.of(
            Notification.GROUP, group.value(), Notification.AUTHOR, nameOf(edit.actor(), ticket));
    for (Agent member : staff.get()) {
      if (member.isIn(group) && !isAgent(edit.actor(), member.id())) {
        Recipient to = new Recipient(member.name(), member.email());
        edit.notify(make(NotificationRule.GROUP_UNASSIGNED, to, ticket, edit, values));
      }
    }
  }

  private static boolean isAgent(Actor actor, AgentId id) {
    return actor instanceof Actor.Agent a && a.id().equals(id);
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
        edit.notify(make(NotificationRule.CUSTOMER_AGENT_REPLY, to, ticket, edit, values));
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

  /** As {@link #nameOf(Actor)}, but the ticket's requester by the name they gave. */
  private String nameOf(Actor actor, Ticket ticket) {
    if (actor instanceof Actor.Customer c && c.id().equals(ticket.requester().id())) {
      return ticket.requester().name();
    }
    return nameOf(actor);
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

  private Notification make(
      NotificationRule rule,
      Recipient to,
      Ticket ticket,
      TicketEdit edit,
      Map<String, String> values) {
    NotificationKind kind = rule.kind();
    if (kind.audience() == Audience.CUSTOMER && ticket.locale().isPresent()) {
      // The customer is written to in the language of their ticket, whatever the recipient-wide
      // default of the delivery adapter says.
      Map<String, String> withLocale = new HashMap<>(values);
      withLocale.put(Notification.LOCALE, ticket.locale().get().toLanguageTag());
      values = withLocale;
    }
    Instant notBefore = edit.at();
    Optional<String> key = Optional.empty();
    if (rule.coalesces()) {
      // Held for the window, so that what the same person is told of the same ticket a moment
      // later goes out in the same mail.
      notBefore = edit.at().plus(policy.coalescingWindow());
      key = Optional.of(coalescingKey(ticket, to));
    }
    return new Notification(
        NotificationId.random(),
        kind,
        to,
        ticket.id(),
        ticket.key(),
        ticket.subject(),
        values,
        edit.at(),
        notBefore,
        key);
  }

  /** One ticket, one recipient: what the dispatcher merges by. */
  static String coalescingKey(Ticket ticket, Recipient to) {
    return ticket.id().value() + "/" + to.email().value().toLowerCase(Locale.ROOT);
  }
}
