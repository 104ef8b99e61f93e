package dev.helpdesk.internal.change;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.store.LinkEnd;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of a ticket's life, applied to one change. An edit starts from a ticket as read (or a
 * new request), applies operations in order, each of which checks its rule, updates the working
 * state and records the events it causes, and ends with {@link #done()}, which yields the {@link
 * TicketChange} to store. An operation that breaks a rule throws and the edit is abandoned, so a
 * refused operation changes nothing.
 *
 * <p>Not thread-safe: one edit belongs to one operation on one thread.
 */
public final class TicketEdit {

  private static final Set<Status> REOPENED_BY_CUSTOMER_REPLY =
      Set.of(Status.PENDING, Status.ON_HOLD, Status.SOLVED);

  private final Optional<Ticket> before;
  private final Actor actor;
  private final Instant at;
  private final StatusTransitions transitions;
  private final List<Message> messages = new ArrayList<>();
  private final List<TicketEvent> events = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private final List<CapacityGuard> guards = new ArrayList<>();

  // The working state; turned back into a Ticket by current().
  private final TicketId id;
  private final TicketKey key;
  private final Ticket original;
  private Status status;
  private Optional<AgentId> assignee;
  private Optional<GroupId> group;
  private Priority priority;
  private Set<String> tags;
  private Map<String, String> customFields;
  private List<Cc> ccs;
  private Optional<Instant> solvedAt;

  private TicketEdit(
      Optional<Ticket> before,
      Ticket start,
      Actor actor,
      Instant at,
      StatusTransitions transitions) {
    this.before = before;
    this.original = start;
    this.actor = Objects.requireNonNull(actor, "actor");
    this.at = Objects.requireNonNull(at, "at");
    this.transitions = Objects.requireNonNull(transitions, "transitions");
    this.id = start.id();
    this.key = start.key();
    this.status = start.status();
    this.assignee = start.assignee();
    this.group = start.group();
    this.priority = start.priority();
    this.tags = start.tags();
    this.customFields = start.customFields();
    this.ccs = start.ccs();
    this.solvedAt = start.solvedAt();
  }

  /**
   * Starts an edit that opens a ticket in status NEW and records {@link TicketEvent.Created}.
   *
   * @param id the new ticket's id
   * @param key its human key
   * @param request what the customer asked
   * @param followUpOf the closed ticket this one follows up, if any
   * @param actor who opens it
   * @param at when
   * @param transitions the status table in force
   */
  public static TicketEdit open(
      TicketId id,
      TicketKey key,
      NewTicket request,
      Optional<TicketId> followUpOf,
      Actor actor,
      Instant at,
      StatusTransitions transitions) {
    Check.present("request", request);
    Ticket ticket =
        new Ticket(
            id,
            key,
            request.subject(),
            request.description(),
            request.requester(),
            request.channel(),
            request.priority(),
            request.tags(),
            request.customFields(),
            List.of(),
            Status.NEW,
            Optional.empty(),
            request.group(),
            followUpOf,
            at,
            at,
            Optional.empty(),
            1);
    TicketEdit edit = new TicketEdit(Optional.empty(), ticket, actor, at, transitions);
    edit.events.add(
        new TicketEvent.Created(
            id,
            actor,
            at,
            key,
            ticket.subject(),
            ticket.description(),
            ticket.requester(),
            ticket.channel(),
            ticket.priority(),
            ticket.tags(),
            ticket.customFields(),
            ticket.group(),
            followUpOf));
    return edit;
  }

  /**
   * Starts an edit of a stored ticket.
   *
   * @param ticket the ticket as read
   * @param actor who edits it
   * @param at when
   * @param transitions the status table in force
   */
  public static TicketEdit of(
      Ticket ticket, Actor actor, Instant at, StatusTransitions transitions) {
    return new TicketEdit(Optional.of(ticket), ticket, actor, at, transitions);
  }

  /**
   * Assigns the ticket to {@code agent}. Assigning a NEW ticket opens it. Assigning the agent who
   * already has it changes nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit assign(AgentId agent) {
    return assign(agent, actor);
  }

  /**
   * Assigns the ticket on behalf of {@code by} (automatic assignment records the system actor that
   * decided, not the customer whose request triggered it); otherwise as {@link #assign(AgentId)}.
   */
  public TicketEdit assign(AgentId agent, Actor by) {
    return assign(agent, by, Optional.empty());
  }

  /**
   * Assigns the ticket on behalf of {@code by}, recording why a rule moved it (see {@link
   * TicketEvent.Assigned#reason()}); otherwise as {@link #assign(AgentId)}.
   */
  public TicketEdit assign(AgentId agent, Actor by, Optional<String> reason) {
    Check.present("agentId", agent);
    Check.present("actor", by);
    Check.present("reason", reason);
    requireNotClosed("assign");
    if (assignee.filter(agent::equals).isPresent()) {
      return this;
    }
    events.add(new TicketEvent.Assigned(id, by, at, assignee, Optional.of(agent), reason));
    assignee = Optional.of(agent);
    if (status == Status.NEW && transitions.allows(Status.NEW, Status.OPEN)) {
      moveTo(Status.OPEN, by);
    }
    return this;
  }

  /**
   * Records that the ticket was escalated to {@code group}, for {@code reason}. The reassignment
   * itself is made with {@link #changeGroup} and {@link #assign}/{@link #unassign}.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit escalated(GroupId group, String reason, Actor by) {
    requireNotClosed("escalate");
    events.add(new TicketEvent.Escalated(id, by, at, assignee, group, reason));
    return this;
  }

  /**
   * Adds a capacity condition the store must check inside the atomic write of this change; see
   * {@link CapacityGuard}.
   */
  public TicketEdit guard(CapacityGuard guard) {
    guards.add(Check.present("guard", guard));
    return this;
  }

  /**
   * Removes the assignee. Unassigning an unassigned ticket changes nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   * @throws ValidationException if the ticket is SOLVED, which requires an assignee
   */
  public TicketEdit unassign() {
    requireNotClosed("unassign");
    if (assignee.isEmpty()) {
      return this;
    }
    if (status == Status.SOLVED) {
      throw new ValidationException("assignee", "is required while the ticket is SOLVED");
    }
    events.add(new TicketEvent.Assigned(id, actor, at, assignee, Optional.empty()));
    assignee = Optional.empty();
    return this;
  }

  /**
   * Moves the ticket to {@code to}, if the table and the fixed rules allow it. Moving to the
   * current status changes nothing.
   *
   * @throws IllegalTransitionException naming the ticket, from, to and the rule broken
   */
  public TicketEdit changeStatus(Status to) {
    Check.present("status", to);
    if (to == status) {
      return this;
    }
    if (status == Status.CLOSED) {
      throw new IllegalTransitionException(key, status, to, "CLOSED is final");
    }
    if (to == Status.NEW) {
      throw new IllegalTransitionException(key, status, to, "nothing goes back to NEW");
    }
    if (!transitions.allows(status, to)) {
      throw new IllegalTransitionException(
          key, status, to, "the transition table does not allow it");
    }
    if (to == Status.SOLVED && assignee.isEmpty()) {
      throw new IllegalTransitionException(key, status, to, "SOLVED requires an assignee");
    }
    moveTo(to);
    return this;
  }

  /**
   * Adds a message to the conversation. A customer's public reply on a PENDING, ON_HOLD or SOLVED
   * ticket opens it again (where the table allows).
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit addMessage(Message message) {
    Check.present("message", message);
    requireNotClosed("add a message");
    messages.add(message);
    events.add(
        new TicketEvent.MessageAdded(id, message.author(), at, message.id(), message.visibility()));
    if (message.author() instanceof Actor.Customer
        && message.visibility() == Visibility.PUBLIC
        && REOPENED_BY_CUSTOMER_REPLY.contains(status)
        && transitions.allows(status, Status.OPEN)) {
      moveTo(Status.OPEN);
    }
    return this;
  }

  /**
   * Changes the priority; the same priority changes nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit changePriority(Priority to) {
    Check.present("priority", to);
    requireNotClosed("change priority");
    if (to != priority) {
      events.add(new TicketEvent.PriorityChanged(id, actor, at, priority, to));
      priority = to;
    }
    return this;
  }

  /**
   * Routes the ticket to another group, or to none; the same group changes nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit changeGroup(Optional<GroupId> to) {
    Check.present("group", to);
    requireNotClosed("change group");
    if (!to.equals(group)) {
      events.add(new TicketEvent.GroupChanged(id, actor, at, group, to));
      group = to;
    }
    return this;
  }

  /**
   * Records that an SLA target reached its warning lead; the SLA capability decides when. Does not
   * change the ticket's fields, but the change is stored (and the version raised) like any other.
   *
   * @throws TicketClosedException if the ticket was CLOSED before this edit
   */
  public TicketEdit slaWarned(SlaTarget target, int cycle, Instant dueAt) {
    requireNotClosedBefore("record an SLA warning");
    events.add(new TicketEvent.SlaWarned(id, actor, at, target, cycle, dueAt));
    return this;
  }

  /**
   * Records that an SLA target was breached; see {@link #slaWarned}.
   *
   * @throws TicketClosedException if the ticket was CLOSED before this edit
   */
  public TicketEdit slaBreached(SlaTarget target, int cycle, Instant dueAt) {
    requireNotClosedBefore("record an SLA breach");
    events.add(new TicketEvent.SlaBreached(id, actor, at, target, cycle, dueAt));
    return this;
  }

  /**
   * Records that an SLA target's cycle ended before it was breached; see {@link #slaWarned}.
   *
   * @throws TicketClosedException if the ticket was CLOSED before this edit
   */
  public TicketEdit slaMet(SlaTarget target, int cycle, Instant dueAt) {
    requireNotClosedBefore("record a met SLA target");
    events.add(new TicketEvent.SlaMet(id, actor, at, target, cycle, dueAt));
    return this;
  }

  /**
   * Records the customer's rating, with the agent and group the ticket has now. Whether they may
   * rate (their own ticket, SOLVED, not yet rated since it was solved) is the caller's rule.
   *
   * @param comment what the customer added, empty for nothing
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit rated(Rating rating, String comment) {
    requireNotClosed("rate");
    events.add(new TicketEvent.Rated(id, actor, at, rating, comment, assignee, group));
    return this;
  }

  /**
   * Reopens a SOLVED ticket, as a customer's reply does: moves it to OPEN where the table allows,
   * and otherwise changes nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit reopen() {
    requireNotClosed("reopen");
    if (status == Status.SOLVED && transitions.allows(Status.SOLVED, Status.OPEN)) {
      moveTo(Status.OPEN);
    }
    return this;
  }

  /**
   * Records a link to another ticket, as this ticket sees it; the other ticket's edit records the
   * same link from its end unless that ticket is CLOSED (the store keeps both ends all the same;
   * see {@link LinkEnd}). That the link is new is the caller's rule.
   *
   * @throws TicketClosedException if this ticket is CLOSED
   */
  public TicketEdit linked(TicketLink link) {
    Check.present("link", link);
    requireNotClosed("link");
    if (link.other().equals(id)) {
      throw new ValidationException("link", "must join two different tickets");
    }
    events.add(new TicketEvent.Linked(id, actor, at, link));
    return this;
  }

  /**
   * Records that a link to another ticket was removed; see {@link #linked}.
   *
   * @throws TicketClosedException if this ticket is CLOSED
   */
  public TicketEdit unlinked(TicketLink link) {
    Check.present("link", link);
    requireNotClosed("unlink");
    events.add(new TicketEvent.Unlinked(id, actor, at, link));
    return this;
  }

  /**
   * Closes this ticket as a duplicate merged into {@code into}: records {@link
   * TicketEvent.MergedInto} and moves it to CLOSED from whatever status it has (a fixed rule, like
   * the reopening by a customer's reply: the transition table is not asked).
   *
   * @throws TicketClosedException if this ticket is already CLOSED
   */
  public TicketEdit mergedInto(Ticket into) {
    Check.present("into", into);
    requireNotClosed("merge");
    if (into.id().equals(id)) {
      throw new ValidationException("into", "must be another ticket than the duplicate");
    }
    events.add(new TicketEvent.MergedInto(id, actor, at, into.id(), into.key()));
    moveTo(Status.CLOSED);
    return this;
  }

  /**
   * Takes in a duplicate's messages: appends {@code carried} (copies of the duplicate's public
   * messages, with new ids) to this ticket's conversation and records {@link TicketEvent.Merged}.
   * The carried messages are not new replies: they record no {@link TicketEvent.MessageAdded}, so
   * they neither reopen the ticket nor count as replies for SLA timers and metrics.
   *
   * @throws TicketClosedException if this ticket is CLOSED
   */
  public TicketEdit merged(Ticket duplicate, List<Message> carried) {
    Check.present("duplicate", duplicate);
    Check.present("carried", carried);
    requireNotClosed("merge a duplicate into");
    if (duplicate.id().equals(id)) {
      throw new ValidationException("into", "must be another ticket than the duplicate");
    }
    for (Message m : carried) {
      if (!m.isPublic()) {
        throw new ValidationException("carried", "must hold public messages only");
      }
    }
    messages.addAll(carried);
    events.add(
        new TicketEvent.Merged(
            id,
            actor,
            at,
            duplicate.id(),
            duplicate.key(),
            carried.stream().map(Message::id).toList()));
    return this;
  }

  /**
   * Adds tags (lower-cased, within the limits of {@link Ticket#tags()}); tags it already has change
   * nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit addTags(Set<String> more) {
    Check.present("tags", more);
    requireNotClosed("change tags");
    Set<String> all = new TreeSet<>(tags);
    all.addAll(more);
    Set<String> next = Ticket.checkTags(all);
    if (!next.equals(tags)) {
      events.add(new TicketEvent.TagsChanged(id, actor, at, tags, next));
      tags = next;
    }
    return this;
  }

  /**
   * Removes tags; tags it does not have change nothing. The tags named are checked like a ticket's
   * own, so a misspelt tag is refused rather than silently matching nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit removeTags(Set<String> less) {
    Set<String> named = Ticket.checkTags(Check.present("tags", less));
    requireNotClosed("change tags");
    Set<String> rest = new TreeSet<>(tags);
    rest.removeAll(named);
    Set<String> next = Ticket.checkTags(rest);
    if (!next.equals(tags)) {
      events.add(new TicketEvent.TagsChanged(id, actor, at, tags, next));
      tags = next;
    }
    return this;
  }

  /**
   * Copies a person on the ticket. An address it has already, in any case, changes nothing (the
   * name stays as first given); so does none at all.
   *
   * @throws ValidationException naming {@code ccs} when the ticket would have more than {@value
   *     Ticket#MAX_CCS} or {@code cc} is the requester's address
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit addCc(Cc cc) {
    Check.present("cc", cc);
    requireNotClosed("add a CC");
    if (ccs.stream().anyMatch(c -> c.hasAddress(cc.email()))) {
      return this;
    }
    List<Cc> next = new ArrayList<>(ccs);
    next.add(cc);
    ccs = Ticket.checkCcs(next, original.requester());
    events.add(new TicketEvent.CcAdded(id, actor, at, cc));
    return this;
  }

  /**
   * Stops copying the address on the ticket, ignoring case; an address it does not copy changes
   * nothing.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit removeCc(EmailAddress email) {
    Check.present("cc.email", email);
    requireNotClosed("remove a CC");
    Optional<Cc> present = ccs.stream().filter(c -> c.hasAddress(email)).findFirst();
    if (present.isPresent()) {
      ccs = ccs.stream().filter(c -> !c.hasAddress(email)).toList();
      events.add(new TicketEvent.CcRemoved(id, actor, at, present.get()));
    }
    return this;
  }

  /**
   * Sets custom fields to the values given and removes those named, within the limits of {@link
   * Ticket#customFields()}; values it has already and keys it lacks change nothing. The desk's
   * declared schema the caller checks; this checks the shape every ticket's fields have.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit changeFields(Map<String, String> set, Set<String> remove) {
    Check.present("customFields", set);
    Check.present("customFields", remove);
    requireNotClosed("change custom fields");
    Map<String, String> all = new TreeMap<>(customFields);
    all.keySet().removeAll(remove);
    all.putAll(set);
    Map<String, String> next = Ticket.checkCustomFields(all);
    if (!next.equals(customFields)) {
      events.add(new TicketEvent.FieldsChanged(id, actor, at, customFields, next));
      customFields = next;
    }
    return this;
  }

  /**
   * Records the knowledge-base articles offered to the customer as instant answers; none records
   * nothing.
   *
   * @param by the system actor that looked them up
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit answersSuggested(List<SuggestedAnswer> answers, Actor by) {
    Check.present("answers", answers);
    requireNotClosed("suggest answers");
    if (!answers.isEmpty()) {
      events.add(new TicketEvent.AnswersSuggested(id, by, at, answers));
    }
    return this;
  }

  /**
   * Solves the ticket because its customer accepted a suggested answer: the one move to SOLVED that
   * needs no assignee (whoever is assigned stays assigned). Which answers were suggested, and that
   * the actor is the ticket's customer, the caller checks.
   *
   * @throws IllegalTransitionException unless the ticket is unsolved and the table allows SOLVED
   */
  public TicketEdit answerAccepted(SuggestedAnswer answer) {
    Check.present("answer", answer);
    if (!status.isUnsolved()) {
      throw new IllegalTransitionException(
          key,
          status,
          Status.SOLVED,
          "an answer can be accepted only while the ticket is unsolved");
    }
    if (!transitions.allows(status, Status.SOLVED)) {
      throw new IllegalTransitionException(
          key, status, Status.SOLVED, "the transition table does not allow it");
    }
    events.add(new TicketEvent.AnswerAccepted(id, actor, at, answer.articleId(), answer.title()));
    moveTo(Status.SOLVED);
    return this;
  }

  /**
   * Records that the customer of this PENDING ticket was reminded; the notification rules mail the
   * reminder. When it is due is the pending follow-up's rule.
   *
   * @param reminder 1 or 2
   * @param autoSolveAt when the ticket will be solved without an answer, if planned
   * @throws ValidationException naming {@code status} if the ticket is not PENDING
   */
  public TicketEdit pendingReminderSent(int reminder, Optional<Instant> autoSolveAt) {
    if (status != Status.PENDING) {
      throw new ValidationException(
          "status", "must be PENDING to remind the customer (was " + status + ")");
    }
    events.add(new TicketEvent.PendingReminderSent(id, actor, at, reminder, autoSolveAt));
    return this;
  }

  /**
   * Records that the changes of this edit come from a macro.
   *
   * @throws TicketClosedException if the ticket is CLOSED
   */
  public TicketEdit macroApplied(String macro) {
    requireNotClosed("apply a macro");
    events.add(new TicketEvent.MacroApplied(id, actor, at, macro));
    return this;
  }

  /** Adds a notification to be written to the outbox with this change. */
  public TicketEdit notify(Notification notification) {
    notifications.add(Check.present("notification", notification));
    return this;
  }

  /** The ticket as it stands in this edit, not yet stored. */
  public Ticket current() {
    return build(
        before.isPresent() ? original.version() : 1, events.isEmpty() ? original.updatedAt() : at);
  }

  /** The ticket as read, or empty when the edit opens it. */
  public Optional<Ticket> before() {
    return before;
  }

  /** Who makes the edit. */
  public Actor actor() {
    return actor;
  }

  /** When. */
  public Instant at() {
    return at;
  }

  /** The events recorded so far. */
  public List<TicketEvent> events() {
    return List.copyOf(events);
  }

  /** The messages added so far. */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /** Whether anything changed; an edit that changed nothing need not be stored. */
  public boolean changed() {
    return !events.isEmpty();
  }

  /**
   * Ends the edit.
   *
   * @return the change to store, with the version raised by one (a new ticket has version 1)
   */
  public TicketChange done() {
    long version = before.map(t -> t.version() + 1).orElse(1L);
    return new TicketChange(before, build(version, at), messages, events, notifications, guards);
  }

  private void moveTo(Status to) {
    moveTo(to, actor);
  }

  private void moveTo(Status to, Actor by) {
    events.add(new TicketEvent.StatusChanged(id, by, at, status, to));
    if (to == Status.SOLVED) {
      solvedAt = Optional.of(at);
    } else if (to != Status.CLOSED) {
      solvedAt = Optional.empty();
    }
    status = to;
  }

  private void requireNotClosed(String what) {
    if (status == Status.CLOSED) {
      throw new TicketClosedException(key, what);
    }
  }

  /**
   * SLA events may be recorded in the very edit that closes a ticket (a merged duplicate's timers
   * end, and may cross, at the merge), but not on a ticket that was closed before.
   */
  private void requireNotClosedBefore(String what) {
    if (original.status() == Status.CLOSED) {
      throw new TicketClosedException(key, what);
    }
  }

  private Ticket build(long version, Instant updatedAt) {
    Customer requester = original.requester();
    return new Ticket(
        id,
        key,
        original.subject(),
        original.description(),
        requester,
        original.channel(),
        priority,
        tags,
        customFields,
        ccs,
        status,
        assignee,
        group,
        original.followUpOf(),
        original.createdAt(),
        updatedAt,
        solvedAt,
        version);
  }
}
