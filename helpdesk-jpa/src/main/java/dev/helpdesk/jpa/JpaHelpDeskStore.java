package dev.helpdesk.jpa;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.jpa.agent.JpaAgents;
import dev.helpdesk.jpa.assignment.JpaNoReplyDeadlines;
import dev.helpdesk.jpa.audit.JpaAuditLog;
import dev.helpdesk.jpa.common.JpaLeases;
import dev.helpdesk.jpa.conversation.JpaAttachmentStore;
import dev.helpdesk.jpa.customer.JpaCustomers;
import dev.helpdesk.jpa.live.PollingChangeRelay;
import dev.helpdesk.jpa.live.PostgreSqlChangeRelay;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.jpa.metrics.JpaMetrics;
import dev.helpdesk.jpa.notification.JpaOutbox;
import dev.helpdesk.jpa.pending.JpaPendingFollowUps;
import dev.helpdesk.jpa.sla.JpaSlaTimers;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.JoinedUnitOfWork;
import dev.helpdesk.jpa.store.PostgreSqlDatabase;
import dev.helpdesk.jpa.store.StandaloneTransactions;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.jpa.ticket.JpaMessageThreads;
import dev.helpdesk.jpa.ticket.JpaTickets;
import dev.helpdesk.jpa.ticket.SequenceTicketKeys;
import dev.helpdesk.live.ChangeRelay;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Every JPA adapter of the desk over one database, ready to hand to {@link
 * dev.helpdesk.HelpDesk#builder()}:
 *
 * <pre>{@code
 * EntityManagerFactory emf = Persistence.createEntityManagerFactory(
 *     JpaHelpDeskStore.PERSISTENCE_UNIT, Map.of("jakarta.persistence.jdbc.url", url, ...));
 * JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
 * HelpDesk desk = store.configure(HelpDesk.builder()).build();
 * }</pre>
 *
 * <p>The tables must exist: apply the scripts under {@code db/helpdesk/<database>/} (Flyway reads
 * them as they are). See {@code docs/jpa.md} for both ways of embedding.
 */
public final class JpaHelpDeskStore {

  /** The persistence unit shipped in {@code META-INF/persistence.xml}, for standalone use. */
  public static final String PERSISTENCE_UNIT = "helpdesk";

  /**
   * The entity classes to add to a persistence unit of the application's own (or scan package
   * {@code dev.helpdesk.jpa}). Their JPQL entity names all start with {@code Hd}, so they do not
   * collide with the application's.
   */
  public static final List<String> MANAGED_CLASSES =
      List.of(
          "dev.helpdesk.jpa.ticket.TicketEntity",
          "dev.helpdesk.jpa.ticket.MessageEntity",
          "dev.helpdesk.jpa.ticket.AttachmentEntity",
          "dev.helpdesk.jpa.ticket.EventEntity",
          "dev.helpdesk.jpa.notification.OutboxEntity",
          "dev.helpdesk.jpa.agent.AgentEntity",
          "dev.helpdesk.jpa.customer.CustomerEntity",
          "dev.helpdesk.jpa.conversation.BlobEntity",
          "dev.helpdesk.jpa.sla.SlaTimerEntity",
          "dev.helpdesk.jpa.ticket.LinkEntity",
          "dev.helpdesk.jpa.metrics.MetricFactEntity",
          "dev.helpdesk.jpa.ticket.MessageThreadEntity",
          "dev.helpdesk.jpa.common.LeaseEntity",
          "dev.helpdesk.jpa.pending.FollowUpEntity",
          "dev.helpdesk.jpa.audit.AuditEntity",
          "dev.helpdesk.jpa.assignment.NoReplyDeadlineEntity");

  private final Database database;
  private final Transactions transactions;
  private final JpaOutbox outbox;
  private final JpaTickets tickets;
  private final JpaAgents agents;
  private final JpaCustomers customers;
  private final JpaAttachmentStore attachments;
  private final JpaSlaTimers slaTimers;
  private final JpaPendingFollowUps pendingFollowUps;
  private final JpaNoReplyDeadlines noReplyDeadlines;
  private final JpaMessageThreads messageThreads;
  private final JpaLeases leases;
  private final JpaAuditLog auditLog;
  private final UnitOfWork unitOfWork;

  private JpaHelpDeskStore(
      Database database,
      Transactions transactions,
      Transactions outboxTransactions,
      UnitOfWork unitOfWork) {
    this.database = Objects.requireNonNull(database, "database");
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.outbox = new JpaOutbox(outboxTransactions, database);
    this.tickets = new JpaTickets(transactions, outboxTransactions, database, outbox);
    this.agents = new JpaAgents(transactions);
    this.customers = new JpaCustomers(transactions, database);
    this.attachments = new JpaAttachmentStore(transactions);
    this.slaTimers = new JpaSlaTimers(transactions, outboxTransactions, database);
    this.pendingFollowUps = new JpaPendingFollowUps(transactions, outboxTransactions, database);
    this.noReplyDeadlines = new JpaNoReplyDeadlines(transactions, outboxTransactions, database);
    this.messageThreads = new JpaMessageThreads(transactions);
    // A lease must be seen by the other instances at once: it never joins a caller's transaction.
    this.leases = new JpaLeases(outboxTransactions);
    // A staff change's record belongs to the change's transaction, like the agent it records.
    this.auditLog = new JpaAuditLog(transactions);
  }

  /**
   * Standalone: resource-local transactions on entity managers of {@code factory}. The desk runs
   * each ticket change in one of them, with the customer record and the SLA timers it writes (see
   * {@link #unitOfWork()}); any other call runs in a transaction of its own.
   */
  public static JpaHelpDeskStore standalone(EntityManagerFactory factory, Database database) {
    StandaloneTransactions spanned = new StandaloneTransactions(factory);
    return new JpaHelpDeskStore(database, spanned, Transactions.resourceLocal(factory), spanned);
  }

  /**
   * Inside the application's transactions: tickets, agents, customers, attachments and keys use the
   * entity manager {@code current} returns (Spring's shared one, or {@code @PersistenceContext}),
   * so a ticket change commits or rolls back with the application's own work. The outbox's claims
   * and delivery outcomes must commit on their own, so the outbox runs in resource-local
   * transactions of {@code factory}; in a JTA container, where that is not possible, use {@link
   * #of} with transactions of your own (e.g. {@code REQUIRES_NEW}).
   */
  public static JpaHelpDeskStore joined(
      Supplier<EntityManager> current, EntityManagerFactory factory, Database database) {
    return new JpaHelpDeskStore(
        database,
        Transactions.joining(current),
        Transactions.resourceLocal(factory),
        new JoinedUnitOfWork(current));
  }

  /**
   * Any other arrangement: {@code transactions} for tickets, agents, customers, attachments, keys,
   * SLA timer and pending follow-up saves; {@code outboxTransactions}, which must commit on their
   * own, for the outbox, the SLA monitor's and the pending follow-up job's claims and the one-time
   * creation of an agent's capacity lock row. The desk's writes of one change are kept together
   * only if {@code transactions} are the caller's own (joined); otherwise use {@link #of(Database,
   * Transactions, Transactions, UnitOfWork)}.
   */
  public static JpaHelpDeskStore of(
      Database database, Transactions transactions, Transactions outboxTransactions) {
    return new JpaHelpDeskStore(database, transactions, outboxTransactions, UnitOfWork.NONE);
  }

  /**
   * As {@link #of(Database, Transactions, Transactions)}, with the unit of work that spans {@code
   * transactions} (for example a {@link StandaloneTransactions} given as both).
   */
  public static JpaHelpDeskStore of(
      Database database,
      Transactions transactions,
      Transactions outboxTransactions,
      UnitOfWork unitOfWork) {
    return new JpaHelpDeskStore(database, transactions, outboxTransactions, unitOfWork);
  }

  /**
   * What makes one ticket change a single transaction across these adapters: standalone, a unit
   * that begins a transaction every adapter call inside it joins; joined to the application's
   * transactions, a {@link JoinedUnitOfWork}, whose after-commit work waits for the application's
   * commit.
   */
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  /** The tickets, writing notifications into {@link #outbox()} in the same transaction. */
  public JpaTickets tickets() {
    return tickets;
  }

  /** The metrics, whose facts {@link #tickets()} writes with every change. */
  public JpaMetrics metrics() {
    return tickets.metrics();
  }

  /** The outbox. */
  public JpaOutbox outbox() {
    return outbox;
  }

  /** Keys {@code HD-1000}, {@code HD-1001}, ... from the database sequence. */
  public SequenceTicketKeys ticketKeys() {
    return ticketKeys("HD");
  }

  /** Keys with the given prefix from the database sequence. */
  public SequenceTicketKeys ticketKeys(String prefix) {
    return new SequenceTicketKeys(transactions, database, prefix);
  }

  /** The agents. */
  public JpaAgents agents() {
    return agents;
  }

  /** The customers. */
  public JpaCustomers customers() {
    return customers;
  }

  /** Attachment bytes in the database, 10 MiB a file at most. */
  public JpaAttachmentStore attachments() {
    return attachments;
  }

  /** The SLA timers; claims by the SLA monitor commit on their own, like the outbox's. */
  public JpaSlaTimers slaTimers() {
    return slaTimers;
  }

  /**
   * The follow-up plans of pending tickets, written with the ticket change that makes them; claims
   * by the pending follow-up job commit on their own, like the SLA monitor's.
   */
  public JpaPendingFollowUps pendingFollowUps() {
    return pendingFollowUps;
  }

  /**
   * The no-reply deadlines of assigned tickets, written with the ticket change that sets or clears
   * them; claims by the escalation job commit on their own, like the SLA monitor's.
   */
  public JpaNoReplyDeadlines noReplyDeadlines() {
    return noReplyDeadlines;
  }

  /**
   * A change relay over this store's database for several desk instances sharing it (give it to
   * {@code HelpDesk.builder().changeRelay(...)}, which starts and closes it): on PostgreSQL {@link
   * #postgreSqlRelay LISTEN/NOTIFY}, elsewhere {@link #pollingRelay polling}.
   *
   * @param dataSource where the relay's own connection comes from (it holds one while it runs)
   */
  public ChangeRelay changeRelay(DataSource dataSource, RelaySettings settings) {
    return database instanceof PostgreSqlDatabase
        ? postgreSqlRelay(dataSource, settings)
        : pollingRelay(dataSource, settings);
  }

  /**
   * A relay over PostgreSQL {@code LISTEN}/{@code NOTIFY}: ticket changes are announced inside the
   * transaction that stores them, so other instances hear of them as they commit.
   */
  public PostgreSqlChangeRelay postgreSqlRelay(DataSource dataSource, RelaySettings settings) {
    return new PostgreSqlChangeRelay(transactions, dataSource, settings);
  }

  /** A relay that polls the event table every {@link RelaySettings#pollInterval()}. */
  public PollingChangeRelay pollingRelay(DataSource dataSource, RelaySettings settings) {
    return new PollingChangeRelay(dataSource, settings);
  }

  /**
   * Which ticket each received Message-ID landed on, shared by every instance on the database;
   * written inside the desk's unit of work, it commits with the ticket change beside it.
   */
  public JpaMessageThreads messageThreads() {
    return messageThreads;
  }

  /** Named leases shared by every instance on the database; each call commits on its own. */
  public JpaLeases leases() {
    return leases;
  }

  /**
   * The staff audit in {@code hd_staff_audit}; each record is written in the transaction of the
   * change it records.
   */
  public JpaAuditLog auditLog() {
    return auditLog;
  }

  /** The database customization in use. */
  public Database database() {
    return database;
  }

  /**
   * Sets every persistence port of {@code builder} to this store's adapters (keys prefixed {@code
   * HD}, SLA timers, pending follow-ups, no-reply deadlines, metrics, message threads and leases
   * included) and its {@link #unitOfWork()}, and returns the builder.
   */
  public HelpDeskBuilder configure(HelpDeskBuilder builder) {
    return builder
        .unitOfWork(unitOfWork)
        .tickets(tickets, outbox)
        .metrics(tickets.metrics())
        .ticketKeys(ticketKeys())
        .agents(agents)
        .customers(customers)
        .attachments(attachments)
        .slaTimers(slaTimers)
        .pendingFollowUps(pendingFollowUps)
        .noReplyDeadlines(noReplyDeadlines)
        .messageThreads(messageThreads)
        .leases(leases)
        .auditLog(auditLog);
  }
}
