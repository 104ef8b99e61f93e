package dev.helpdesk.ticket;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something that happened to a ticket: who did what, when, with the values before and after. The
 * events of a ticket, in order, are its audit history, and they replay to its current state. They
 * are also published to the {@link TicketEventListener}s the application registers.
 *
 * <p>Code that handles every event type implements {@link Visitor} and dispatches with {@link
 * #accept}: a new event type is a new record here and a new {@code Visitor} method, and every such
 * place fails to compile until it decides what the new type means for it (the JPA adapter's stored
 * format, what a customer may see in the history, the examples' activity log). Code that reacts to
 * one or a few types on purpose (notification rules, SLA engine, assignment, satisfaction, live
 * updates, metric facts) tests those with {@code instanceof} and lets every other type pass.
 */
public sealed interface TicketEvent
    permits TicketEvent.Created,
        TicketEvent.Assigned,
        TicketEvent.StatusChanged,
        TicketEvent.MessageAdded,
        TicketEvent.PriorityChanged,
        TicketEvent.GroupChanged,
        TicketEvent.Escalated,
        TicketEvent.SlaWarned,
        TicketEvent.SlaBreached,
        TicketEvent.AnswersSuggested,
        TicketEvent.AnswerAccepted,
        TicketEvent.MacroApplied,
        TicketEvent.TagsChanged,
        TicketEvent.FieldsChanged,
        TicketEvent.SlaMet,
        TicketEvent.Rated,
        TicketEvent.Linked,
        TicketEvent.Unlinked,
        TicketEvent.Merged,
        TicketEvent.MergedInto,
        TicketEvent.PendingReminderSent,
        TicketEvent.CcAdded,
        TicketEvent.CcRemoved {

  /** The ticket it happened to. */
  TicketId ticketId();

  /** Who did it. */
  Actor actor();

  /** When. */
  Instant at();

  /**
   * Calls the method of {@code visitor} for this event's type.
   *
   * @param visitor what to do with each event type
   * @param <R> what the visitor returns
   * @return what the visitor's method returned
   */
  <R> R accept(Visitor<R> visitor);

  /**
   * Something done with an event, one method per event type. It has no default methods on purpose:
   * an implementation must say what it does with every type, so adding an event type makes each
   * implementation fail to compile until it handles the new one.
   *
   * @param <R> what each method returns ({@link Void} and {@code null} when nothing)
   */
  interface Visitor<R> {

    /**
     * Handles {@link Created}: a ticket was opened.
     *
     * @param event the event
     * @return the result for it
     */
    R created(Created event);

    /**
     * Handles {@link Assigned}: the assignee changed.
     *
     * @param event the event
     * @return the result for it
     */
    R assigned(Assigned event);

    /**
     * Handles {@link StatusChanged}: the status changed.
     *
     * @param event the event
     * @return the result for it
     */
    R statusChanged(StatusChanged event);

    /**
     * Handles {@link MessageAdded}: a message was added.
     *
     * @param event the event
     * @return the result for it
     */
    R messageAdded(MessageAdded event);

    /**
     * Handles {@link PriorityChanged}: the priority changed.
     *
     * @param event the event
     * @return the result for it
     */
    R priorityChanged(PriorityChanged event);

    /**
     * Handles {@link GroupChanged}: the group changed.
     *
     * @param event the event
     * @return the result for it
     */
    R groupChanged(GroupChanged event);

    /**
     * Handles {@link Escalated}: the ticket was escalated.
     *
     * @param event the event
     * @return the result for it
     */
    R escalated(Escalated event);

    /**
     * Handles {@link SlaWarned}: an SLA target is close to being breached.
     *
     * @param event the event
     * @return the result for it
     */
    R slaWarned(SlaWarned event);

    /**
     * Handles {@link SlaBreached}: an SLA target was breached.
     *
     * @param event the event
     * @return the result for it
     */
    R slaBreached(SlaBreached event);

    /**
     * Handles {@link AnswersSuggested}: instant answers were suggested.
     *
     * @param event the event
     * @return the result for it
     */
    R answersSuggested(AnswersSuggested event);

    /**
     * Handles {@link AnswerAccepted}: the customer accepted a suggested answer.
     *
     * @param event the event
     * @return the result for it
     */
    R answerAccepted(AnswerAccepted event);

    /**
     * Handles {@link MacroApplied}: a macro was applied.
     *
     * @param event the event
     * @return the result for it
     */
    R macroApplied(MacroApplied event);

    /**
     * Handles {@link TagsChanged}: the tags changed.
     *
     * @param event the event
     * @return the result for it
     */
    R tagsChanged(TagsChanged event);

    /**
     * Handles {@link FieldsChanged}: staff edited the custom fields.
     *
     * @param event the event
     * @return the result for it
     */
    R fieldsChanged(FieldsChanged event);

    /**
     * Handles {@link SlaMet}: an SLA target was met.
     *
     * @param event the event
     * @return the result for it
     */
    R slaMet(SlaMet event);

    /**
     * Handles {@link Rated}: the customer rated the solve.
     *
     * @param event the event
     * @return the result for it
     */
    R rated(Rated event);

    /**
     * Handles {@link Linked}: the ticket was linked to another.
     *
     * @param event the event
     * @return the result for it
     */
    R linked(Linked event);

    /**
     * Handles {@link Unlinked}: a link was removed.
     *
     * @param event the event
     * @return the result for it
     */
    R unlinked(Unlinked event);

    /**
     * Handles {@link Merged}: a duplicate was merged into the ticket.
     *
     * @param event the event
     * @return the result for it
     */
    R merged(Merged event);

    /**
     * Handles {@link MergedInto}: the ticket was merged into another.
     *
     * @param event the event
     * @return the result for it
     */
    R mergedInto(MergedInto event);

    /**
     * Handles {@link PendingReminderSent}: the customer of a pending ticket was reminded.
     *
     * @param event the event
     * @return the result for it
     */
    R pendingReminderSent(PendingReminderSent event);

    /**
     * Handles {@link CcAdded}: a person was copied on the ticket.
     *
     * @param event the event
     * @return the result for it
     */
    R ccAdded(CcAdded event);

    /**
     * Handles {@link CcRemoved}: a person is no longer copied on the ticket.
     *
     * @param event the event
     * @return the result for it
     */
    R ccRemoved(CcRemoved event);
  }

  /**
   * The ticket was opened, in status NEW.
   *
   * @param ticketId the new ticket
   * @param actor who opened it
   * @param at when
   * @param key its human key
   * @param subject its subject
   * @param description its description
   * @param requester the customer asking
   * @param channel where it came in
   * @param priority how urgent
   * @param tags its tags
   * @param customFields its custom fields
   * @param group the team it was routed to, if any
   * @param followUpOf the closed ticket it follows up, if any
   */
  record Created(
      TicketId ticketId,
      Actor actor,
      Instant at,
      TicketKey key,
      String subject,
      String description,
      Customer requester,
      Channel channel,
      Priority priority,
      Set<String> tags,
      Map<String, String> customFields,
      Optional<GroupId> group,
      Optional<TicketId> followUpOf)
      implements TicketEvent {
    /** Validates the event. */
    public Created {
      common(ticketId, actor, at);
      tags = Set.copyOf(tags);
      customFields = Map.copyOf(customFields);
      Check.present("group", group);
      Check.present("followUpOf", followUpOf);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.created(this);
    }
  }

  /**
   * The assignee changed.
   *
   * @param ticketId the ticket
   * @param actor who changed it
   * @param at when
   * @param from the agent before, if any
   * @param to the agent after, if any (empty when unassigned)
   * @param reason why, when a rule moved the ticket ({@code no-reply}: no agent reply within the
   *     policy's {@code NoReplyRule}); empty for assignments by hand and by the strategy. At most
   *     {@value #MAX_REASON_LENGTH} characters on one line
   */
  record Assigned(
      TicketId ticketId,
      Actor actor,
      Instant at,
      Optional<AgentId> from,
      Optional<AgentId> to,
      Optional<String> reason)
      implements TicketEvent {

    /** The longest reason, in characters. */
    public static final int MAX_REASON_LENGTH = 100;

    /** Validates the event. */
    public Assigned {
      common(ticketId, actor, at);
      Check.present("from", from);
      Check.present("to", to);
      Check.present("reason", reason);
      reason.ifPresent(r -> Check.line("reason", r, MAX_REASON_LENGTH));
    }

    /** An assignment without a reason (by hand, or by the strategy). */
    public Assigned(
        TicketId ticketId, Actor actor, Instant at, Optional<AgentId> from, Optional<AgentId> to) {
      this(ticketId, actor, at, from, to, Optional.empty());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.assigned(this);
    }
  }

  /**
   * The status changed.
   *
   * @param ticketId the ticket
   * @param actor who changed it (the customer, when their reply reopened it)
   * @param at when
   * @param from the status before
   * @param to the status after
   */
  record StatusChanged(TicketId ticketId, Actor actor, Instant at, Status from, Status to)
      implements TicketEvent {
    /** Validates the event. */
    public StatusChanged {
      common(ticketId, actor, at);
      Check.present("from", from);
      Check.present("to", to);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.statusChanged(this);
    }
  }

  /**
   * A message was added to the conversation.
   *
   * @param ticketId the ticket
   * @param actor the author
   * @param at when
   * @param messageId the message
   * @param visibility public reply or internal note
   */
  record MessageAdded(
      TicketId ticketId, Actor actor, Instant at, MessageId messageId, Visibility visibility)
      implements TicketEvent {
    /** Validates the event. */
    public MessageAdded {
      common(ticketId, actor, at);
      Check.present("messageId", messageId);
      Check.present("visibility", visibility);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.messageAdded(this);
    }
  }

  /**
   * The priority changed.
   *
   * @param ticketId the ticket
   * @param actor who changed it
   * @param at when
   * @param from before
   * @param to after
   */
  record PriorityChanged(TicketId ticketId, Actor actor, Instant at, Priority from, Priority to)
      implements TicketEvent {
    /** Validates the event. */
    public PriorityChanged {
      common(ticketId, actor, at);
      Check.present("from", from);
      Check.present("to", to);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.priorityChanged(this);
    }
  }

  /**
   * The group changed.
   *
   * @param ticketId the ticket
   * @param actor who changed it
   * @param at when
   * @param from before, if any
   * @param to after, if any
   */
  record GroupChanged(
      TicketId ticketId, Actor actor, Instant at, Optional<GroupId> from, Optional<GroupId> to)
      implements TicketEvent {
    /** Validates the event. */
    public GroupChanged {
      common(ticketId, actor, at);
      Check.present("from", from);
      Check.present("to", to);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.groupChanged(this);
    }
  }

  /**
   * The ticket was escalated to a supervisor group, on request or by a rule; the reassignment that
   * follows is recorded by its own {@link GroupChanged} and {@link Assigned} events.
   *
   * @param ticketId the ticket
   * @param actor who escalated it (the system actor of the rule, or the one who asked)
   * @param at when
   * @param from the agent who had it, if any
   * @param toGroup the supervisor group it goes to
   * @param reason why, e.g. {@code customer unhappy} or {@code no agent reply within PT2H}
   */
  record Escalated(
      TicketId ticketId,
      Actor actor,
      Instant at,
      Optional<AgentId> from,
      GroupId toGroup,
      String reason)
      implements TicketEvent {
    /** Validates the event. */
    public Escalated {
      common(ticketId, actor, at);
      Check.present("from", from);
      Check.present("toGroup", toGroup);
      Check.line("reason", reason, 500);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.escalated(this);
    }
  }

  /**
   * An SLA target is close to being breached (the policy's warning lead was reached). Recorded at
   * most once per target and cycle.
   *
   * @param ticketId the ticket
   * @param actor who noticed (the SLA monitor, or whoever changed the ticket then)
   * @param at when
   * @param target the target
   * @param cycle which cycle of the target, from 1 (next reply and periodic update repeat)
   * @param dueAt when the target is breached unless met
   */
  record SlaWarned(
      TicketId ticketId, Actor actor, Instant at, SlaTarget target, int cycle, Instant dueAt)
      implements TicketEvent {
    /** Validates the event. */
    public SlaWarned {
      common(ticketId, actor, at);
      Check.present("target", target);
      Check.present("dueAt", dueAt);
      Check.positive("cycle", cycle);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.slaWarned(this);
    }
  }

  /**
   * An SLA target was not met by its due time. Recorded at most once per target and cycle.
   *
   * @param ticketId the ticket
   * @param actor who noticed (the SLA monitor, or whoever changed the ticket then)
   * @param at when
   * @param target the target
   * @param cycle which cycle of the target, from 1
   * @param dueAt when it was due
   */
  record SlaBreached(
      TicketId ticketId, Actor actor, Instant at, SlaTarget target, int cycle, Instant dueAt)
      implements TicketEvent {
    /** Validates the event. */
    public SlaBreached {
      common(ticketId, actor, at);
      Check.present("target", target);
      Check.present("dueAt", dueAt);
      Check.positive("cycle", cycle);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.slaBreached(this);
    }
  }

  /**
   * Knowledge-base articles were offered to the customer as instant answers when the ticket was
   * opened. Recorded with the opening, so that the suggestions stay as they were shown (and can be
   * accepted) even after the articles change.
   *
   * @param ticketId the ticket
   * @param actor the desk's system actor {@code instant-answers}
   * @param at when
   * @param answers the articles offered, best first (1 to {@value #MAX_ANSWERS})
   */
  record AnswersSuggested(TicketId ticketId, Actor actor, Instant at, List<SuggestedAnswer> answers)
      implements TicketEvent {

    /** The most answers one suggestion holds. */
    public static final int MAX_ANSWERS = 10;

    /** Validates the event and freezes the answers. */
    public AnswersSuggested {
      common(ticketId, actor, at);
      answers = List.copyOf(Check.size("answers", Check.present("answers", answers), MAX_ANSWERS));
      if (answers.isEmpty()) {
        throw new ValidationException("answers", "must not be empty");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.answersSuggested(this);
    }
  }

  /**
   * The customer said a suggested article solved their query; the {@link StatusChanged} to SOLVED
   * recorded with it needs no assignee.
   *
   * @param ticketId the ticket
   * @param actor the ticket's customer
   * @param at when
   * @param articleId the article accepted
   * @param title its title as it was suggested
   */
  record AnswerAccepted(
      TicketId ticketId, Actor actor, Instant at, ArticleId articleId, String title)
      implements TicketEvent {
    /** Validates the event. */
    public AnswerAccepted {
      common(ticketId, actor, at);
      Check.present("articleId", articleId);
      Check.line("title", title, SuggestedAnswer.MAX_TITLE_LENGTH);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.answerAccepted(this);
    }
  }

  /**
   * An agent applied a macro (a canned response). The reply and field changes it made are recorded
   * by their own events in the same change; this one says where they came from.
   *
   * @param ticketId the ticket
   * @param actor who applied it
   * @param at when
   * @param macro the macro's name
   */
  record MacroApplied(TicketId ticketId, Actor actor, Instant at, String macro)
      implements TicketEvent {

    /** The longest macro name. */
    public static final int MAX_NAME_LENGTH = 100;

    /** Validates the event. */
    public MacroApplied {
      common(ticketId, actor, at);
      Check.line("macro", macro, MAX_NAME_LENGTH);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.macroApplied(this);
    }
  }

  /**
   * The tags changed.
   *
   * @param ticketId the ticket
   * @param actor who changed them
   * @param at when
   * @param from the tags before
   * @param to the tags after
   */
  record TagsChanged(TicketId ticketId, Actor actor, Instant at, Set<String> from, Set<String> to)
      implements TicketEvent {
    /** Validates the event and freezes the tags. */
    public TagsChanged {
      common(ticketId, actor, at);
      from = Set.copyOf(Check.present("from", from));
      to = Set.copyOf(Check.present("to", to));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.tagsChanged(this);
    }
  }

  /**
   * Staff edited the ticket's custom fields ({@code HelpDesk.setFields}, {@code removeFields}).
   *
   * @param ticketId the ticket
   * @param actor who changed them
   * @param at when
   * @param from every custom field before
   * @param to every custom field after
   */
  record FieldsChanged(
      TicketId ticketId, Actor actor, Instant at, Map<String, String> from, Map<String, String> to)
      implements TicketEvent {
    /** Validates the event and freezes the fields. */
    public FieldsChanged {
      common(ticketId, actor, at);
      from = Map.copyOf(Check.present("from", from));
      to = Map.copyOf(Check.present("to", to));
    }

    /** The keys whose value was set, added or removed. */
    public Set<String> changedKeys() {
      Set<String> keys = new TreeSet<>(from.keySet());
      keys.addAll(to.keySet());
      keys.removeIf(k -> Objects.equals(from.get(k), to.get(k)));
      return Collections.unmodifiableSet(keys);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.fieldsChanged(this);
    }
  }

  /**
   * An SLA target was met: its cycle ended (a public agent reply for the reply targets, SOLVED for
   * resolution, or the ticket left work while the timer ran) before it was breached. Recorded once
   * per target and cycle; with {@link SlaBreached} it tells, for every cycle that ended, whether
   * the promise was kept.
   *
   * @param ticketId the ticket
   * @param actor whoever changed the ticket then
   * @param at when the cycle ended
   * @param target the target
   * @param cycle which cycle of the target, from 1
   * @param dueAt when it would have been breached
   */
  record SlaMet(
      TicketId ticketId, Actor actor, Instant at, SlaTarget target, int cycle, Instant dueAt)
      implements TicketEvent {
    /** Validates the event. */
    public SlaMet {
      common(ticketId, actor, at);
      Check.present("target", target);
      Check.present("dueAt", dueAt);
      Check.positive("cycle", cycle);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.slaMet(this);
    }
  }

  /**
   * The customer rated how the ticket was solved. At most once per solve: after a reopening and a
   * new solve they may rate again.
   *
   * @param ticketId the ticket
   * @param actor the customer who rated
   * @param at when
   * @param rating good or bad
   * @param comment what they added, empty when nothing
   * @param agent the agent who had the ticket when it was rated
   * @param group the group it was routed to then, if any
   */
  record Rated(
      TicketId ticketId,
      Actor actor,
      Instant at,
      Rating rating,
      String comment,
      Optional<AgentId> agent,
      Optional<GroupId> group)
      implements TicketEvent {
    /** The longest comment accepted. */
    public static final int MAX_COMMENT_LENGTH = 2_000;

    /** Validates the event. */
    public Rated {
      common(ticketId, actor, at);
      Check.present("rating", rating);
      Check.present("comment", comment);
      if (!comment.isEmpty()) {
        Check.text("comment", comment, MAX_COMMENT_LENGTH);
      }
      Check.present("agent", agent);
      Check.present("group", group);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rated(this);
    }
  }

  /**
   * The ticket was linked to another; the other ticket's history records the same link from its
   * end, unless it is CLOSED (a closed ticket never changes; its links still show it).
   *
   * @param ticketId the ticket
   * @param actor who linked them (for a follow-up of a closed ticket, the customer who wrote)
   * @param at when
   * @param link the link as this ticket sees it
   */
  record Linked(TicketId ticketId, Actor actor, Instant at, TicketLink link)
      implements TicketEvent {
    /** Validates the event. */
    public Linked {
      common(ticketId, actor, at);
      Check.present("link", link);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.linked(this);
    }
  }

  /**
   * A link to another ticket was removed, from both tickets.
   *
   * @param ticketId the ticket
   * @param actor who removed it
   * @param at when
   * @param link the link removed, as this ticket saw it
   */
  record Unlinked(TicketId ticketId, Actor actor, Instant at, TicketLink link)
      implements TicketEvent {
    /** Validates the event. */
    public Unlinked {
      common(ticketId, actor, at);
      Check.present("link", link);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.unlinked(this);
    }
  }

  /**
   * A duplicate of this ticket was merged into it: the duplicate's public messages were added to
   * this ticket's conversation, each with a new id but its original author, time, text and
   * attachments, and the duplicate was closed ({@link MergedInto} in its history).
   *
   * @param ticketId the ticket merged into
   * @param actor who merged
   * @param at when
   * @param duplicate the ticket merged
   * @param duplicateKey its key
   * @param carried the ids, in this ticket's conversation, of the messages that came from the
   *     duplicate, in order
   */
  record Merged(
      TicketId ticketId,
      Actor actor,
      Instant at,
      TicketId duplicate,
      TicketKey duplicateKey,
      List<MessageId> carried)
      implements TicketEvent {
    /** Validates the event. */
    public Merged {
      common(ticketId, actor, at);
      Check.present("duplicate", duplicate);
      Check.present("duplicateKey", duplicateKey);
      carried = List.copyOf(carried);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.merged(this);
    }
  }

  /**
   * This ticket was a duplicate and was merged into another, which now carries its public messages;
   * it was closed by the merge. Its own history stays as it was.
   *
   * @param ticketId the duplicate
   * @param actor who merged
   * @param at when
   * @param into the ticket it was merged into
   * @param intoKey that ticket's key
   */
  record MergedInto(TicketId ticketId, Actor actor, Instant at, TicketId into, TicketKey intoKey)
      implements TicketEvent {
    /** Validates the event. */
    public MergedInto {
      common(ticketId, actor, at);
      Check.present("into", into);
      Check.present("intoKey", intoKey);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.mergedInto(this);
    }
  }

  private static void common(TicketId ticketId, Actor actor, Instant at) {
    Check.present("ticketId", ticketId);
    Check.present("actor", actor);
    Check.present("at", at);
  }

  /**
   * The customer of a ticket waiting in PENDING was reminded that the desk waits for their answer
   * (a mail goes out with this event). Recorded by the pending follow-up job, once per reminder and
   * stay in PENDING.
   *
   * @param ticketId the ticket
   * @param actor the system actor of the job
   * @param at when
   * @param reminder which reminder of this stay in PENDING: 1 or 2
   * @param autoSolveAt when the ticket will be solved if the customer does not answer, if planned
   */
  record PendingReminderSent(
      TicketId ticketId, Actor actor, Instant at, int reminder, Optional<Instant> autoSolveAt)
      implements TicketEvent {
    /** Validates the event. */
    public PendingReminderSent {
      common(ticketId, actor, at);
      if (reminder != 1 && reminder != 2) {
        throw new ValidationException("reminder", "must be 1 or 2 (was " + reminder + ")");
      }
      Check.present("autoSolveAt", autoSolveAt);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pendingReminderSent(this);
    }
  }

  /**
   * A person was copied on the ticket ({@link Ticket#ccs()}): from now on they receive its public
   * replies, and their mailed answers land on it.
   *
   * @param ticketId the ticket
   * @param actor who copied them (the requester or staff)
   * @param at when
   * @param cc the person copied
   */
  record CcAdded(TicketId ticketId, Actor actor, Instant at, Cc cc) implements TicketEvent {
    /** Validates the event. */
    public CcAdded {
      common(ticketId, actor, at);
      Check.present("cc", cc);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ccAdded(this);
    }
  }

  /**
   * A person is no longer copied on the ticket.
   *
   * @param ticketId the ticket
   * @param actor who removed them
   * @param at when
   * @param cc the person removed, as they were copied
   */
  record CcRemoved(TicketId ticketId, Actor actor, Instant at, Cc cc) implements TicketEvent {
    /** Validates the event. */
    public CcRemoved {
      common(ticketId, actor, at);
      Check.present("cc", cc);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.ccRemoved(this);
    }
  }
}
