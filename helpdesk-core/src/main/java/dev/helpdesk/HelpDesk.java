package dev.helpdesk;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.notification.NotificationDispatcher;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.sla.SlaEngine;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketAccess;
import dev.helpdesk.ticket.TicketChange;
import dev.helpdesk.ticket.TicketEdit;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import dev.helpdesk.ticket.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
public final class HelpDesk {

  private static final Logger log = LoggerFactory.getLogger(HelpDesk.class);

  /** The most tickets a listing returns. */
  public static final int MAX_LISTING = 500;

  /** How many times a change that lost an optimistic-locking race is re-evaluated and retried. */
  private static final int ATTEMPTS = 3;

  private final Clock clock;
  private final Tickets tickets;
  private final Outbox outbox;
  private final TicketKeys keys;
  private final Agents agents;
  private final Customers customers;
  private final AttachmentStore attachments;
  private final StatusTransitions transitions;
  private final Duration closeSolvedAfter;
  private final NotificationRules notificationRules;
  private final NotificationDispatcher dispatcher;
  private final List<TicketEventListener> listeners;
  private final List<ChangeHook> hooks;
  private final Optional<SlaEngine> sla;
  private final Optional<SlaMonitor> slaMonitor;

  HelpDesk(HelpDeskBuilder b) {
    this.clock = b.clock;
    this.tickets = b.tickets;
    this.outbox = b.outbox;
    this.keys = b.keys;
    this.agents = b.agents;
    this.customers = b.customers;
    this.attachments = b.attachments;
    this.transitions = b.transitions;
    this.closeSolvedAfter = b.closeSolvedAfter;
    this.sla = b.slaEngine();
    this.notificationRules =
        new NotificationRules(agents, id -> sla.flatMap(engine -> engine.pendingFirstReplyDue(id)));
    this.dispatcher = b.dispatcher();
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.hooks = List.copyOf(b.hooks());
    Actor monitor = Actor.system("sla-monitor");
    this.slaMonitor =
        sla.map(engine -> new SlaMonitor(engine, clock, (id, op) -> change(monitor, id, op)));
  }

  /** A builder whose every port defaults to its in-memory adapter and whose clock is UTC. */
  public static HelpDeskBuilder builder() {
    return new HelpDeskBuilder();
  }

  // ---------------------------------------------------------------- agents and listeners

  /** Adds or updates an agent. */
  public void saveAgent(Agent agent) {
    agents.save(Check.present("agent", agent));
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
      Actor actor, NewTicket request, Optional<TicketId> followUpOf, List<Attachment> files) {
    Instant now = clock.instant();
    TicketEdit edit =
        TicketEdit.open(
            TicketId.random(), keys.next(), request, followUpOf, actor, now, transitions);
    if (!request.description().isEmpty()) {
      edit.addMessage(
          new Message(
              MessageId.random(), actor, Visibility.PUBLIC, request.description(), files, now));
    }
    TicketChange change = store(edit);
    customers.save(request.requester());
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
    Check.present("draft", draft);
    requireKnown(actor);
    Ticket ticket = load(ticketId);
    TicketAccess.requireCanRead(actor, ticket);
    List<Attachment> files = store(draft.attachments());
    try {
      if (ticket.status() == Status.CLOSED && actor instanceof Actor.Customer) {
        return followUp(actor, ticket, draft.body(), files);
      }
      Message message =
          new Message(
              MessageId.random(), actor, Visibility.PUBLIC, draft.body(), files, clock.instant());
      Ticket after =
          change(
              actor,
              ticketId,
              edit -> {
                TicketAccess.requireCanRead(actor, edit.current());
                edit.addMessage(message);
              });
      return new Posted(after, message, false);
    } catch (RuntimeException e) {
      files.forEach(f -> attachments.delete(f.ref()));
      throw e;
    }
  }

  private Posted followUp(Actor actor, Ticket closed, String body, List<Attachment> files) {
    NewTicket request =
        new NewTicket(
            closed.requester(),
            closed.subject(),
            body,
            closed.channel(),
            closed.priority(),
            closed.tags(),
            closed.customFields(),
            closed.group());
    Ticket followUp = create(actor, request, Optional.of(closed.id()), files);
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
    TicketAccess.requireStaff(actor, load(ticketId), "write an internal note");
    Message note =
        new Message(
            MessageId.random(), actor, Visibility.INTERNAL, body, List.of(), clock.instant());
    change(actor, ticketId, edit -> edit.addMessage(note));
    return note;
  }

  // ---------------------------------------------------------------- working the ticket

  /**
   * Assigns the ticket to a known agent; a NEW ticket becomes OPEN.
   *
   * @throws NotFoundException if the agent is unknown
   */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent) {
    requireKnown(actor);
    Check.present("agentId", agent);
    agents.byId(agent).orElseThrow(() -> new NotFoundException("agent", agent.value()));
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "assign");
          edit.assign(agent);
        });
  }

  /** Removes the assignee (not allowed while SOLVED). */
  public Ticket unassign(Actor actor, TicketId ticketId) {
    requireKnown(actor);
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "unassign");
          edit.unassign();
        });
  }

  /**
   * Moves the ticket to another status.
   *
   * @throws dev.helpdesk.ticket.IllegalTransitionException if the rules forbid the move
   */
  public Ticket changeStatus(Actor actor, TicketId ticketId, Status to) {
    requireKnown(actor);
    Check.present("status", to);
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "change the status");
          edit.changeStatus(to);
        });
  }

  /** Changes the ticket's priority. */
  public Ticket changePriority(Actor actor, TicketId ticketId, Priority to) {
    requireKnown(actor);
    Check.present("priority", to);
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "change the priority");
          edit.changePriority(to);
        });
  }

  /** Routes the ticket to a group, or to none when {@code group} is empty. */
  public Ticket changeGroup(Actor actor, TicketId ticketId, Optional<GroupId> group) {
    requireKnown(actor);
    Check.present("group", group);
    return change(
        actor,
        ticketId,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "change the group");
          edit.changeGroup(group);
        });
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
        TicketAccess.visibleHistory(actor, tickets.history(ticket.id())));
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

  /** The clock the desk reads. */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- internals

  /**
   * Runs {@code operation} on a fresh edit of the ticket and stores the result. When another writer
   * got there first, the operation is re-run on the new state (so its rules are checked again) up
   * to {@value #ATTEMPTS} times before the conflict is reported.
   */
  private Ticket change(Actor actor, TicketId ticketId, Consumer<TicketEdit> operation) {
    Check.present("ticketId", ticketId);
    for (int attempt = 1; ; attempt++) {
      Ticket ticket = load(ticketId);
      TicketEdit edit = TicketEdit.of(ticket, actor, clock.instant(), transitions);
      operation.accept(edit);
      if (!edit.changed()) {
        return ticket;
      }
      TicketChange change;
      try {
        change = store(edit);
      } catch (ConcurrentUpdateException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        continue;
      }
      publish(change.events());
      return change.after();
    }
  }

  /** Lets the hooks and notification rules add to the edit, then stores it in one write. */
  private TicketChange store(TicketEdit edit) {
    for (ChangeHook hook : hooks) {
      hook.beforeSave(edit);
    }
    notificationRules.addTo(edit);
    TicketChange change = edit.done();
    tickets.save(change);
    for (ChangeHook hook : hooks) {
      hook.afterSave(change);
    }
    return change;
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
