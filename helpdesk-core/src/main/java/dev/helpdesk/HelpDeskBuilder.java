package dev.helpdesk;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.Leases;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.Roles;
import dev.helpdesk.internal.answers.Answers;
import dev.helpdesk.internal.answers.InstantAnswers;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.internal.assignment.AssignmentService;
import dev.helpdesk.internal.assignment.NoReplyPlanner;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.change.Listeners;
import dev.helpdesk.internal.change.Steps;
import dev.helpdesk.internal.conversation.Conversation;
import dev.helpdesk.internal.fields.FieldSchema;
import dev.helpdesk.internal.insights.Insights;
import dev.helpdesk.internal.intake.Intake;
import dev.helpdesk.internal.links.Links;
import dev.helpdesk.internal.live.LiveFeed;
import dev.helpdesk.internal.live.RelayLink;
import dev.helpdesk.internal.notification.Channels;
import dev.helpdesk.internal.notification.NotificationDispatcher;
import dev.helpdesk.internal.notification.NotificationRules;
import dev.helpdesk.internal.pending.FollowUpPlanner;
import dev.helpdesk.internal.pending.FollowUpSweep;
import dev.helpdesk.internal.privacy.Privacy;
import dev.helpdesk.internal.reading.Reading;
import dev.helpdesk.internal.satisfaction.Satisfaction;
import dev.helpdesk.internal.sla.Monitor;
import dev.helpdesk.internal.sla.SlaEngine;
import dev.helpdesk.internal.triage.Triage;
import dev.helpdesk.internal.webhook.WebhookRules;
import dev.helpdesk.internal.webhook.WebhookSender;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.memory.InMemoryAuditLog;
import dev.helpdesk.memory.InMemoryCustomers;
import dev.helpdesk.memory.InMemoryLeases;
import dev.helpdesk.memory.InMemoryMessageThreads;
import dev.helpdesk.memory.InMemoryNoReplyDeadlines;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryPendingFollowUps;
import dev.helpdesk.memory.InMemorySlaTimers;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.ticket.TicketKeys;
import dev.helpdesk.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link HelpDesk}. Every port defaults to its in-memory adapter, so {@code
 * HelpDesk.builder().build()} is a working desk; replace what you need.
 */
public final class HelpDeskBuilder {

  private static final Logger log = LoggerFactory.getLogger(HelpDesk.class);

  /** How many tickets' last delivered versions the live feed remembers with a change relay. */
  static final int RELAY_TRACKED_TICKETS = 100_000;

  /** The precision of every instant the desk records. */
  static final Duration RECORDED_PRECISION = Duration.ofNanos(1_000);

  Clock clock = Clock.systemUTC();
  Tickets tickets;
  Outbox outbox;
  TicketKeys keys = new InMemoryTicketKeys();
  Agents agents = new InMemoryAgents();
  Customers customers = new InMemoryCustomers();
  UnitOfWork unitOfWork = UnitOfWork.NONE;
  MessageThreads messageThreads = new InMemoryMessageThreads();
  Leases leases = new InMemoryLeases();
  AuditLog auditLog = new InMemoryAuditLog();
  AttachmentStore attachments = new InMemoryAttachments();
  StatusTransitions transitions = StatusTransitions.defaults();
  Duration closeSolvedAfter = Duration.ofDays(4);
  Notifier notifier =
      n ->
          log.info(
              "Notification {} to {}: {} on {}",
              n.id(),
              n.recipient().email(),
              n.kind(),
              n.ticketKey());
  RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  NotificationPolicy notificationPolicy = NotificationPolicy.defaults();
  final List<TicketEventListener> listeners = new ArrayList<>();
  AssignmentPolicy assignmentPolicy = AssignmentPolicy.manual();
  SlaSettings sla;
  SlaTimers slaTimers;
  Optional<PendingFollowUp> pendingFollowUp = Optional.empty();
  PendingFollowUps pendingFollowUps;
  NoReplyDeadlines noReplyDeadlines;
  BadRatingAction onBadRating = BadRatingAction.REOPEN;
  MetricsQueries metrics;
  int dispatchBatch = 100;
  Duration dispatchLease = Duration.ofMinutes(5);
  AckWindow dispatchAckWindow = AckWindow.DEFAULT;
  int closeSweepBatch = 100;
  int queueScanLimit = 10_000;
  Optional<Executor> liveExecutor = Optional.empty();
  int liveBufferSize = LiveFeed.DEFAULT_BUFFER_SIZE;
  ChangeRelay changeRelay;
  KnowledgeBase knowledgeBase;
  int maxSuggestedAnswers = 3;
  final Map<String, Macro> macros = new LinkedHashMap<>();
  FieldSchema fields = FieldSchema.NONE;
  final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  Duration webhookTimeout = Duration.ofSeconds(10);
  Optional<Period> closedTicketRetention = Optional.empty();
  int retentionBatch = 50;
  boolean enforceSupervisorRole;
  boolean agentsSeeOwnGroups;
  boolean customersSeeOrganisation;

  HelpDeskBuilder() {}

  /**
   * The clock the desk reads for every instant it records; default UTC system time. The desk reads
   * it at microsecond precision, the finest that PostgreSQL and MariaDB keep, so that a ticket the
   * desk returns equals the one a database adapter reads back.
   */
  public HelpDeskBuilder clock(Clock clock) {
    this.clock = Check.present("clock", clock);
    return this;
  }

  /**
   * Where tickets are stored, with the outbox that store writes notifications to in the same
   * transaction. Default: {@link InMemoryTickets} over an {@link InMemoryOutbox}.
   */
  public HelpDeskBuilder tickets(Tickets tickets, Outbox outbox) {
    this.tickets = Check.present("tickets", tickets);
    this.outbox = Check.present("outbox", outbox);
    return this;
  }

  /** Issues ticket keys; default {@code HD-1000} upwards in memory. */
  public HelpDeskBuilder ticketKeys(TicketKeys keys) {
    this.keys = Check.present("ticketKeys", keys);
    return this;
  }

  /** The agents; default in memory. */
  public HelpDeskBuilder agents(Agents agents) {
    this.agents = Check.present("agents", agents);
    return this;
  }

  /**
   * What makes the writes of one ticket change a single transaction across the ports (see {@link
   * UnitOfWork}); default {@link UnitOfWork#NONE}, right for the in-memory stores. A store's own
   * {@code configure(builder)} sets it.
   */
  public HelpDeskBuilder unitOfWork(UnitOfWork unitOfWork) {
    this.unitOfWork = Check.present("unitOfWork", unitOfWork);
    return this;
  }

  /**
   * Where mail channels remember which ticket each received Message-ID landed on; default in
   * memory. A database store provides one that every instance of the application shares.
   */
  public HelpDeskBuilder messageThreads(MessageThreads threads) {
    this.messageThreads = Check.present("messageThreads", threads);
    return this;
  }

  /**
   * The leases that let one instance at a time do work such as polling a mailbox; default in
   * memory. A database store provides leases that every instance of the application shares.
   */
  public HelpDeskBuilder leases(Leases leases) {
    this.leases = Check.present("leases", leases);
    return this;
  }

  /**
   * Where the record of each staff change is kept (see {@link AuditLog}); default in memory. A
   * database store provides one that keeps each record in the transaction of its change.
   */
  public HelpDeskBuilder auditLog(AuditLog auditLog) {
    this.auditLog = Check.present("auditLog", auditLog);
    return this;
  }

  /** The customers; default in memory. */
  public HelpDeskBuilder customers(Customers customers) {
    this.customers = Check.present("customers", customers);
    return this;
  }

  /** Where attachment bytes go; default in memory, 10 MiB a file. */
  public HelpDeskBuilder attachments(AttachmentStore attachments) {
    this.attachments = Check.present("attachments", attachments);
    return this;
  }

  /** A status table of your own; default {@link StatusTransitions#defaults()}. */
  public HelpDeskBuilder transitions(StatusTransitions transitions) {
    this.transitions = Check.present("transitions", transitions);
    return this;
  }

  /** How long a SOLVED ticket waits before the sweep closes it; default 4 days. */
  public HelpDeskBuilder closeSolvedAfter(Duration period) {
    Check.present("closeSolvedAfter", period);
    if (period.isNegative()) {
      throw new ValidationException("closeSolvedAfter", "must not be negative");
    }
    this.closeSolvedAfter = period;
    return this;
  }

  /** What delivers notifications (the mail adapter); default: logs each one at INFO. */
  public HelpDeskBuilder notifier(Notifier notifier) {
    this.notifier = Check.present("notifier", notifier);
    return this;
  }

  /**
   * Which rules of the notification table are on and how long notifications wait to be merged;
   * default {@link NotificationPolicy#defaults()} (every rule on, a one-minute window). For
   * example, {@code notifications(NotificationPolicy.defaults().without(
   * NotificationRule.ASSIGNEE_PRIORITY))} stops telling assignees of priority changes.
   */
  public HelpDeskBuilder notifications(NotificationPolicy policy) {
    this.notificationPolicy = Check.present("notifications", policy);
    return this;
  }

  /** How failed deliveries are retried; default {@link RetryPolicy#DEFAULT}. */
  public HelpDeskBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Check.present("retryPolicy", retryPolicy);
    return this;
  }

  /** Registers a listener for every ticket event. */
  public HelpDeskBuilder listener(TicketEventListener listener) {
    listeners.add(Check.present("listener", listener));
    return this;
  }

  /**
   * How tickets are assigned: e.g. {@code AssignmentPolicy.builder().strategy(Strategies.chain(
   * customerAffinity(), leastLoaded())).build()}. Default {@link AssignmentPolicy#manual()}: by
   * hand only, within capacity unless asked otherwise.
   */
  public HelpDeskBuilder assignment(AssignmentPolicy policy) {
    this.assignmentPolicy = Check.present("assignment", policy);
    return this;
  }

  /**
   * Keeps SLAs: policies, business calendar and escalations. Without it the desk keeps no timers.
   */
  public HelpDeskBuilder sla(SlaSettings sla) {
    this.sla = Check.present("sla", sla);
    return this;
  }

  /** Where SLA timers are kept; default in memory. Only used with {@link #sla(SlaSettings)}. */
  public HelpDeskBuilder slaTimers(SlaTimers slaTimers) {
    this.slaTimers = Check.present("slaTimers", slaTimers);
    return this;
  }

  /**
   * What tickets get while they wait in PENDING for their customer: reminders mailed to the
   * customer and an auto-solve, each after a business time (see {@link PendingFollowUp}). An SLA
   * policy's own {@code pendingFollowUp} wins over this one for its tickets. The steps are taken by
   * {@link HelpDesk#followUpPendingTickets()} (the {@code pending-follow-up} job). Default: none.
   */
  public HelpDeskBuilder pendingFollowUp(PendingFollowUp followUp) {
    this.pendingFollowUp = Optional.of(Check.present("pendingFollowUp", followUp));
    return this;
  }

  /**
   * Where the follow-up plans of pending tickets are kept; default in memory. A database store
   * provides one that every instance of the application shares.
   */
  public HelpDeskBuilder pendingFollowUps(PendingFollowUps store) {
    this.pendingFollowUps = Check.present("pendingFollowUps", store);
    return this;
  }

  /**
   * Where the no-reply deadlines of assigned tickets are kept (see {@link
   * dev.helpdesk.assignment.NoReplyRule}); default in memory. A database store provides one that
   * every instance of the application shares.
   */
  public HelpDeskBuilder noReplyDeadlines(NoReplyDeadlines store) {
    this.noReplyDeadlines = Check.present("noReplyDeadlines", store);
    return this;
  }

  /**
   * Where live updates are delivered to subscribers (see {@link LiveFeed}); default: up to 4 daemon
   * threads the desk starts on the first subscription and stops on {@link HelpDesk#close()}. An
   * executor given here is the application's to stop. It must run tasks on other threads than the
   * caller's, or writers wait for listeners (a same-thread or manually run executor is fine in
   * tests).
   */
  public HelpDeskBuilder liveExecutor(Executor executor) {
    this.liveExecutor = Optional.of(Check.present("liveExecutor", executor));
    return this;
  }

  /**
   * How many updates a live subscriber's buffer holds before it overflows (its backlog is then
   * replaced by one {@link dev.helpdesk.live.LiveUpdate.Overflow} marker); default {@value
   * LiveFeed#DEFAULT_BUFFER_SIZE}.
   */
  public HelpDeskBuilder liveBufferSize(int updates) {
    this.liveBufferSize = Check.positive("liveBufferSize", updates);
    return this;
  }

  /**
   * Connects this desk to the other instances of the application that share its store: live
   * subscribers then see the changes every instance stores (in version order per ticket, each
   * once), and the assignment roster hears of capacity freed and agents saved on other instances
   * and serves the waiting queue at once. The JPA module has relays over PostgreSQL {@code
   * LISTEN}/{@code NOTIFY} and over polling (see {@code docs/operations.md}). The desk starts it
   * when built and closes it in {@link HelpDesk#close()}. Default: none, for a single instance.
   */
  public HelpDeskBuilder changeRelay(ChangeRelay relay) {
    this.changeRelay = Check.present("changeRelay", relay);
    return this;
  }

  /**
   * Offers instant answers: when a ticket is opened, the best articles of this knowledge base for
   * its subject and description, in the customer's language, are recorded on the ticket and listed
   * in the acknowledgement; the customer may accept one ({@link HelpDesk#acceptAnswer}). Default:
   * none.
   */
  public HelpDeskBuilder knowledgeBase(KnowledgeBase knowledgeBase) {
    this.knowledgeBase = Check.present("knowledgeBase", knowledgeBase);
    return this;
  }

  /** How many instant answers a new ticket gets at most, 1 to 10; default 3. */
  public HelpDeskBuilder maxSuggestedAnswers(int max) {
    Check.positive("maxSuggestedAnswers", max);
    if (max > TicketEvent.AnswersSuggested.MAX_ANSWERS) {
      throw new ValidationException(
          "maxSuggestedAnswers",
          "must be at most " + TicketEvent.AnswersSuggested.MAX_ANSWERS + " (was " + max + ")");
    }
    this.maxSuggestedAnswers = max;
    return this;
  }

  /**
   * Adds a macro agents may apply ({@link HelpDesk#applyMacro}).
   *
   * @throws ValidationException if a macro of that name was added already
   */
  public HelpDeskBuilder macro(Macro macro) {
    Check.present("macro", macro);
    if (macros.putIfAbsent(macro.name(), macro) != null) {
      throw new ValidationException("macro", "name '" + macro.name() + "' is taken already");
    }
    return this;
  }

  /**
   * Declares the desk's custom fields, replacing any declared before. Every ticket opened must then
   * have the required ones, every value must suit its field's type, and a key not declared is
   * refused (except the desk's own {@value Ticket#BOOKING_REFERENCE} and {@value Ticket#LOCALE}),
   * when a ticket is opened and when staff edit its fields ({@link HelpDesk#setFields}). Tickets
   * stored before are not checked again until their fields are edited. Without a declaration any
   * key is accepted.
   *
   * @throws ValidationException on {@code fields} if a key is declared twice or a definition is
   *     null
   */
  public HelpDeskBuilder fields(FieldDefinition... definitions) {
    Check.present("fields", definitions);
    // Arrays.asList, not List.of: a null definition reaches FieldSchema's ValidationException.
    this.fields = FieldSchema.of(Arrays.asList(definitions));
    return this;
  }

  /**
   * Registers an endpoint that hears of the ticket changes it asks for: each change that records
   * one of its {@link Webhook#events()} writes a delivery to the outbox in the same transaction,
   * which {@link HelpDesk#dispatchNotifications()} posts, signed, with the {@link
   * #retryPolicy(RetryPolicy) retry policy} of every notification (see {@code docs/webhooks.md}).
   *
   * @throws ValidationException on field {@code webhook.id} if a webhook of that id was registered
   *     already
   */
  public HelpDeskBuilder webhook(Webhook webhook) {
    Check.present("webhook", webhook);
    if (webhooks.putIfAbsent(webhook.id(), webhook) != null) {
      throw new ValidationException("webhook.id", "'" + webhook.id() + "' is registered already");
    }
    return this;
  }

  /**
   * How long posting a webhook delivery may take: to connect, and then to get the answer, each;
   * default 10 seconds. A delivery that times out is retried.
   */
  public HelpDeskBuilder webhookTimeout(Duration timeout) {
    Check.present("webhookTimeout", timeout);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ValidationException("webhookTimeout", "must be positive (was " + timeout + ")");
    }
    this.webhookTimeout = timeout;
    return this;
  }

  /**
   * What a {@link dev.helpdesk.ticket.Rating#BAD} rating does besides being recorded: {@link
   * BadRatingAction#REOPEN} (the default), {@link BadRatingAction#ESCALATE} to the supervisor
   * group, or {@link BadRatingAction#NOTHING}.
   */
  public HelpDeskBuilder onBadRating(BadRatingAction action) {
    this.onBadRating = Check.present("onBadRating", action);
    return this;
  }

  /**
   * Where {@link HelpDesk#metrics} reads its figures: the metrics of the ticket store given to
   * {@link #tickets}, which records their facts with every change (the JPA store's {@code
   * metrics()}). Not needed with the in-memory store, whose metrics are used by default.
   */
  public HelpDeskBuilder metrics(MetricsQueries metrics) {
    this.metrics = Check.present("metrics", metrics);
    return this;
  }

  /**
   * How many due notifications {@link HelpDesk#dispatchNotifications()} claims at a time; default
   * 100.
   */
  public HelpDeskBuilder dispatchBatch(int size) {
    this.dispatchBatch = Check.positive("dispatchBatch", size);
    return this;
  }

  /**
   * How long a claimed notification is held for the dispatcher that claimed it; after that (say the
   * process died mid-batch) another dispatcher may send it. Default 5 minutes.
   */
  public HelpDeskBuilder dispatchLease(Duration lease) {
    Check.present("dispatchLease", lease);
    if (lease.isNegative() || lease.isZero()) {
      throw new ValidationException("dispatchLease", "must be positive (was " + lease + ")");
    }
    this.dispatchLease = lease;
    return this;
  }

  /**
   * How the dispatcher acknowledges deliveries: in groups of at most {@link
   * AckWindow#maxMessages()}, recorded once the first of a group is {@link AckWindow#maxDelay()}
   * old, and at the end of each batch. A dispatcher that dies re-sends at most one group. Default
   * {@link AckWindow#DEFAULT} (10 messages, 500 ms).
   */
  public HelpDeskBuilder dispatchAckWindow(AckWindow window) {
    this.dispatchAckWindow = Check.present("dispatchAckWindow", window);
    return this;
  }

  /** How many SOLVED tickets the close sweep reads at a time; default 100. */
  public HelpDeskBuilder closeSweepBatch(int size) {
    this.closeSweepBatch = Check.positive("closeSweepBatch", size);
    return this;
  }

  /**
   * The most waiting tickets one serving of the queue looks at (in pages of the policy's {@code
   * drainBatch}), past tickets nobody may take; default 10,000.
   */
  public HelpDeskBuilder queueScanLimit(int tickets) {
    this.queueScanLimit = Check.positive("queueScanLimit", tickets);
    return this;
  }

  /**
   * Erases the personal data of CLOSED tickets once they have been closed for {@code months}
   * (measured from the ticket's last change, which for a closed ticket is its closing or a link
   * made since): their subject, description, custom field values, messages, file names and bytes,
   * mail Message-IDs and outbox entries, as {@link HelpDesk#eraseCustomer} does for one customer,
   * ids, statuses, times and metric facts kept. {@link HelpDesk#eraseExpiredTickets()} (the {@code
   * retention} job) does it, each ticket recorded in the staff audit. Default: off, nothing is
   * erased by age.
   *
   * @throws ValidationException on {@code closedTicketRetentionMonths} unless 1 to 1200
   */
  public HelpDeskBuilder eraseClosedTicketsAfterMonths(int months) {
    if (months < 1 || months > 1200) {
      throw new ValidationException(
          "closedTicketRetentionMonths", "must be 1 to 1200 (was " + months + ")");
    }
    this.closedTicketRetention = Optional.of(Period.ofMonths(months));
    return this;
  }

  /** How many closed tickets the retention reads at a time, each erased on its own; default 50. */
  public HelpDeskBuilder retentionBatch(int size) {
    this.retentionBatch = Check.positive("retentionBatch", size);
    return this;
  }

  /**
   * Whether supervisory actions are for agents of {@link dev.helpdesk.agent.Role#SUPERVISOR} (and
   * system actors) only: assigning over capacity, escalating, merging, saving agents and customers,
   * setting another agent's availability, reading metrics and the staff audit, redelivering dead
   * letters, erasing a customer's personal data. Default {@code false}: every agent may, as before
   * roles existed. See docs/roles.md.
   */
  public HelpDeskBuilder enforceSupervisorRole(boolean enforce) {
    this.enforceSupervisorRole = enforce;
    return this;
  }

  /**
   * Whether an agent who is no supervisor sees and works only the tickets routed to one of their
   * groups and those assigned to them; a ticket in no group is then theirs only once assigned to
   * them. Reads, listings, searches, live subscriptions and every change are kept within those
   * tickets; another ticket is answered as one that does not exist. Supervisors and system actors
   * see every ticket. Default {@code false}: every agent sees every ticket.
   */
  public HelpDeskBuilder agentsSeeOwnGroups(boolean scoped) {
    this.agentsSeeOwnGroups = scoped;
    return this;
  }

  /**
   * Whether a customer in an {@linkplain dev.helpdesk.customer.Customer#organisation()
   * organisation} may also read (and follow live, and find) the tickets of that organisation: those
   * whose requester belonged to it when they were opened. They read them as any customer reads a
   * ticket, never internal notes; replying, rating and accepting an answer stay the requester's.
   * Default {@code false}: a customer sees their own tickets only.
   */
  public HelpDeskBuilder customersSeeOrganisation(boolean see) {
    this.customersSeeOrganisation = see;
    return this;
  }

  /**
   * Builds a desk. Each call builds an independent desk: the ports given to this builder are shared
   * (they are the application's), everything else (the in-memory stores used by default, the SLA
   * engine, the assignment roster, the live feed) is new.
   *
   * @throws ValidationException naming {@code customFields.<key>} if a macro sets a field the
   *     declared fields refuse
   */
  public HelpDesk build() {
    for (Macro macro : macros.values()) {
      // Refused here, once, rather than on every ticket an agent applies the macro to.
      fields.checkEdit(macro.fields(), List.of());
    }
    Outbox outbox = this.outbox;
    Tickets tickets = this.tickets;
    if (tickets == null) {
      outbox = new InMemoryOutbox();
      tickets = new InMemoryTickets(outbox);
    }
    Clock clock = Clock.tick(this.clock, RECORDED_PRECISION);
    SlaTimers engineTimers = slaTimers;
    if (engineTimers == null) {
      // The in-memory store's own timers give it the SLA state that search filters and sorts by.
      engineTimers =
          tickets instanceof InMemoryTickets memory ? memory.slaTimers() : new InMemorySlaTimers();
    }
    SlaTimers chosenTimers = engineTimers;
    Optional<SlaEngine> sla =
        Optional.ofNullable(this.sla)
            .map(settings -> new SlaEngine(settings, chosenTimers, agents));
    AssignmentPolicy policy = assignmentPolicy;
    if (policy.queueOrder() == AssignmentPolicy.PRIORITY_THEN_AGE && sla.isPresent()) {
      // With SLAs kept, the ticket whose promise falls due first is served first.
      SlaEngine engine = sla.get();
      policy = policy.withQueueOrder(AssignmentPolicy.priorityThenDue(t -> engine.nextDue(t.id())));
    }
    Assignment assignment = new Assignment(policy, tickets, agents, clock);
    Agents staff = agents;
    NotificationRules rules =
        new NotificationRules(assignment::agent, staff::all, notificationPolicy);
    List<Webhook> webhooks = List.copyOf(this.webhooks.values());
    WebhookRules webhookRules = new WebhookRules(webhooks);
    Optional<InstantAnswers> answers =
        Optional.ofNullable(knowledgeBase).map(kb -> new InstantAnswers(kb, maxSuggestedAnswers));
    Listeners listeners = new Listeners(this.listeners);
    FollowUpPlanner followUps =
        new FollowUpPlanner(
            pendingFollowUp,
            Optional.ofNullable(this.sla),
            ticket ->
                sla.map(engine -> engine.calendarOf(ticket))
                    .orElseGet(BusinessCalendar::alwaysOpen),
            pendingFollowUps != null ? pendingFollowUps : new InMemoryPendingFollowUps());
    NoReplyPlanner noReply =
        new NoReplyPlanner(
            policy.noReply(),
            ticket -> SlaEngine.calendarOrAlwaysOpen(sla, ticket),
            noReplyDeadlines != null ? noReplyDeadlines : new InMemoryNoReplyDeadlines());
    Steps steps =
        new Steps(
            assignment::beforeSave,
            edit -> answers.ifPresent(a -> a.suggest(edit)),
            edit -> sla.map(engine -> engine.plan(edit)),
            (edit, acknowledge, timers) -> {
              rules.addTo(edit, acknowledge, timers.flatMap(SlaEngine::firstReplyDueBy));
              webhookRules.addTo(edit);
            },
            timers -> sla.ifPresent(engine -> engine.store(timers)),
            followUps::plan,
            noReply::plan,
            assignment::refused,
            assignment::stored,
            listeners::publish);
    LiveFeed live = new LiveFeed(liveExecutor, liveBufferSize);
    ChangePipeline pipeline =
        new ChangePipeline(clock, tickets, unitOfWork, transitions, steps, live);
    Access access =
        new Access(
            agents,
            assignment::agent,
            customers,
            pipeline,
            new Roles(enforceSupervisorRole, agentsSeeOwnGroups, customersSeeOrganisation));
    StaffAudit audit = new StaffAudit(auditLog, clock, access);
    Intake intake =
        new Intake(
            pipeline, access, tickets, keys, customers, assignment, fields, unitOfWork, audit);
    MetricsQueries metrics = this.metrics;
    if (metrics == null && tickets instanceof InMemoryTickets inMemory) {
      metrics = inMemory.metrics();
    }
    Actor monitor = Actor.system("sla-monitor");
    Actor followingUp = Actor.system("pending-follow-up");
    AssignmentService assigning =
        new AssignmentService(
            pipeline,
            access,
            assignment,
            agents,
            tickets,
            queueScanLimit,
            unitOfWork,
            audit,
            noReply.store());
    if (changeRelay != null) {
      RelayLink link =
          live.connect(tickets, changeRelay, assigning.rosterSignals(), RELAY_TRACKED_TICKETS);
      pipeline.announceThrough(link);
      assigning.announceThrough(link);
    }
    return new HelpDesk(
        new DeskServices(
            clock,
            intake,
            new Conversation(pipeline, access, intake, attachments, tickets, macros),
            assigning,
            new Triage(pipeline, access, tickets, fields, closeSolvedAfter, closeSweepBatch),
            new Satisfaction(onBadRating, assignment, pipeline, access, tickets),
            new Links(pipeline, access, tickets),
            new Answers(pipeline, access, tickets),
            new Reading(access, tickets, customers, sla, live, clock),
            new Insights(access, Optional.ofNullable(metrics)),
            listeners,
            live,
            new NotificationDispatcher(
                outbox,
                new Channels(notifier, new WebhookSender(webhooks, webhookTimeout, clock)),
                clock,
                retryPolicy,
                dispatchBatch,
                dispatchLease,
                dispatchAckWindow,
                () -> ThreadLocalRandom.current().nextDouble()),
            outbox,
            unitOfWork,
            messageThreads,
            leases,
            audit,
            new Privacy(
                tickets,
                customers,
                messageThreads,
                attachments,
                unitOfWork,
                audit,
                access,
                clock,
                closedTicketRetention,
                retentionBatch),
            new FollowUpSweep(
                followUps.store(),
                transitions,
                clock,
                (id, operation) ->
                    pipeline.changeIfNeeded(followingUp, id, operation, Then.SERVE_QUEUE)),
            sla.map(
                engine ->
                    new Monitor(
                        engine,
                        clock,
                        (id, operation) ->
                            pipeline.change(monitor, id, operation, Then.SERVE_QUEUE)))));
  }
}
