package dev.helpdesk;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.Leases;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.AttachmentContent;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.links.Links;
import dev.helpdesk.internal.reading.Reading;
import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The help desk: the one entry point of the library. Every use case takes the {@link Actor} who
 * performs it, checks what that actor may do, applies the ticket rules, stores the change with its
 * notifications in one unit of work, and tells listeners and live subscribers once it has
 * committed. Each call is handed to the service of its area; this class only names them.
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

  /** The most tickets a listing returns. */
  public static final int MAX_LISTING = Reading.MAX_LISTING;

  /** The system actor that {@link #redeliver(NotificationId)}, which names no actor, records. */
  public static final String UNNAMED_STAFF = "unnamed-staff";

  /** The most links one ticket may have. */
  public static final int MAX_LINKS = Links.MAX_LINKS;

  private final DeskServices s;

  HelpDesk(DeskServices services) {
    this.s = services;
  }

  /** A builder whose every port defaults to its in-memory adapter and whose clock is UTC. */
  public static HelpDeskBuilder builder() {
    return new HelpDeskBuilder();
  }

  // ---------------------------------------------------------------- agents and listeners

  /**
   * Adds or updates an agent, their {@link dev.helpdesk.agent.Role} included, by staff (the system,
   * or an agent; a supervisor when the desk {@linkplain HelpDeskBuilder#enforceSupervisorRole
   * enforces the role}). With automatic assignment, waiting tickets are offered at once if the
   * agent is ONLINE with room. Recorded in the staff audit.
   *
   * @throws AccessDeniedException if a customer, or an agent who may not, tries
   */
  public void saveAgent(Actor actor, Agent agent) {
    s.assignment().saveAgent(actor, agent);
  }

  /**
   * Sets whether an agent takes new tickets, by staff: an agent their own, another agent's a
   * supervisor when the desk enforces the role. Going ONLINE serves the queue; going OFFLINE
   * returns the agent's tickets to the queue when the policy says {@code REQUEUE}.
   *
   * @return the agent as saved
   * @throws NotFoundException if the agent is unknown
   * @throws AccessDeniedException if a customer, or an agent who may not, tries
   */
  public Agent setAvailability(Actor actor, AgentId agent, Availability availability) {
    return s.assignment().setAvailability(actor, agent, availability);
  }

  /**
   * Adds or updates a customer, their {@link Customer#organisation() organisation} included, by
   * staff (a supervisor when the desk enforces the role): the organisation decides whose tickets
   * the customer reads when {@link HelpDeskBuilder#customersSeeOrganisation} is on. Opening a
   * ticket never changes it. Recorded in the staff audit ({@link StaffAction#CUSTOMER_SAVED}).
   * Tickets keep the organisation their requester had when they were opened.
   *
   * @throws AccessDeniedException if a customer, or an agent who may not, tries
   */
  public void saveCustomer(Actor actor, Customer customer) {
    s.intake().saveCustomer(actor, customer);
  }

  /** Registers a listener for every event from now on, told once each change has committed. */
  public void addListener(TicketEventListener listener) {
    s.listeners().add(listener);
  }

  // ---------------------------------------------------------------- opening and conversation

  /**
   * Opens a ticket in status NEW; its description becomes the first public message, and the
   * customer is acknowledged unless the request says not to. The ticket belongs to the organisation
   * the desk knows its requester in (see {@link #saveCustomer}).
   *
   * @throws AccessDeniedException if a customer opens a ticket for someone else
   * @throws ValidationException naming {@code requester.organisation} if the request names another
   *     organisation than the customer's
   */
  public Ticket open(Actor actor, NewTicket request) {
    return s.intake().open(actor, request);
  }

  /** Adds a public reply of text only; see {@link #reply(Actor, TicketId, MessageDraft)}. */
  public Posted reply(Actor actor, TicketId ticketId, String body) {
    return reply(actor, ticketId, MessageDraft.text(body));
  }

  /**
   * Adds a public reply. A customer's reply reopens a PENDING, ON_HOLD or SOLVED ticket; on a
   * CLOSED ticket it starts a linked follow-up ticket. An agent's reply is mailed to the customer.
   *
   * @throws AccessDeniedException if a customer writes to a ticket of their organisation that is
   *     not theirs
   * @throws NotFoundException if the actor may not see the ticket (another customer's, or outside
   *     an agent's groups when agents see only theirs)
   * @throws dev.helpdesk.ticket.TicketClosedException if staff write to a CLOSED ticket
   */
  public Posted reply(Actor actor, TicketId ticketId, MessageDraft draft) {
    return reply(actor, ticketId, draft, true);
  }

  /**
   * As {@link #reply(Actor, TicketId, MessageDraft)}; a follow-up it opens is acknowledged or not.
   */
  public Posted reply(Actor actor, TicketId id, MessageDraft draft, boolean acknowledgeFollowUp) {
    return s.conversation().reply(actor, id, draft, acknowledgeFollowUp);
  }

  /**
   * Copies a person on the ticket ({@link Ticket#ccs()}): they receive the public replies staff
   * write on it, each as a mail of its own (never internal notes), and their mailed answers land on
   * it as their public replies. Recorded as {@link dev.helpdesk.ticket.TicketEvent.CcAdded}; an
   * address the ticket copies already, in any case, changes nothing. The ticket's customer and
   * staff who may see the ticket may; a CC is no actor and may not add others.
   *
   * @return the ticket after the change, as the actor may see it
   * @throws AccessDeniedException if a customer other than the ticket's (a colleague of its
   *     organisation) tries
   * @throws NotFoundException if the actor may not see the ticket
   * @throws ValidationException naming {@code ccs} when the ticket would copy more than {@value
   *     Ticket#MAX_CCS} people or {@code cc} is the requester's own address
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket addCc(Actor actor, TicketId ticketId, Cc cc) {
    return s.conversation().addCc(actor, ticketId, cc);
  }

  /**
   * Stops copying an address (in any case) on the ticket; an address it does not copy changes
   * nothing. Recorded as {@link dev.helpdesk.ticket.TicketEvent.CcRemoved}. The same actors as for
   * {@link #addCc} may.
   *
   * @return the ticket after the change, as the actor may see it
   * @throws AccessDeniedException if a customer other than the ticket's tries
   * @throws NotFoundException if the actor may not see the ticket
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket removeCc(Actor actor, TicketId ticketId, EmailAddress email) {
    return s.conversation().removeCc(actor, ticketId, email);
  }

  /**
   * Adds a public reply written by a person copied on the ticket, relayed by staff or a system (the
   * mail intake does, for a mail from a CC's address). The message's author is {@code cc} as a
   * customer ({@code Actor.customer(cc.id())}); like a customer's reply it opens a PENDING, ON_HOLD
   * or SOLVED ticket again. It is not mailed to anyone.
   *
   * @param cc the person who wrote, with an address among the ticket's CCs
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code cc} if the address is not copied on the ticket
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Posted replyFromCc(Actor actor, TicketId ticketId, Customer cc, MessageDraft draft) {
    return s.conversation().replyFromCc(actor, ticketId, cc, draft);
  }

  /** Adds an internal note, seen by staff only, never mailed; refused to customers. */
  public Message note(Actor actor, TicketId ticketId, String body) {
    return note(actor, ticketId, MessageDraft.text(body));
  }

  /**
   * Adds an internal note with files, stored in the {@link
   * dev.helpdesk.conversation.AttachmentStore} like a reply's. Staff read them through {@link
   * #attachment(Actor, TicketId, AttachmentRef)}; customers never do, as they never see the note.
   * If the note cannot be added, the files stored for it are deleted again.
   *
   * @throws AccessDeniedException if the actor is a customer (checked before any file is stored)
   * @throws dev.helpdesk.common.ValidationException if a file breaks the store's size limit
   */
  public Message note(Actor actor, TicketId ticketId, MessageDraft draft) {
    return s.conversation().note(actor, ticketId, draft);
  }

  /**
   * A file attached to a message of the ticket, with its bytes, checked like the message: a
   * customer gets only the files of public messages on their own tickets.
   *
   * @throws NotFoundException if no message the actor may see carries it
   */
  public AttachmentContent attachment(Actor actor, TicketId ticketId, AttachmentRef ref) {
    return s.conversation().attachment(actor, ticketId, ref);
  }

  /** The macros agents may apply, in the order they were added to the builder. */
  public List<Macro> macros() {
    return s.conversation().macros();
  }

  /**
   * Applies a macro: its reply, placeholders filled in, and its fields, in one change.
   *
   * @throws NotFoundException if there is no macro of that name
   * @throws ValidationException naming {@code booking_reference} if the reply needs one
   */
  public Posted applyMacro(Actor actor, TicketId ticketId, String macroName) {
    return s.conversation().applyMacro(actor, ticketId, macroName);
  }

  // ---------------------------------------------------------------- working the ticket

  /**
   * Assigns within the agent's capacity; see {@link #assign(Actor, TicketId, AgentId, boolean)}.
   */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent) {
    return assign(actor, ticketId, agent, false);
  }

  /**
   * Assigns the ticket to a known agent, whatever their availability; a NEW ticket becomes OPEN.
   *
   * @param overCapacity {@code true} to let the agent go over their capacity: a supervisor's call
   *     when the desk enforces the role, refused to other agents whatever the load
   * @throws NotFoundException if the agent is unknown
   * @throws CapacityExceededException if the agent is full and {@code overCapacity} is false
   * @throws AccessDeniedException if an agent who is no supervisor asks for {@code overCapacity} on
   *     a desk that enforces the role
   */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent, boolean overCapacity) {
    return s.assignment().assign(actor, ticketId, agent, overCapacity);
  }

  /**
   * Escalates to the supervisor group; {@link ValidationException} if none is configured, {@link
   * AccessDeniedException} for an agent who is no supervisor on a desk that enforces the role.
   */
  public Ticket escalate(Actor actor, TicketId ticketId, String reason) {
    return s.assignment().escalate(actor, ticketId, reason);
  }

  /** Removes the assignee (not allowed while SOLVED). */
  public Ticket unassign(Actor actor, TicketId ticketId) {
    return s.triage().unassign(actor, ticketId);
  }

  /** Moves the ticket to another status, as the status table allows. */
  public Ticket changeStatus(Actor actor, TicketId ticketId, Status to) {
    return s.triage().changeStatus(actor, ticketId, to);
  }

  /** Changes the ticket's priority. */
  public Ticket changePriority(Actor actor, TicketId ticketId, Priority to) {
    return s.triage().changePriority(actor, ticketId, to);
  }

  /** Routes the ticket to a group. */
  public Ticket changeGroup(Actor actor, TicketId ticketId, GroupId group) {
    Check.present("group", group);
    return s.triage().changeGroup(actor, ticketId, Optional.of(group));
  }

  /** Takes the ticket out of its group. */
  public Ticket clearGroup(Actor actor, TicketId ticketId) {
    return s.triage().changeGroup(actor, ticketId, Optional.empty());
  }

  /**
   * Adds tags to the ticket, by staff; they are lower-cased, and tags it has already change nothing
   * (no new version, no history entry). A change is recorded as {@link
   * dev.helpdesk.ticket.TicketEvent.TagsChanged}.
   *
   * @return the ticket after the change, or as it was if nothing changed
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code tags} if a tag breaks the rules of {@link
   *     Ticket#tags()} or the ticket would have more than {@value Ticket#MAX_TAGS}
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket addTags(Actor actor, TicketId ticketId, Set<String> tags) {
    return s.triage().addTags(actor, ticketId, tags);
  }

  /**
   * Removes tags from the ticket, by staff; tags it does not have change nothing. Recorded as
   * {@link dev.helpdesk.ticket.TicketEvent.TagsChanged}.
   *
   * @return the ticket after the change, or as it was if nothing changed
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code tags} if a tag named is not a valid tag
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket removeTags(Actor actor, TicketId ticketId, Set<String> tags) {
    return s.triage().removeTags(actor, ticketId, tags);
  }

  /**
   * Sets custom fields of the ticket, by staff: each key given gets its value, the others stay.
   * With declared fields ({@link HelpDeskBuilder#fields}) every value must suit its field and every
   * key must be declared. Values it has already change nothing; a change is recorded as {@link
   * dev.helpdesk.ticket.TicketEvent.FieldsChanged}.
   *
   * @return the ticket after the change, or as it was if nothing changed
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code customFields.<key>} (or {@code customFields} for the
   *     shape of a key or the number of fields) and the rule broken; nothing is stored
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket setFields(Actor actor, TicketId ticketId, Map<String, String> fields) {
    return s.triage().changeFields(actor, ticketId, fields, Set.of());
  }

  /**
   * Removes custom fields of the ticket, by staff; keys it lacks change nothing. A required
   * declared field cannot be removed. Recorded as {@link
   * dev.helpdesk.ticket.TicketEvent.FieldsChanged}.
   *
   * @return the ticket after the change, or as it was if nothing changed
   * @throws AccessDeniedException if a customer tries
   * @throws ValidationException naming {@code customFields.<key>} for a required field
   * @throws dev.helpdesk.ticket.TicketClosedException if the ticket is CLOSED
   */
  public Ticket removeFields(Actor actor, TicketId ticketId, Set<String> keys) {
    return s.triage().changeFields(actor, ticketId, Map.of(), keys);
  }

  /** The custom fields the desk declares, in the order given; empty if it declares none. */
  public List<FieldDefinition> fields() {
    return s.triage().fields();
  }

  /**
   * The customer rates how their SOLVED ticket was solved, once per solve; a {@link Rating#BAD}
   * rating reopens or escalates as {@link HelpDeskBuilder#onBadRating} says, in the same change.
   *
   * @throws AccessDeniedException unless the actor is the ticket's customer
   * @throws ValidationException if it is not SOLVED or this solve was rated already
   */
  public Ticket rate(Actor actor, TicketId ticketId, Rating rating, String comment) {
    return s.satisfaction().rate(actor, ticketId, rating, comment);
  }

  /**
   * Links two tickets, recorded in both histories in one write; one of them may be CLOSED.
   *
   * @return {@code from} after the change
   * @throws ValidationException if they are the same, linked already, or one has {@value
   *     #MAX_LINKS} links
   */
  public Ticket link(Actor actor, TicketId from, TicketId to, LinkKind kind) {
    return s.links().link(actor, from, to, kind);
  }

  /** Removes the link between two tickets from both; {@link NotFoundException} if none. */
  public Ticket unlink(Actor actor, TicketId from, TicketId to) {
    return s.links().unlink(actor, from, to);
  }

  /**
   * Merges a customer's duplicate into another of their tickets (public messages carried over, the
   * duplicate closed, the two linked) in one write; returns the ticket merged into. A supervisor's
   * call when the desk enforces the role.
   */
  public Ticket merge(Actor actor, TicketId duplicate, TicketId into) {
    return s.links().merge(actor, duplicate, into);
  }

  // ---------------------------------------------------------------- instant answers

  /** The answers suggested when the ticket was opened, best first, as they were shown. */
  public List<SuggestedAnswer> suggestedAnswers(Actor actor, TicketId ticketId) {
    return s.answers().suggested(actor, ticketId);
  }

  /**
   * "This solved it": the ticket's customer accepts a suggested answer and the ticket is SOLVED
   * without an agent (the one exception to "SOLVED needs an assignee").
   *
   * @throws ValidationException if the article was not suggested for this ticket
   */
  public Ticket acceptAnswer(Actor actor, TicketId ticketId, ArticleId articleId) {
    return s.answers().accept(actor, ticketId, articleId);
  }

  // ---------------------------------------------------------------- reading

  /**
   * The first page of a customer's tickets, newest first: at most {@value #MAX_LISTING}; read the
   * rest with {@link #ticketsOf(Actor, CustomerId, PageRequest)}.
   */
  public List<Ticket> ticketsOf(Actor actor, CustomerId customer) {
    return s.reading().ticketsOf(actor, customer);
  }

  /**
   * A page of a customer's tickets, newest first; pass the page's {@link Page#next() cursor} to
   * {@link PageRequest#next} for the next one. Customers may list only their own.
   */
  public Page<Ticket> ticketsOf(Actor actor, CustomerId customer, PageRequest page) {
    return s.reading().ticketsOf(actor, customer, page);
  }

  /**
   * The first page of an agent's unsolved tickets, most urgent first, then oldest: at most {@value
   * #MAX_LISTING}; read the rest with {@link #queueOf(Actor, AgentId, PageRequest)}.
   */
  public List<Ticket> queueOf(Actor actor, AgentId agent) {
    return s.reading().queueOf(actor, agent);
  }

  /** A page of an agent's unsolved tickets, most urgent first, then oldest; for staff. */
  public Page<Ticket> queueOf(Actor actor, AgentId agent, PageRequest page) {
    return s.reading().queueOf(actor, agent, page);
  }

  /**
   * The first page of the unsolved tickets nobody is assigned to, most urgent first, then oldest:
   * at most {@value #MAX_LISTING}; read the rest with {@link #unassignedQueue(Actor, PageRequest)}.
   */
  public List<Ticket> unassignedQueue(Actor actor) {
    return s.reading().unassignedQueue(actor);
  }

  /** A page of the unsolved tickets nobody is assigned to, most urgent first; for staff. */
  public Page<Ticket> unassignedQueue(Actor actor, PageRequest page) {
    return s.reading().unassignedQueue(actor, page);
  }

  /**
   * One page of the tickets the query finds, as the actor may see them: words of the conversation,
   * filters, an order, keyset paging (see {@link TicketQuery}). A customer finds only their own
   * tickets (and their organisation's, when {@link HelpDeskBuilder#customersSeeOrganisation} is
   * on), by the words of public messages only, and may not filter by tags or group nor search or
   * sort by SLA state ({@link dev.helpdesk.actor.AccessDeniedException}); staff find any ticket, by
   * internal notes too, except that an agent who is no supervisor finds only their groups' and
   * their own tickets when {@link HelpDeskBuilder#agentsSeeOwnGroups} is on. The listings ({@link
   * #ticketsOf}, {@link #queueOf}, {@link #unassignedQueue}) are searches, kept within the same
   * tickets; pages are full and cursors stable, since the store applies the restriction.
   *
   * @throws ValidationException naming the field, e.g. {@code cursor} for an altered cursor
   */
  public Page<Ticket> search(Actor actor, TicketQuery query) {
    return s.reading().search(actor, query);
  }

  /**
   * One ticket with the conversation, history and links the actor may see.
   *
   * @throws NotFoundException if there is no such ticket, or the actor may not see it (another
   *     customer's, or outside an agent's groups when agents see only theirs)
   */
  public TicketDetails ticket(Actor actor, TicketId ticketId) {
    return s.reading().ticket(actor, ticketId);
  }

  /** One ticket by its human key; see {@link #ticket(Actor, TicketId)}. */
  public TicketDetails ticket(Actor actor, TicketKey key) {
    return s.reading().ticket(actor, key);
  }

  /** The one customer known by this address, for staff and intakes; none if several share it. */
  public Optional<Customer> customerByEmail(Actor actor, EmailAddress email) {
    return s.reading().customerByEmail(actor, email);
  }

  /**
   * The desk's figures over {@code [from, to)} and its load now, for staff (supervisors when the
   * desk enforces the role).
   */
  public MetricsReport metrics(Actor actor, Instant from, Instant to) {
    return s.insights().report(actor, from, to);
  }

  // ---------------------------------------------------------------- SLA and time-driven work

  /** When the ticket's first reply is due, while it is awaited and an SLA applies. */
  public Optional<Instant> firstReplyDue(Actor actor, TicketId ticketId) {
    return s.reading().firstReplyDue(actor, ticketId);
  }

  /** The ticket's SLA timers as they stand now, for staff. */
  public List<SlaStatus> slaStatus(Actor actor, TicketId ticketId) {
    return s.reading().slaStatus(actor, ticketId);
  }

  /** The monitor that records SLA warnings and breaches as they fall due; empty without SLAs. */
  public Optional<SlaMonitor> slaMonitor() {
    return s.slaMonitor();
  }

  /**
   * Assigns waiting tickets in queue order by the strategy, and returns how many; the desk does so
   * itself when capacity frees up here: call it from a scheduler too, for capacity freed elsewhere.
   */
  public int assignQueued() {
    return s.assignment().assignQueued();
  }

  /**
   * Applies the assignment policy's no-reply rule ({@link
   * dev.helpdesk.assignment.AssignmentPolicy.Builder#noReply}) to every ticket whose deadline is
   * due: reassigns it to another eligible agent, or, once the rule's reassignments are used up or
   * nobody else can take it, escalates it to the supervisor group. Reads only the due deadlines.
   * Call it from a scheduler (the {@code escalation} job).
   *
   * @return how many tickets it reassigned or escalated
   */
  public int escalateOverdue() {
    return s.assignment().escalateOverdue();
  }

  /**
   * Closes every SOLVED ticket solved at least {@code closeSolvedAfter} ago (default 4 days); a
   * ticket that cannot be closed is logged and does not hold up the others.
   *
   * @return how many tickets it closed
   */
  public int closeSolvedTickets() {
    return s.triage().closeSolvedTickets();
  }

  /**
   * Takes every pending follow-up step due now (see {@link HelpDeskBuilder#pendingFollowUp}): mails
   * the first or second reminder to the customer of a ticket waiting in PENDING, or solves the
   * ticket, through the status table like any solve (its mail and the close after solving follow).
   * Each step is stored with its mail in one unit of work and taken once, however many instances
   * run this at the same time; a ticket whose steps fell due while the desk was down takes one step
   * per call. A ticket due to be solved that cannot be (no assignee, or the table forbids it) is
   * logged and left PENDING.
   *
   * @return how many steps it took
   */
  public int followUpPendingTickets() {
    return s.pendingFollowUp().run();
  }

  /**
   * Delivers every notification due now, retrying per the retry policy. A notification held for its
   * coalescing window ({@link dev.helpdesk.notification.NotificationPolicy#coalescingWindow()}) is
   * due when the window ends, and goes out with the others for the same person and ticket made
   * within it, as one delivery.
   *
   * @return how many notifications were delivered (several coalesced into one delivery count each)
   */
  public int dispatchNotifications() {
    return s.dispatcher().dispatchAllDue();
  }

  /** Up to {@code limit} notifications given up on after the maximum attempts, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return s.outbox().deadLetters(Check.positive("limit", limit));
  }

  /**
   * Gives a dead-lettered notification or webhook delivery another chance, recorded in the staff
   * audit as done by the system actor {@value #UNNAMED_STAFF}; prefer {@link #redeliver(Actor,
   * NotificationId)}, which names who asked.
   *
   * @return the entry, pending now
   * @throws NotFoundException (kind {@code dead letter}) if the outbox holds no dead entry of that
   *     id; nothing was changed
   */
  public OutboxEntry redeliver(NotificationId id) {
    return redeliver(Actor.system(UNNAMED_STAFF), id);
  }

  /**
   * Gives a dead-lettered notification or webhook delivery another chance, by staff: it is pending
   * again, due now, with the full retry policy, and keeps its id, so a webhook receiver sees the
   * same {@code Helpdesk-Webhook-Id} (idempotency key) as on the attempts before. The next {@link
   * #dispatchNotifications()} tries it. The staff audit records it with {@code actor}.
   *
   * @return the entry, pending now
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException (kind {@code dead letter}) if the outbox holds no dead entry of that
   *     id; nothing was changed
   */
  public OutboxEntry redeliver(Actor actor, NotificationId id) {
    Check.present("notificationId", id);
    s.audit().require(actor, "redeliver a dead letter");
    OutboxEntry dead =
        s.outbox()
            .byId(id)
            .filter(e -> e.state() == OutboxEntry.State.DEAD)
            .orElseThrow(() -> new NotFoundException("dead letter", id.toString()));
    return s.unitOfWork()
        .run(
            () -> {
              // The record first: if it cannot be kept, the letter stays dead.
              s.audit()
                  .record(
                      actor,
                      StaffAction.DEAD_LETTER_REDELIVERED,
                      id.toString(),
                      StaffAudit.summary(dead),
                      Map.of("state", OutboxEntry.State.PENDING.name()));
              if (!s.outbox().redeliver(id, s.clock().instant())) {
                // Redelivered or purged by someone else since: undone with the record where the
                // store has transactions.
                throw new NotFoundException("dead letter", id.toString());
              }
              return s.outbox().byId(id).orElseThrow();
            });
  }

  // ---------------------------------------------------------------- privacy

  /**
   * Erases a customer's personal data, by staff, in one unit of work: on each of their tickets the
   * subject, description, custom field values, requester name and address, every message's text
   * (internal notes too), the names and bytes of attached files, the texts events carry (the
   * opening, field edits, escalation reasons, rating comments), the mail Message-IDs kept for
   * threading, and the ticket's outbox entries (undelivered mail to the customer dropped, the rest
   * rewritten); and the customer record's name and address. What replaces them is in {@link
   * dev.helpdesk.privacy.Erasure}. Ids, keys, statuses, assignees, times, ratings, links and metric
   * facts stay, so reports still count the tickets; the customer id stays, it is the application's.
   * The staff audit records who erased which customer and how much, never the erased values. Where
   * the store has transactions, a failure midway leaves nothing erased; erasing twice is harmless.
   * Live subscribers and listeners are not told.
   *
   * @return what was erased
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if the desk knows neither the customer nor a ticket of theirs
   * @throws dev.helpdesk.common.ConcurrentUpdateException if one of their tickets changed while it
   *     was erased; nothing was erased, try again
   */
  public dev.helpdesk.privacy.Erasure eraseCustomer(Actor actor, CustomerId customer) {
    return s.privacy().erase(actor, customer);
  }

  /**
   * A customer's data as a JSON document, for staff or for the customer themselves: {@code
   * customer} (id, name, email), {@code exported_at}, {@code tickets} (each with its key, subject,
   * description, status, priority, channel, times, custom fields, public {@code messages} with
   * their files, and the {@code ratings} given), and {@code attachments}, every file of those
   * messages with its ticket, message and {@code ref} (read its bytes with {@link
   * #attachment(Actor, TicketId, AttachmentRef)}). Internal notes are not included.
   *
   * @throws AccessDeniedException if a customer asks for another customer's data
   * @throws NotFoundException if the desk knows neither the customer nor a ticket of theirs
   */
  public String exportCustomer(Actor actor, CustomerId customer) {
    return s.privacy().export(actor, customer);
  }

  /**
   * Erases, as {@link #eraseCustomer} does for each ticket, the personal data of every CLOSED
   * ticket last changed longer ago than {@link HelpDeskBuilder#eraseClosedTicketsAfterMonths}; each
   * in a unit of work of its own, recorded in the staff audit by the system actor {@code
   * retention}, in batches of {@link HelpDeskBuilder#retentionBatch}. A ticket erased once is not
   * read again; one that cannot be erased is logged and does not hold up the others. Does nothing
   * without a retention.
   *
   * @return how many tickets it erased
   */
  public int eraseExpiredTickets() {
    return s.privacy().eraseExpired();
  }

  /** How long closed tickets keep their personal data, if the desk erases them by age. */
  public Optional<java.time.Period> closedTicketRetention() {
    return s.privacy().retention();
  }

  // ---------------------------------------------------------------- staff audit

  /**
   * The staff changes made through the desk (agents saved, availability set, dead letters
   * redelivered), newest first, as {@code query} narrows them. For the next page, ask again with
   * {@code query.after(last.position())}.
   *
   * @throws AccessDeniedException if a customer asks
   */
  public List<AuditRecord> staffAudit(Actor actor, AuditQuery query) {
    return s.audit().read(actor, query);
  }

  /** The clock the desk reads: the configured one, at microsecond precision. */
  public Clock clock() {
    return s.clock();
  }

  /**
   * Where mail channels remember which ticket each received Message-ID landed on: the store's
   * adapter when the store provides one (shared by every instance of the application), else in
   * memory.
   */
  public MessageThreads messageThreads() {
    return s.messageThreads();
  }

  /**
   * The leases that let one instance at a time do work such as polling a mailbox: the store's
   * adapter when the store provides one, else in memory.
   */
  public Leases leases() {
    return s.leases();
  }

  /**
   * Runs {@code work} in one unit of work of the desk's store: the desk's changes made inside it
   * and the writes through the store's own ports (such as {@link #messageThreads()}) are kept
   * together or not at all. When {@code work} throws, the exception propagates after everything it
   * wrote was undone, where the store has transactions (the in-memory stores have none, see {@link
   * UnitOfWork#NONE}). A mail channel records a mail's Message-ID this way in the same transaction
   * as the ticket change the mail made.
   */
  public <T> T inOneUnit(Supplier<T> work) {
    return s.unitOfWork().run(Check.present("work", work));
  }

  // ---------------------------------------------------------------- live updates

  /**
   * Subscribes to a ticket's new messages and status and assignee changes, delivered in order once
   * each change has committed; a customer receives public messages of their own tickets only.
   *
   * @throws AccessDeniedException if a customer subscribes to someone else's ticket
   */
  public Subscription subscribe(Actor viewer, TicketId ticketId, LiveListener listener) {
    return s.reading().subscribe(viewer, ticketId, listener);
  }

  /**
   * Subscribes staff to an agent's queue: their tickets' assignments, messages and statuses. When
   * agents see only their groups' tickets, an agent who is no supervisor follows their own queue
   * only.
   */
  public Subscription subscribeQueue(Actor actor, AgentId agent, LiveListener listener) {
    return s.reading().subscribeQueue(actor, agent, listener);
  }

  /**
   * Ends every live subscription, stops the delivery threads the desk started for them, and closes
   * the change relay, if one was given.
   */
  @Override
  public void close() {
    s.live().close();
    s.assignment().close();
  }
}
