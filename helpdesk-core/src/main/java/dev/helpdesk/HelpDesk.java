package dev.helpdesk;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.Assignment;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.live.LiveFeed;
import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.TimeRange;
import dev.helpdesk.notification.NotificationDispatcher;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.satisfaction.Satisfaction;
import dev.helpdesk.sla.SlaEngine;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketAccess;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import dev.helpdesk.ticket.TicketLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help desk: the one entry point of the library. Every use case takes the {@link Actor} who
 * performs it, checks what that actor may do, applies the ticket rules, stores the change with its
 * notifications in one step, and then tells the registered {@link TicketEventListener}s.
 *
 * <pre>{@code
 * HelpDesk desk = HelpDesk.builder().build(); // in memory
 * Ticket t = desk.open(Actor.customer("c-1"), NewTicket.builder()
 *     .requester("c-1", "Ana", "ana@example.com").subject("Seat not shown").build());
 * }</pre>
 *
 * <p>Every refusal is a {@link dev.helpdesk.common.HelpDeskException} and leaves nothing stored.
 * Thread-safe: use one instance from many threads.
 */
public final class HelpDesk implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HelpDesk.class);

  /** The most tickets a listing returns. */
  public static final int MAX_LISTING = 500;

  /** The most links one ticket may have. */
  public static final int MAX_LINKS = 100;

  /** How many times a change that lost an optimistic-locking race is re-evaluated and retried. */
  private static final int ATTEMPTS = 3;

  /**
   * How many times opening a ticket picks an agent again after the store found the chosen one full
   * (another thread took the last slot); after that the ticket is stored unassigned, in the queue.
   */
  private static final int ASSIGN_ATTEMPTS = 5;

  private final Clock clock;
  private final Tickets tickets;
  private final Outbox outbox;
  private final TicketKeys keys;
  private final Agents agents;
  private final Customers customers;
  private final UnitOfWork unitOfWork;
  private final AttachmentStore attachments;
  private final StatusTransitions transitions;
  private final Duration closeSolvedAfter;
  private final NotificationRules notificationRules;
  private final NotificationDispatcher dispatcher;
  private final List<TicketEventListener> listeners;
  private final List<ChangeHook> hooks;
  private final Assignment assignment;
  private final Optional<SlaEngine> sla;
  private final Optional<SlaMonitor> slaMonitor;
  private final Satisfaction satisfaction;
  private final Optional<MetricsQueries> metrics;
  private final LiveFeed live;
  private final Map<String, Macro> macros;

  HelpDesk(HelpDeskBuilder b) {
    this.clock = b.clock;
    this.tickets = b.tickets;
    this.outbox = b.outbox;
    this.keys = b.keys;
    this.agents = b.agents;
    this.customers = b.customers;
    this.unitOfWork = b.unitOfWork;
    this.attachments = b.attachments;
    this.transitions = b.transitions;
    this.closeSolvedAfter = b.closeSolvedAfter;
    this.sla = b.slaEngine();
    this.notificationRules =
        new NotificationRules(agents, id -> sla.flatMap(engine -> engine.pendingFirstReplyDue(id)));
    this.dispatcher = b.dispatcher();
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.hooks = List.copyOf(b.hooks());
    this.assignment = b.assignment;
    this.satisfaction = b.satisfaction;
    this.metrics = Optional.ofNullable(b.metrics);
    Actor monitor = Actor.system("sla-monitor");
    this.slaMonitor =
        sla.map(engine -> new SlaMonitor(engine, clock, (id, op) -> change(monitor, id, op)));
    this.live = new LiveFeed(b.liveExecutor, b.liveBufferSize);
    this.macros = Collections.unmodifiableMap(new LinkedHashMap<>(b.macros));
  }

  /** A builder whose every port defaults to its in-memory adapter and whose clock is UTC. */
  public static HelpDeskBuilder builder() {
    return new HelpDeskBuilder();
  }

  // ---------------------------------------------------------------- agents and listeners

  /**
   * Adds or updates an agent. With automatic assignment, waiting tickets are offered to them (and
   * to everyone) at once if they are ONLINE with room.
   */
  public void saveAgent(Agent agent) {
    agents.save(Check.present("agent", agent));
    assignment.agentSaved(agent);
    serveQueue(false);
  }

  /** Registers a listener for every event from now on. */
  public void addListener(TicketEventListener listener) {
    listeners.add(Check.present("listener", listener));
  }

  // ---------------------------------------------------------------- opening

  /**
   * Opens a ticket in status NEW. Its description, if any, becomes the first public message, and
   * the customer is sent {@link dev.helpdesk.notification.NotificationKind#TICKET_RECEIVED}.
   *
   * @throws AccessDeniedException if a customer opens a ticket for someone else
   */
  public Ticket open(Actor actor, NewTicket request) {
    Check.present("request", request);
    requireKnown(actor);
    TicketAccess.requireCanActFor(actor, request.requester().id());
    return create(actor, request, Optional.empty(), List.of());
  }

  private Ticket create(
      Actor actor, NewTicket request, Optional<Ticket> followUpOf, List<Attachment> files) {
    TicketId id = TicketId.random();
    TicketKey key = keys.next();
    TicketChange change;
    Set<AgentId> full = new HashSet<>();
    int lostRaces = 0;
    for (int attempt = 1; ; attempt++) {
      Instant now = clock.instant();
      TicketEdit edit =
          TicketEdit.open(id, key, request, followUpOf.map(Ticket::id), actor, now, transitions);
      // The closed ticket does not change; the store keeps the link at its end too.
      followUpOf.ifPresent(closed -> edit.linked(TicketLink.outgoing(LinkKind.FOLLOW_UP, closed)));
      if (!request.description().isEmpty()) {
        edit.addMessage(
            new Message(
                MessageId.random(), actor, Visibility.PUBLIC, request.description(), files, now));
      }
      if (attempt <= ASSIGN_ATTEMPTS) {
        assignment.assignNew(edit, full);
      }
      try {
        // The customer's record is written with the ticket: a ticket never exists without it.
        change = store(edit, request.acknowledge(), () -> customers.save(request.requester()));
        break;
      } catch (CapacityExceededException e) {
        // The chosen agent filled up between the choice and the write: choose again.
        assignment.refused(e.guard());
        full.add(e.agent());
      } catch (ConcurrentUpdateException e) {
        // Nothing was written (a new customer's row raced another first ticket of theirs, say):
        // the next attempt finds the state the winner left.
        if (++lostRaces == ATTEMPTS) {
          throw e;
        }
      }
    }
    publish(change.events());
    return change.after();
  }

  // ---------------------------------------------------------------- conversation

  /** Adds a public reply of text only; see {@link #reply(Actor, TicketId, MessageDraft)}. */
  public Posted reply(Actor actor, TicketId ticketId, String body) {
    return reply(actor, ticketId, MessageDraft.text(body));
  }

  /**
   * Adds a public reply. A customer's reply on a PENDING, ON_HOLD or SOLVED ticket opens it again;
   * an agent's reply is mailed to the customer. A customer writing to a CLOSED ticket gets a new
   * follow-up ticket linked to it, and the reply lands there.
   *
   * @throws AccessDeniedException if a customer writes to someone else's ticket
   * @throws dev.helpdesk.ticket.TicketClosedException if staff write to a CLOSED ticket
   */
  public Posted reply(Actor actor, TicketId ticketId, MessageDraft draft) {
    return reply(actor, ticketId, draft, true);
  }

  /**
   * Adds a public reply as {@link #reply(Actor, TicketId, MessageDraft)} does, saying whether the
   * follow-up it opens on a CLOSED ticket is acknowledged to the customer: an intake turns it off
   * for what it would not acknowledge as a new ticket either ({@link NewTicket#acknowledge()}).
   *
   * @throws AccessDeniedException if a customer writes to someone else's ticket
   * @throws dev.helpdesk.ticket.TicketClosedException if staff write to a CLOSED ticket
   */
  public Posted reply(
      Actor actor, TicketId ticketId, MessageDraft draft, boolean acknowledgeFollowUp) {
    Check.present("draft", draft);
    requireKnown(actor);
    Ticket ticket = load(ticketId);
    TicketAccess.requireCanRead(actor, ticket);
    List<Attachment> files = store(draft.attachments());
    try {
      if (ticket.status() == Status.CLOSED && actor instanceof Actor.Customer) {
        return followUp(actor, ticket, draft.body(), files, acknowledgeFollowUp);
      }
      Message message =
          new Message(
              MessageId.random(), actor, Visibility.PUBLIC, draft.body(), files, clock.instant());
      // The requester never changes, so the access check above holds for every retry.
      Ticket after = change(actor, ticket, edit -> edit.addMessage(message), true);
      return new Posted(after, message, false);
    } catch (RuntimeException e) {
      files.forEach(f -> attachments.delete(f.ref()));
      throw e;
    }
  }

  private Posted followUp(
      Actor actor, Ticket closed, String body, List<Attachment> files, boolean acknowledge) {
    // The customer as known now, not the closed ticket's snapshot: the follow-up saves its
    // requester, and the snapshot would move a customer who changed address back to the old one.
    Customer requester = customers.byId(closed.requester().id()).orElse(closed.requester());
    NewTicket request =
        new NewTicket(
            requester,
            closed.subject(),
            body,
            closed.channel(),
            closed.priority(),
            closed.tags(),
            closed.customFields(),
            closed.group(),
            acknowledge);
    Ticket followUp = create(actor, request, Optional.of(closed), files);
    Message first = tickets.conversation(followUp.id()).get(0);
    return new Posted(followUp, first, true);
  }

  /**
   * Adds an internal note: seen by agents only, never by the customer, never mailed.
   *
   * @throws AccessDeniedException if a customer tries
   */
  public Message note(Actor actor, TicketId ticketId, String body) {
    requireKnown(actor);
    // Checked before the message is made: a customer must learn they may not, not that the
    // message is malformed.
    Ticket ticket = load(ticketId);
    TicketAccess.requireStaff(actor, ticket, "write an internal note");
    Message note =
        new Message(
            MessageId.random(), actor, Visibility.INTERNAL, body, List.of(), clock.instant());
    change(actor, ticket, edit -> edit.addMessage(note), true);
    return note;
  }

  // ---------------------------------------------------------------- working the ticket

  /**
   * Assigns the ticket to a known agent within their capacity; a NEW ticket becomes OPEN.
   *
   * @throws NotFoundException if the agent is unknown
   * @throws CapacityExceededException if the agent is full; see {@link #assign(Actor, TicketId,
   *     AgentId, boolean)}
   */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent) {
    return assign(actor, ticketId, agent, false);
  }

  /**
   * Assigns the ticket to a known agent (whatever their availability: a supervisor decides); a NEW
   * ticket becomes OPEN.
   *
   * @param overCapacity {@code true} to let the agent go over their capacity; otherwise a full
   *     agent is refused
   * @throws NotFoundException if the agent is unknown
   * @throws CapacityExceededException if the agent is full and {@code overCapacity} is false
   */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent, boolean overCapacity) {
    requireKnown(actor);
    Check.present("agentId", agent);
    // Who may comes first: a customer must not learn from the answer which agent ids exist.
    Ticket ticket = load(ticketId);
    TicketAccess.requireStaff(actor, ticket, "assign");
    agents.byId(agent).orElseThrow(() -> new NotFoundException("agent", agent.value()));
    return change(
        actor,
        ticket,
        edit -> {
          boolean already = edit.current().isAssignedTo(agent);
          edit.assign(agent);
          if (!overCapacity && !already) {
            assignment.guard(edit, agent);
          }
        },
        true);
  }

  /**
   * Escalates the ticket to the supervisor group (its agent's escalation group, else the policy's),
   * for example because the customer is unhappy with the agent: records the escalation in the
   * history, routes the ticket to that group and assigns it to a supervisor by the strategy, or
   * leaves it waiting in the queue when none is free.
   *
   * @throws dev.helpdesk.common.ValidationException if no escalation group is configured
   */
  public Ticket escalate(Actor actor, TicketId ticketId, String reason) {
    requireKnown(actor);
    Check.line("reason", reason, 500);
    return staffChange(
        actor, ticketId, "escalate", edit -> assignment.escalate(edit, reason, actor));
  }

  /**
   * Sets whether an agent takes new tickets. Going ONLINE serves the queue at once; going OFFLINE
   * returns the agent's active tickets to the queue when the policy says {@link
   * AssignmentPolicy.OfflineRule#REQUEUE} (and they are assigned to others where possible).
   *
   * @return the agent as saved
   * @throws NotFoundException if the agent is unknown
   */
  public Agent setAvailability(AgentId agentId, Availability availability) {
    Check.present("agentId", agentId);
    Check.present("availability", availability);
    Agent agent =
        agents
            .byId(agentId)
            .orElseThrow(() -> new NotFoundException("agent", agentId.value()))
            .withAvailability(availability);
    agents.save(agent);
    assignment.agentSaved(agent);
    if (availability == Availability.OFFLINE
        && assignment.policy().onOffline() == AssignmentPolicy.OfflineRule.REQUEUE) {
      for (Ticket t : assignment.activeTicketsOf(agentId)) {
        change(
            Assignment.SYSTEM,
            t.id(),
            edit -> {
              // Re-checked on fresh state: the ticket may have moved on since it was listed.
              if (edit.current().isAssignedTo(agentId) && assignment.countsAsLoad(edit.current())) {
                edit.unassign();
              }
            },
            false);
      }
    }
    serveQueue(false);
    return agent;
  }

  /**
   * Assigns waiting tickets, in queue order (priority, then age, unless the policy says otherwise),
   * to eligible agents by the strategy; tickets nobody can take keep waiting. The desk calls it
   * itself whenever an agent comes online or frees capacity; call it from a scheduler too, so that
   * capacity freed by another instance sharing the database is used. Does nothing without automatic
   * assignment.
   *
   * @return how many tickets it assigned
   */
  public int assignQueued() {
    return serveQueue(true);
  }

  /**
   * Serves the queue; with {@code reloadFull}, first reloads from the store the loads of the agents
   * this desk holds full (a scheduled call), else only rechecks those the store refused (after a
   * change that freed capacity here).
   */
  private int serveQueue(boolean reloadFull) {
    if (!assignment.automatic()) {
      return 0;
    }
    assignment.recheckFull(reloadFull);
    int assigned = 0;
    for (Ticket waiting : assignment.waiting()) {
      if (!assignment.anyoneAvailable()) {
        break;
      }
      if (assignment.choose(waiting).isEmpty()) {
        continue; // nobody for this one (group, channel, skills): no need to read it again
      }
      try {
        Ticket after = change(Assignment.SYSTEM, waiting.id(), assignment::assignWaiting, false);
        if (after.version() != waiting.version() && after.assignee().isPresent()) {
          assigned++;
        }
      } catch (CapacityExceededException | ConcurrentUpdateException e) {
        log.debug("Queued ticket {} stays queued for now: {}", waiting.key(), e.getMessage());
      }
    }
    return assigned;
  }

  /**
   * Applies the escalation rule of the assignment policy: every assigned NEW or OPEN ticket no
   * agent replied to within the configured time since its assignment is escalated once, as the
   * system actor {@code assignment}. Call it from a scheduler; it reads the desk's clock.
   *
   * @return how many tickets it escalated
   */
  public int escalateOverdue() {
    if (assignment.policy().escalateAfterNoReply().isEmpty()) {
      return 0;
    }
    int escalated = 0;
    for (AgentId agent : assignment.knownAgents()) {
      for (Ticket t : assignment.activeTicketsOf(agent)) {
        if (!assignment.overdue(t, tickets.history(t.id()))) {
          continue;
        }
        try {
          Ticket after =
              change(
                  Assignment.SYSTEM,
                  t.id(),
                  edit -> {
                    // Re-checked on fresh state: an agent may have replied since the listing.
                    if (assignment.overdue(edit.current(), tickets.history(t.id()))) {
                      assignment.escalate(edit, assignment.overdueReason(), Assignment.SYSTEM);
                    }
                  });
          if (after.version() != t.version()) {
            escalated++;
          }
        } catch (RuntimeException e) {
          log.warn("Could not escalate {}; the rule tries again next time", t.key(), e);
        }
      }
    }
    return escalated;
  }

  /** Removes the assignee (not allowed while SOLVED). */
  public Ticket unassign(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    return staffChange(actor, ticketId, "unassign", TicketEdit::unassign);
  }

  /**
   * Moves the ticket to another status.
   *
   * @throws dev.helpdesk.ticket.IllegalTransitionException if the rules forbid the move
   */
  public Ticket changeStatus(Actor actor, TicketId ticketId, Status to) {
    requireKnown(actor);
    Check.present("status", to);
    return staffChange(actor, ticketId, "change the status", edit -> edit.changeStatus(to));
  }

  /** Changes the ticket's priority. */
  public Ticket changePriority(Actor actor, TicketId ticketId, Priority to) {
    requireKnown(actor);
    Check.present("priority", to);
    return staffChange(actor, ticketId, "change the priority", edit -> edit.changePriority(to));
  }

  /** Routes the ticket to a group, or to none when {@code group} is empty. */
  public Ticket changeGroup(Actor actor, TicketId ticketId, Optional<GroupId> group) {
    requireKnown(actor);
    Check.present("group", group);
    return staffChange(actor, ticketId, "change the group", edit -> edit.changeGroup(group));
  }

  // ---------------------------------------------------------------- satisfaction

  /**
   * Records the customer's rating of how their ticket was solved, with an optional comment. Only
   * the ticket's own customer may rate, only while it is SOLVED (a CLOSED ticket no longer
   * changes), and once per solve: after a reopening and a new solve they may rate again. The rating
   * records the agent and group the ticket has. A {@link Rating#BAD} rating reopens the ticket,
   * escalates it to the supervisors, or does nothing more, as {@link HelpDeskBuilder#onBadRating}
   * says, in the same change.
   *
   * @param comment what the customer adds; null or blank for nothing; at most {@value
   *     TicketEvent.Rated#MAX_COMMENT_LENGTH} characters
   * @return the ticket after the rating and its consequence
   * @throws AccessDeniedException unless the actor is the ticket's customer
   * @throws ValidationException if the ticket is not SOLVED ({@code status}) or this solve was
   *     rated already ({@code rating})
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket rate(Actor actor, TicketId ticketId, Rating rating, String comment) {
    requireKnown(actor);
    Ticket ticket = load(ticketId);
    TicketAccess.requireRequester(actor, ticket, "rate");
    Check.present("rating", rating);
    return change(
        actor,
        ticket,
        edit -> satisfaction.rate(edit, tickets.history(ticketId), rating, comment),
        true);
  }

  // ---------------------------------------------------------------- links and merges

  /**
   * Links two tickets: {@code from} follows up {@code to} ({@link LinkKind#FOLLOW_UP}), or they
   * concern the same matter ({@link LinkKind#RELATED}). The link is recorded in the histories of
   * both, in one atomic write, and shows in both tickets' {@link TicketDetails#links()}; a customer
   * sees it only when both tickets are theirs. One of the tickets may be CLOSED: its history does
   * not change (a closed ticket never does), but its links show the new one.
   *
   * @return {@code from} after the change
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist
   * @throws ValidationException if the tickets are the same or linked already ({@code to}), or
   *     either has {@value #MAX_LINKS} links ({@code links})
   * @throws dev.helpdesk.ticket.TicketClosedException if both are CLOSED
   */
  public Ticket link(Actor actor, TicketId from, TicketId to, LinkKind kind) {
    requireKnown(actor);
    Ticket a = load(from);
    TicketAccess.requireStaff(actor, a, "link tickets");
    Check.present("kind", kind);
    Ticket b = load(to);
    if (a.id().equals(b.id())) {
      throw new ValidationException("to", "must be another ticket than from");
    }
    requireAnOpenEnd(a, b, "link");
    return changeTogether(
            actor,
            List.of(a, b),
            edits -> {
              Ticket x = edits.get(0).current();
              Ticket y = edits.get(1).current();
              List<TicketLink> xLinks = tickets.links(x.id());
              if (xLinks.stream().anyMatch(l -> l.other().equals(y.id()))) {
                throw new ValidationException(
                    "to", "must not be linked already (" + x.key() + " and " + y.key() + " are)");
              }
              requireRoomForLink(x, xLinks);
              requireRoomForLink(y, tickets.links(y.id()));
              whileNotClosed(edits.get(0), e -> e.linked(TicketLink.outgoing(kind, y)));
              whileNotClosed(edits.get(1), e -> e.linked(TicketLink.incoming(kind, x)));
            })
        .get(0);
  }

  private static void requireRoomForLink(Ticket t, List<TicketLink> links) {
    if (links.size() >= MAX_LINKS) {
      throw new ValidationException(
          "links", "must be at most " + MAX_LINKS + " per ticket (" + t.key() + " has as many)");
    }
  }

  /** A link is recorded in the history of each end that is not CLOSED; one of them must be open. */
  private static void requireAnOpenEnd(Ticket a, Ticket b, String what) {
    if (a.status() == Status.CLOSED && b.status() == Status.CLOSED) {
      throw new TicketClosedException(a.key(), what + " it to another CLOSED ticket");
    }
  }

  private static void whileNotClosed(TicketEdit edit, Consumer<TicketEdit> operation) {
    if (edit.current().status() != Status.CLOSED) {
      operation.accept(edit);
    }
  }

  /**
   * Removes the link between two tickets, whichever way it points, from both.
   *
   * @return {@code from} after the change
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist, or they are not linked
   * @throws dev.helpdesk.ticket.TicketClosedException if both are CLOSED
   */
  public Ticket unlink(Actor actor, TicketId from, TicketId to) {
    requireKnown(actor);
    Ticket a = load(from);
    TicketAccess.requireStaff(actor, a, "unlink tickets");
    Ticket b = load(to);
    requireAnOpenEnd(a, b, "unlink");
    return changeTogether(
            actor,
            List.of(a, b),
            edits -> {
              Ticket x = edits.get(0).current();
              Ticket y = edits.get(1).current();
              TicketLink link =
                  linkTo(x, y.id())
                      .orElseThrow(() -> new NotFoundException("link", x.key() + " - " + y.key()));
              TicketLink back = linkTo(y, x.id()).orElse(link.reversed(x));
              whileNotClosed(edits.get(0), e -> e.unlinked(link));
              whileNotClosed(edits.get(1), e -> e.unlinked(back));
            })
        .get(0);
  }

  private Optional<TicketLink> linkTo(Ticket t, TicketId other) {
    return tickets.links(t.id()).stream().filter(l -> l.other().equals(other)).findFirst();
  }

  /**
   * Merges a customer's duplicate ticket into another of theirs, in one atomic write of both: the
   * duplicate's public messages are added to the other's conversation (new ids, but their original
   * authors, times, texts and attachments; the {@link TicketEvent.Merged} event lists them), the
   * duplicate is closed, and the two are linked ({@link LinkKind#RELATED}). Each history keeps its
   * events and records the merge ({@link TicketEvent.Merged}, {@link TicketEvent.MergedInto}).
   * Internal notes stay on the duplicate. The carried messages are no new replies: they do not
   * reopen the ticket, and SLA timers and metrics do not count them.
   *
   * @return the ticket merged into, after the merge
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist
   * @throws ValidationException if the tickets are the same or have different requesters ({@code
   *     into})
   * @throws dev.helpdesk.ticket.TicketClosedException if either is CLOSED (which every merged
   *     duplicate is)
   */
  public Ticket merge(Actor actor, TicketId duplicate, TicketId into) {
    requireKnown(actor);
    Ticket d = load(duplicate);
    TicketAccess.requireStaff(actor, d, "merge tickets");
    Ticket i = load(into);
    if (d.id().equals(i.id())) {
      throw new ValidationException("into", "must be another ticket than the duplicate");
    }
    if (!d.requester().id().equals(i.requester().id())) {
      throw new ValidationException(
          "into",
          "must have the same requester as the duplicate ("
              + d.key()
              + " is "
              + d.requester().id()
              + "'s, "
              + i.key()
              + " is "
              + i.requester().id()
              + "'s)");
    }
    return changeTogether(
            actor,
            List.of(d, i),
            edits -> {
              TicketEdit dup = edits.get(0);
              TicketEdit target = edits.get(1);
              Ticket dn = dup.current();
              Ticket in = target.current();
              List<Message> carried =
                  tickets.conversation(dn.id()).stream()
                      .filter(Message::isPublic)
                      .map(
                          m ->
                              new Message(
                                  MessageId.random(),
                                  m.author(),
                                  Visibility.PUBLIC,
                                  m.body(),
                                  m.attachments(),
                                  m.at()))
                      .toList();
              target.merged(dn, carried);
              if (linkTo(dn, in.id()).isEmpty()) {
                // Linked before it is closed: a closed ticket records nothing more.
                dup.linked(TicketLink.outgoing(LinkKind.RELATED, in));
                target.linked(TicketLink.incoming(LinkKind.RELATED, dn));
              }
              dup.mergedInto(in);
            })
        .get(1);
  }

  // ---------------------------------------------------------------- metrics

  /**
   * The desk's figures over {@code [from, to)} and its load now, each answered by an aggregate
   * query of the {@link MetricsQueries} port (see {@link MetricsReport} and {@code
   * docs/satisfaction-and-metrics.md} for the definitions).
   *
   * @throws AccessDeniedException if a customer asks
   * @throws ValidationException if {@code to} is not after {@code from}
   * @throws IllegalStateException if the desk was built without metrics (custom ticket store and no
   *     {@link HelpDeskBuilder#metrics})
   */
  public MetricsReport metrics(Actor actor, Instant from, Instant to) {
    requireKnown(actor);
    requireNotCustomer(actor, "read metrics");
    TimeRange range = new TimeRange(from, to);
    MetricsQueries q =
        metrics.orElseThrow(
            () ->
                new IllegalStateException(
                    "No metrics: pass the ticket store's MetricsQueries to"
                        + " HelpDesk.builder().metrics(...)"));
    return new MetricsReport(
        range,
        q.opened(range),
        q.firstReply(range),
        q.resolution(range),
        q.reopens(range),
        q.slaCompliance(range),
        q.satisfaction(range),
        q.satisfactionByAgent(range),
        q.satisfactionByGroup(range),
        q.loadByAgent(),
        q.queueByPriority(),
        q.unsolvedByPriority());
  }

  // ---------------------------------------------------------------- reading

  /**
   * A customer's tickets, newest first (at most {@value #MAX_LISTING}).
   *
   * @throws AccessDeniedException if a customer asks for someone else's tickets
   */
  public List<Ticket> ticketsOf(Actor actor, CustomerId customer) {
    requireKnown(actor);
    Check.present("customerId", customer);
    TicketAccess.requireCanActFor(actor, customer);
    return tickets.byRequester(customer, MAX_LISTING);
  }

  /**
   * An agent's unsolved tickets, most urgent first, then oldest (at most {@value #MAX_LISTING}).
   *
   * @throws AccessDeniedException if a customer asks
   */
  public List<Ticket> queueOf(Actor actor, AgentId agent) {
    requireKnown(actor);
    requireNotCustomer(actor, "read an agent's queue");
    agents
        .byId(Check.present("agentId", agent))
        .orElseThrow(() -> new NotFoundException("agent", agent.value()));
    return tickets.byAssignee(agent, MAX_LISTING);
  }

  /**
   * Unsolved tickets nobody is assigned to, most urgent first, then oldest (at most {@value
   * #MAX_LISTING}).
   *
   * @throws AccessDeniedException if a customer asks
   */
  public List<Ticket> unassignedQueue(Actor actor) {
    requireKnown(actor);
    requireNotCustomer(actor, "read the unassigned queue");
    return tickets.unassigned(MAX_LISTING);
  }

  /**
   * One ticket with the conversation and history the actor may see.
   *
   * @throws NotFoundException if there is no such ticket
   * @throws AccessDeniedException if a customer asks for someone else's ticket
   */
  public TicketDetails ticket(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    Ticket ticket = load(ticketId);
    TicketAccess.requireCanRead(actor, ticket);
    return details(actor, ticket);
  }

  /** One ticket by its human key; see {@link #ticket(Actor, TicketId)}. */
  public TicketDetails ticket(Actor actor, TicketKey key) {
    requireKnown(actor);
    Check.present("ticketKey", key);
    Ticket ticket =
        tickets.byKey(key).orElseThrow(() -> new NotFoundException("ticket", key.value()));
    TicketAccess.requireCanRead(actor, ticket);
    return details(actor, ticket);
  }

  private TicketDetails details(Actor actor, Ticket ticket) {
    return new TicketDetails(
        ticket,
        TicketAccess.visibleMessages(actor, tickets.conversation(ticket.id())),
        TicketAccess.visibleHistory(actor, tickets.history(ticket.id())),
        visibleLinks(actor, tickets.links(ticket.id())));
  }

  /**
   * The links the actor may see. For a customer, every linked ticket is read and checked like any
   * ticket they name (not only the requester the link recorded): a link must never lead them to
   * another customer's ticket.
   */
  private List<TicketLink> visibleLinks(Actor actor, List<TicketLink> links) {
    if (!(actor instanceof Actor.Customer)) {
      return links;
    }
    List<TicketLink> visible = new ArrayList<>();
    for (TicketLink link : links) {
      if (TicketAccess.canSee(actor, link)
          && tickets
              .byId(link.other())
              .filter(other -> TicketAccess.canRead(actor, other))
              .isPresent()) {
        visible.add(link);
      }
    }
    return visible;
  }

  /**
   * The customer known by this address, for intakes that must tell who wrote (the mail adapter).
   * When several customers share the address, none: mail from it must not go to one of them.
   *
   * @throws AccessDeniedException if a customer asks
   */
  public Optional<Customer> customerByEmail(Actor actor, EmailAddress email) {
    requireKnown(actor);
    requireNotCustomer(actor, "look customers up by address");
    return customers.byEmail(Check.present("email", email));
  }

  // ---------------------------------------------------------------- SLA

  /**
   * When the ticket's first public agent reply is due, while it is awaited and an SLA policy
   * applies; empty otherwise (and always without {@link HelpDeskBuilder#sla}).
   *
   * @throws AccessDeniedException if a customer asks about someone else's ticket
   */
  public Optional<Instant> firstReplyDue(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    TicketAccess.requireCanRead(actor, load(ticketId));
    return sla.flatMap(engine -> engine.firstReplyDue(ticketId));
  }

  /**
   * The ticket's SLA timers as they stand now: the latest cycle of each target.
   *
   * @throws AccessDeniedException if a customer asks
   */
  public List<SlaStatus> slaStatus(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    TicketAccess.requireStaff(actor, load(ticketId), "read SLA timers");
    return sla.map(engine -> engine.status(ticketId, clock.instant())).orElse(List.of());
  }

  /**
   * The monitor that records SLA warnings and breaches as they fall due; empty without {@link
   * HelpDeskBuilder#sla}. Call its {@code tick()} from a scheduler, or {@code start(period)} it.
   */
  public Optional<SlaMonitor> slaMonitor() {
    return slaMonitor;
  }

  // ---------------------------------------------------------------- time-driven work

  /**
   * Closes every SOLVED ticket solved at least {@code closeSolvedAfter} ago (default 4 days), as
   * the system actor {@code close-sweep}. Call it from a scheduler; it reads the desk's clock.
   *
   * @return how many tickets it closed
   */
  public int closeSolvedTickets() {
    if (!transitions.allows(Status.SOLVED, Status.CLOSED)) {
      return 0;
    }
    Actor sweep = Actor.system("close-sweep");
    Instant cutoff = clock.instant().minus(closeSolvedAfter);
    int closed = 0;
    while (true) {
      List<Ticket> due = tickets.solvedBefore(cutoff, 100);
      int before = closed;
      for (Ticket t : due) {
        Ticket after =
            change(
                sweep,
                t.id(),
                edit -> {
                  Ticket now = edit.current();
                  // Re-checked on fresh state: a customer may have replied since the query.
                  if (now.status() == Status.SOLVED
                      && !now.solvedAt().orElseThrow().isAfter(cutoff)) {
                    edit.changeStatus(Status.CLOSED);
                  }
                });
        if (after.status() == Status.CLOSED) {
          closed++;
        }
      }
      if (due.size() < 100 || closed == before) {
        return closed;
      }
    }
  }

  /**
   * Delivers every notification due now through the configured {@link
   * dev.helpdesk.notification.Notifier}, with retries and dead-lettering per the retry policy.
   *
   * @return how many were delivered
   */
  public int dispatchNotifications() {
    return dispatcher.dispatchAllDue();
  }

  /** Up to {@code limit} notifications given up on after the maximum attempts, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return outbox.deadLetters(Check.positive("limit", limit));
  }

  /** The clock the desk reads: the configured one, at microsecond precision. */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- live updates

  /**
   * Subscribes to a ticket's conversation and status: each new message and each status or assignee
   * change, as it is stored, in order, on a delivery thread (see {@link LiveFeed} for buffering and
   * overflow). A customer receives public messages only, and may subscribe to their own tickets
   * only. Subscribe first, then read the ticket: nothing is missed in between (some updates may
   * repeat what the read shows). Only changes made through this desk instance are seen.
   *
   * @throws NotFoundException if there is no such ticket
   * @throws AccessDeniedException if a customer subscribes to someone else's ticket
   */
  public Subscription subscribe(Actor viewer, TicketId ticketId, LiveListener listener) {
    requireKnown(viewer);
    Check.present("listener", listener);
    TicketAccess.requireCanRead(viewer, load(ticketId));
    return live.ticket(viewer, ticketId, listener);
  }

  /**
   * Subscribes to an agent's queue: tickets assigned to the agent or taken from them, and new
   * messages (internal notes included) and status changes on the tickets assigned to them; see
   * {@link #subscribe}.
   *
   * @throws NotFoundException if the agent is unknown
   * @throws AccessDeniedException if a customer asks
   */
  public Subscription subscribeQueue(Actor actor, AgentId agent, LiveListener listener) {
    requireKnown(actor);
    requireNotCustomer(actor, "subscribe to an agent's queue");
    Check.present("listener", listener);
    agents
        .byId(Check.present("agentId", agent))
        .orElseThrow(() -> new NotFoundException("agent", agent.value()));
    return live.queue(agent, listener);
  }

  /**
   * Ends every live subscription and stops the delivery threads the desk started for them. The desk
   * goes on working otherwise; new subscriptions are refused.
   */
  @Override
  public void close() {
    live.close();
  }

  // ---------------------------------------------------------------- instant answers

  /**
   * The knowledge-base articles suggested when the ticket was opened, best first, as they were
   * shown; empty without a {@link HelpDeskBuilder#knowledgeBase knowledge base} or when none fit.
   *
   * @throws AccessDeniedException if a customer asks about someone else's ticket
   */
  public List<SuggestedAnswer> suggestedAnswers(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    TicketAccess.requireCanRead(actor, load(ticketId));
    return InstantAnswers.suggested(tickets.history(ticketId));
  }

  /**
   * "This solved it": the ticket's customer accepts one of the answers suggested to them, and the
   * ticket is SOLVED without an agent (the one exception to "SOLVED needs an assignee"), recorded
   * as {@link TicketEvent.AnswerAccepted} naming the article. Nobody is mailed. A later reply of
   * the customer opens it again, as usual.
   *
   * @throws AccessDeniedException unless the actor is the ticket's customer
   * @throws ValidationException if the article was not suggested for this ticket
   * @throws dev.helpdesk.ticket.IllegalTransitionException if the ticket is solved or closed
   *     already (or the status table does not allow SOLVED)
   */
  public Ticket acceptAnswer(Actor actor, TicketId ticketId, ArticleId articleId) {
    requireKnown(actor);
    Check.present("articleId", articleId);
    Ticket ticket = load(ticketId);
    TicketAccess.requireCanRead(actor, ticket);
    if (!(actor instanceof Actor.Customer)) {
      throw new AccessDeniedException(
          actor, "accept an answer on ticket " + ticket.key() + ": only its customer may");
    }
    SuggestedAnswer answer =
        InstantAnswers.suggested(tickets.history(ticketId)).stream()
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
    return change(actor, ticket, edit -> edit.answerAccepted(answer), true);
  }

  // ---------------------------------------------------------------- macros

  /** The macros agents may apply, in the order they were added to the builder. */
  public List<Macro> macros() {
    return List.copyOf(macros.values());
  }

  /**
   * Applies a macro: posts its reply, with placeholders filled in for this ticket and agent, and
   * sets its fields, in one atomic change under the usual rules (a reply to a CLOSED ticket, a move
   * the status table forbids, SOLVED without an assignee are refused, and then nothing is stored)
   * and with the usual notifications.
   *
   * @throws NotFoundException if there is no macro of that name
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code booking_reference} if the reply needs one and the
   *     ticket has none
   */
  public Posted applyMacro(Actor actor, TicketId ticketId, String macroName) {
    requireKnown(actor);
    Check.present("macroName", macroName);
    Ticket ticket = load(ticketId);
    TicketAccess.requireStaff(actor, ticket, "apply a macro");
    Macro macro =
        Optional.ofNullable(macros.get(macroName))
            .orElseThrow(() -> new NotFoundException("macro", macroName));
    String author = displayName(actor);
    Message[] posted = new Message[1];
    Ticket after =
        change(
            actor,
            ticket,
            edit -> {
              Message reply =
                  new Message(
                      MessageId.random(),
                      actor,
                      Visibility.PUBLIC,
                      macro.replyFor(edit.current(), author),
                      List.of(),
                      edit.at());
              edit.macroApplied(macro.name()).addMessage(reply);
              macro.priority().ifPresent(edit::changePriority);
              macro.group().ifPresent(g -> edit.changeGroup(Optional.of(g)));
              edit.addTags(macro.tags());
              macro.status().ifPresent(edit::changeStatus);
              posted[0] = reply;
            },
            true);
    return new Posted(after, posted[0], false);
  }

  private String displayName(Actor actor) {
    if (actor instanceof Actor.Agent a) {
      return agents.byId(a.id()).map(Agent::name).orElse(a.id().value());
    }
    return actor instanceof Actor.System s ? s.name() : actor.describe();
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs {@code operation} on a fresh edit of the ticket and stores the result. When another writer
   * got there first, the operation is re-run on the new state (so its rules are checked again) up
   * to {@value #ATTEMPTS} times before the conflict is reported.
   */
  private Ticket change(Actor actor, TicketId ticketId, Consumer<TicketEdit> operation) {
    return change(actor, ticketId, operation, true);
  }

  /**
   * As {@link #change(Actor, TicketId, Consumer)}; a change refused because an agent is full is
   * re-run too (the agent is then no longer offered). With {@code serveQueue}, capacity the change
   * frees is offered to the queue at once.
   */
  private Ticket change(
      Actor actor, TicketId ticketId, Consumer<TicketEdit> operation, boolean serveQueue) {
    return change(actor, load(ticketId), operation, serveQueue);
  }

  /**
   * As {@link #change(Actor, TicketId, Consumer, boolean)}, starting from a ticket the caller has
   * just read (for its access check), so the first attempt reads nothing again; a retry re-reads.
   */
  private Ticket change(
      Actor actor, Ticket read, Consumer<TicketEdit> operation, boolean serveQueue) {
    return changeTogether(actor, List.of(read), edits -> operation.accept(edits.get(0)), serveQueue)
        .get(0);
  }

  /**
   * Runs {@code operation} on fresh edits of several tickets (in the order given) and stores what
   * changed in one atomic write ({@link Tickets#saveAll}); retried on a lost race as {@link
   * #change(Actor, Ticket, Consumer, boolean)} is. Capacity the changes free is offered to the
   * queue.
   *
   * @return the tickets after the change, in the order given
   */
  private List<Ticket> changeTogether(
      Actor actor, List<Ticket> read, Consumer<List<TicketEdit>> operation) {
    return changeTogether(actor, read, operation, true);
  }

  /**
   * The one way every change is made: the tickets are edited afresh, stored in one write, and the
   * edit re-run on the new state after a lost race (so its rules are checked again), up to {@value
   * #ATTEMPTS} times; with {@code serveQueue}, capacity the changes free is offered to the queue.
   */
  private List<Ticket> changeTogether(
      Actor actor, List<Ticket> read, Consumer<List<TicketEdit>> operation, boolean serveQueue) {
    List<Ticket> current = read;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        current = read.stream().map(t -> load(t.id())).toList();
      }
      Instant now = clock.instant();
      List<TicketEdit> edits =
          current.stream().map(t -> TicketEdit.of(t, actor, now, transitions)).toList();
      operation.accept(edits);
      List<TicketEdit> changed = edits.stream().filter(TicketEdit::changed).toList();
      if (changed.isEmpty()) {
        return current;
      }
      List<TicketChange> changes;
      try {
        changes = store(changed, true);
      } catch (ConcurrentUpdateException | CapacityExceededException e) {
        if (e instanceof CapacityExceededException full) {
          assignment.refused(full.guard());
        }
        if (attempt == ATTEMPTS) {
          throw e;
        }
        continue;
      }
      changes.forEach(c -> publish(c.events()));
      if (serveQueue && changes.stream().anyMatch(c -> !assignment.freedBy(c).isEmpty())) {
        serveQueue(false);
      }
      List<Ticket> after = new ArrayList<>(current);
      for (TicketChange c : changes) {
        after.replaceAll(t -> t.id().equals(c.after().id()) ? c.after() : t);
      }
      return after;
    }
  }

  /** A change only staff (agents, the system) may make; {@code what} names it for the refusal. */
  private Ticket staffChange(
      Actor actor, TicketId ticketId, String what, Consumer<TicketEdit> operation) {
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), what);
          operation.accept(edit);
        });
  }

  /**
   * Lets the hooks and notification rules add to the edit, then stores it in one write.
   *
   * @param acknowledge whether a ticket this edit opens is acknowledged to its customer
   */
  private TicketChange store(TicketEdit edit, boolean acknowledge) {
    return store(edit, acknowledge, () -> {});
  }

  /**
   * As {@link #store(TicketEdit, boolean)}, with {@code alongside} written in the same unit of
   * work: the change, what the hooks store after it (the SLA timers) and {@code alongside} are kept
   * together or not at all.
   */
  private TicketChange store(TicketEdit edit, boolean acknowledge, Runnable alongside) {
    for (ChangeHook hook : hooks) {
      hook.beforeSave(edit);
    }
    notificationRules.addTo(edit, acknowledge);
    TicketChange change = edit.done();
    // Through the live feed, which tells subscribers once the unit of work has committed, in
    // version order per ticket.
    live.write(
        change,
        c ->
            unitOfWork.run(
                () -> {
                  // Before the ticket: its save may lock an agent's capacity row until commit,
                  // and the lock is best held for no longer than the ticket's own writes.
                  alongside.run();
                  tickets.save(c);
                  for (ChangeHook hook : hooks) {
                    hook.afterSave(c);
                  }
                  return c;
                }));
    return change;
  }

  /**
   * As {@link #store(TicketEdit, boolean)} for edits of several tickets, stored in one atomic
   * write.
   */
  private List<TicketChange> store(List<TicketEdit> edits, boolean acknowledge) {
    if (edits.size() == 1) {
      return List.of(store(edits.get(0), acknowledge));
    }
    List<TicketChange> changes = new ArrayList<>();
    for (TicketEdit edit : edits) {
      for (ChangeHook hook : hooks) {
        hook.beforeSave(edit);
      }
      notificationRules.addTo(edit, acknowledge);
      changes.add(edit.done());
    }
    // One unit of work: the tickets and the SLA timers the hooks store after them, as for one;
    // the live feed hears of every change once it has committed.
    writeLive(
        changes,
        0,
        () ->
            unitOfWork.run(
                () -> {
                  tickets.saveAll(changes);
                  for (TicketChange change : changes) {
                    for (ChangeHook hook : hooks) {
                      hook.afterSave(change);
                    }
                  }
                  return changes;
                }));
    return changes;
  }

  /**
   * Runs {@code save} inside the live feed's write of each of {@code changes} from {@code next} on,
   * nested, so that each is registered in flight before the save and released after it.
   */
  private void writeLive(List<TicketChange> changes, int next, Runnable save) {
    if (next == changes.size()) {
      save.run();
      return;
    }
    live.write(changes.get(next), c -> writeLive(changes, next + 1, save));
  }

  private Ticket load(TicketId id) {
    Check.present("ticketId", id);
    return tickets.byId(id).orElseThrow(() -> new NotFoundException("ticket", id.toString()));
  }

  private List<Attachment> store(List<NewAttachment> files) {
    List<Attachment> stored = new ArrayList<>();
    try {
      for (NewAttachment f : files) {
        stored.add(attachments.store(f));
      }
    } catch (RuntimeException e) {
      stored.forEach(a -> attachments.delete(a.ref()));
      throw e;
    }
    return stored;
  }

  private void requireKnown(Actor actor) {
    Check.present("actor", actor);
    if (actor instanceof Actor.Agent a && agents.byId(a.id()).isEmpty()) {
      throw new AccessDeniedException(actor, "act: no such agent is registered");
    }
  }

  private static void requireNotCustomer(Actor actor, String what) {
    if (actor instanceof Actor.Customer) {
      throw new AccessDeniedException(actor, what);
    }
  }

  private void publish(List<TicketEvent> events) {
    for (TicketEvent event : events) {
      for (TicketEventListener listener : listeners) {
        try {
          listener.on(event);
        } catch (RuntimeException e) {
          log.warn("Listener {} failed on {}; the change stands", listener, event, e);
        }
      }
    }
  }
}
