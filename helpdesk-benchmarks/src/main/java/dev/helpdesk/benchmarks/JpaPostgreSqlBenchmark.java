package dev.helpdesk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JPA adapter on PostgreSQL, in the benchmarks' own database (see {@link BenchDatabase}), which
 * each trial drops and recreates.
 *
 * <ul>
 *   <li>{@code openBatch*}: opening {@link #BATCH} tickets (each: ticket row, first message,
 *       CREATED event, TICKET_RECEIVED outbox row) through the standalone adapter's {@link
 *       Tickets#saveAll} (one transaction of its own), against inserting the same rows with a raw
 *       JDBC batch ({@code reWriteBatchedInserts=true}) in one transaction; and, for comparison,
 *       {@link Tickets#save} called once per ticket inside one application transaction.
 *   <li>{@code byRequester}, {@code unassigned}, {@code unassignedCount}: a customer's tickets, the
 *       unassigned queue and its size per priority with {@code tickets} rows in the table (10k or
 *       1M); the unassigned queue and a customer's tickets stay the same size.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JpaPostgreSqlBenchmark {

  /** Tickets opened per benchmark invocation. */
  public static final int BATCH = 100;

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final AtomicLong KEYS = new AtomicLong(10_000_000);

  static Connection connect() throws Exception {
    return BenchDatabase.connect();
  }

  /** Drops and recreates the benchmark's own database with the shipped scripts. */
  static void recreateSchema() throws Exception {
    BenchDatabase.recreate();
  }

  static EntityManagerFactory factory() {
    return Persistence.createEntityManagerFactory(
        JpaHelpDeskStore.PERSISTENCE_UNIT,
        Map.of(
            "jakarta.persistence.jdbc.url", BenchDatabase.URL,
            "jakarta.persistence.jdbc.user", BenchDatabase.USER,
            "jakarta.persistence.jdbc.password", BenchDatabase.PASSWORD,
            "hibernate.jdbc.batch_size", "50",
            "hibernate.order_inserts", "true",
            "hibernate.jdbc.time_zone", "UTC",
            "hibernate.connection.pool_size", "4"));
  }

  static TicketChange opening(String customer, Instant at) {
    TicketId id = TicketId.random();
    TicketKey key = TicketKey.of("HD", KEYS.getAndIncrement());
    NewTicket request =
        NewTicket.builder()
            .requester(customer, "Customer " + customer, customer + "@example.com")
            .subject("My train was cancelled")
            .description("Booking B-17: my train was cancelled, I need a refund.")
            .bookingReference("B-17")
            .build();
    Actor actor = Actor.customer(customer);
    return TicketEdit.open(
            id, key, request, Optional.empty(), actor, at, StatusTransitions.defaults())
        .addMessage(
            new Message(
                MessageId.random(), actor, Visibility.PUBLIC, request.description(), List.of(), at))
        .notify(
            new Notification(
                NotificationId.random(),
                NotificationKind.TICKET_RECEIVED,
                new Recipient("Customer " + customer, request.requester().email()),
                id,
                key,
                request.subject(),
                Map.of(),
                at))
        .done();
  }

  /** The opening benchmarks: an empty table, changes prepared before each invocation. */
  @State(Scope.Benchmark)
  public static class Opening {
    EntityManagerFactory emf;
    Tickets joinedTickets;
    Tickets standaloneTickets;
    final ThreadLocal<EntityManager> current = new ThreadLocal<>();
    List<TicketChange> changes;
    // One connection kept open, as the adapter's pool keeps its own: connecting is not measured.
    Connection raw;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      recreateSchema();
      raw = connect();
      raw.setAutoCommit(false);
      emf = factory();
      joinedTickets = JpaHelpDeskStore.joined(current::get, emf, Database.postgreSql()).tickets();
      standaloneTickets = JpaHelpDeskStore.standalone(emf, Database.postgreSql()).tickets();
      // The baseline is only fair if it writes what the adapter writes: compare once, table by
      // table, before anything is measured.
      prepare();
      Map<String, Long> before = rowCounts();
      standaloneTickets.saveAll(changes);
      Map<String, Long> afterAdapter = rowCounts();
      prepare();
      writeRaw(raw, changes);
      Map<String, Long> byAdapter = added(before, afterAdapter);
      Map<String, Long> byRaw = added(afterAdapter, rowCounts());
      if (!byAdapter.equals(byRaw)) {
        throw new IllegalStateException(
            "The raw baseline writes other rows than the adapter: adapter "
                + byAdapter
                + ", raw "
                + byRaw);
      }
    }

    @Setup(Level.Invocation)
    public void prepare() {
      changes = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        changes.add(opening("c-" + (i % 20), T0.plusSeconds(i)));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      raw.close();
      emf.close();
    }
  }

  @Benchmark
  public int openBatchThroughAdapter(Opening s) {
    s.standaloneTickets.saveAll(s.changes);
    return s.changes.size();
  }

  @Benchmark
  public int openOneByOneInOneTransaction(Opening s) {
    EntityManager em = s.emf.createEntityManager();
    s.current.set(em);
    try {
      em.getTransaction().begin();
      for (TicketChange c : s.changes) {
        s.joinedTickets.save(c);
      }
      em.getTransaction().commit();
      return s.changes.size();
    } finally {
      s.current.remove();
      em.close();
    }
  }

  @Benchmark
  public int openBatchWithRawJdbc(Opening s) throws Exception {
    writeRaw(s.raw, s.changes);
    return s.changes.size();
  }

  /**
   * The raw JDBC baseline: the rows the adapter writes for these openings, in one transaction, with
   * the same event documents (written with Jackson, as the adapter writes them). {@link
   * Opening#setUp} checks that both write the same number of rows to every desk table.
   */
  static void writeRaw(Connection c, List<TicketChange> changes) throws Exception {
    {
      try (PreparedStatement ticket =
              c.prepareStatement(
                  "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                      + " requester_id, requester_name, requester_email, channel, priority,"
                      + " tags_json, custom_fields_json, status, unsolved, created_at, updated_at,"
                      + " booking_reference, search_public, search_all)"
                      + " values (nextval('hd_ticket_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement message =
              c.prepareStatement(
                  "insert into hd_message (message_id, ticket_id, ticket_version, position,"
                      + " author_kind, author_id, visibility, body, created_at)"
                      + " values (?, ?, 1, 0, 'CUSTOMER', ?, 'PUBLIC', ?, ?)");
          PreparedStatement event =
              c.prepareStatement(
                  "insert into hd_ticket_event (id, ticket_id, ticket_version, position,"
                      + " event_type, actor_kind, actor_id, occurred_at, payload)"
                      + " values (nextval('hd_ticket_event_seq'), ?, 1, ?, ?, 'CUSTOMER',"
                      + " ?, ?, ?)");
          PreparedStatement outbox =
              c.prepareStatement(
                  "insert into hd_outbox (id, notification_id, kind, recipient_name,"
                      + " recipient_email, ticket_id, ticket_key, ticket_subject, values_json,"
                      + " created_at, state, attempts, next_attempt_at, due_at)"
                      + " values (nextval('hd_outbox_seq'), ?, 'TICKET_RECEIVED', ?, ?, ?, ?, ?,"
                      + " '{}', ?, 'PENDING', 0, ?, ?)");
          PreparedStatement metric =
              c.prepareStatement(
                  "insert into hd_metric_fact (id, ticket_id, ticket_version, position, kind,"
                      + " occurred_at) values (nextval('hd_metric_fact_seq'), ?, 1, 0, 'OPENED',"
                      + " ?)")) {
        for (TicketChange change : changes) {
          Ticket t = change.after();
          Timestamp at = Timestamp.from(t.createdAt());
          ticket.setLong(1, 1);
          ticket.setObject(2, t.id().value());
          ticket.setString(3, t.key().value());
          ticket.setString(4, t.subject());
          ticket.setString(5, t.description());
          ticket.setString(6, t.requester().id().value());
          ticket.setString(7, t.requester().name());
          ticket.setString(8, t.requester().email().value());
          ticket.setString(9, t.channel().name());
          ticket.setInt(10, 2);
          ticket.setString(11, "[]");
          ticket.setString(12, "{\"booking_reference\":\"B-17\"}");
          ticket.setString(13, t.status().name());
          ticket.setBoolean(14, true);
          ticket.setTimestamp(15, at);
          ticket.setTimestamp(16, at);
          // The search columns the adapter writes with the ticket (V8); PostgreSQL generates
          // their vectors in the same statement for either writer.
          SearchText words = SearchText.EMPTY.with(t.subject(), change.messages());
          ticket.setString(17, "B-17");
          ticket.setString(18, SearchText.joined(words.publicWords()));
          ticket.setString(19, SearchText.joined(words.allWords()));
          ticket.addBatch();
          Message m = change.messages().get(0);
          message.setObject(1, m.id().value());
          message.setObject(2, t.id().value());
          message.setString(3, t.requester().id().value());
          message.setString(4, m.body());
          message.setTimestamp(5, at);
          message.addBatch();
          // Every event of the change (CREATED, then MESSAGE_ADDED for the first message).
          for (int e = 0; e < change.events().size(); e++) {
            boolean created = change.events().get(e) instanceof TicketEvent.Created;
            event.setObject(1, t.id().value());
            event.setInt(2, e);
            event.setString(3, created ? "CREATED" : "MESSAGE_ADDED");
            event.setString(4, t.requester().id().value());
            event.setTimestamp(5, at);
            event.setString(6, created ? createdDocument(t) : messageDocument(m));
            event.addBatch();
          }
          Notification n = change.notifications().get(0);
          outbox.setObject(1, n.id().value());
          outbox.setString(2, n.recipient().name());
          outbox.setString(3, n.recipient().email().value());
          outbox.setObject(4, t.id().value());
          outbox.setString(5, t.key().value());
          outbox.setString(6, t.subject());
          outbox.setTimestamp(7, at);
          outbox.setTimestamp(8, at);
          outbox.setTimestamp(9, at);
          outbox.addBatch();
          metric.setObject(1, t.id().value());
          metric.setTimestamp(2, at);
          metric.addBatch();
        }
        ticket.executeBatch();
        message.executeBatch();
        event.executeBatch();
        outbox.executeBatch();
        metric.executeBatch();
      }
      c.commit();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The CREATED event's document, field for field as the adapter writes it. */
  private static String createdDocument(Ticket t) throws Exception {
    Map<String, Object> requester = new LinkedHashMap<>();
    requester.put("id", t.requester().id().value());
    requester.put("name", t.requester().name());
    requester.put("email", t.requester().email().value());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("key", t.key().value());
    doc.put("subject", t.subject());
    doc.put("description", t.description());
    doc.put("requester", requester);
    doc.put("channel", t.channel().name());
    doc.put("priority", t.priority().name());
    doc.put("tags", new TreeSet<>(t.tags()));
    doc.put("customFields", new TreeMap<>(t.customFields()));
    doc.put("group", null);
    doc.put("followUpOf", null);
    return JSON.writeValueAsString(doc);
  }

  private static String messageDocument(Message m) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("messageId", m.id().value().toString());
    doc.put("visibility", m.visibility().name());
    return JSON.writeValueAsString(doc);
  }

  /** The desk tables an opening can write to. */
  private static final List<String> TABLES =
      List.of(
          "hd_ticket",
          "hd_message",
          "hd_message_attachment",
          "hd_ticket_event",
          "hd_outbox",
          "hd_metric_fact",
          "hd_ticket_link",
          "hd_sla_timer",
          "hd_customer");

  private static Map<String, Long> rowCounts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String table : TABLES) {
        try (var rs = st.executeQuery("select count(*) from " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static Map<String, Long> added(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> added = new LinkedHashMap<>();
    before.forEach((table, n) -> added.put(table, after.get(table) - n));
    return added;
  }

  /** The listing benchmarks: {@code tickets} rows, of which a fixed few are queued or c-1's. */
  @State(Scope.Benchmark)
  public static class Listing {
    @Param({"10000", "1000000"})
    public int tickets;

    EntityManagerFactory emf;
    Tickets store;
    MetricsQueries metrics;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      recreateSchema();
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        // History: solved tickets of 50,000 other customers, assigned to 200 agents.
        s.execute(
            "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                + " requester_id, requester_name, requester_email, channel, priority, tags_json,"
                + " custom_fields_json, status, unsolved, assignee_id, created_at, updated_at,"
                + " solved_at)"
                + " select g, 3, gen_random_uuid(), 'HD-' || g, 'Subject ' || g, 'Text',"
                + " 'cust-' || (g % 50000), 'Name', 'x@example.com', 'WEB', 1 + g % 4, '[]',"
                + " '{}', 'CLOSED', false, 'agent-' || (g % 200),"
                + " timestamptz '2024-01-01' + g * interval '1 minute',"
                + " timestamptz '2024-01-01' + g * interval '1 minute',"
                + " timestamptz '2024-01-01' + g * interval '1 minute'"
                + " from generate_series(1, "
                + (tickets - 1_100)
                + ") g");
        // The live part, the same at either size: 1,000 unassigned, 100 of customer c-1.
        s.execute(
            "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                + " requester_id, requester_name, requester_email, channel, priority, tags_json,"
                + " custom_fields_json, status, unsolved, created_at, updated_at)"
                + " select 100000000 + g, 1, gen_random_uuid(), 'HD-' || (100000000 + g),"
                + " 'Subject', 'Text', case when g <= 100 then 'c-1' else 'live-' || g end,"
                + " 'Name', 'x@example.com', 'WEB', 1 + g % 4, '[]', '{}', 'NEW', true,"
                + " timestamptz '2026-01-01' + g * interval '1 second',"
                + " timestamptz '2026-01-01' + g * interval '1 second'"
                + " from generate_series(1, 1100) g");
        s.execute("analyze hd_ticket");
      }
      emf = factory();
      JpaHelpDeskStore jpa = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
      store = jpa.tickets();
      metrics = jpa.metrics();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      emf.close();
    }
  }

  @Benchmark
  public List<Ticket> byRequester(Listing s) {
    return s.store.byRequester(CustomerId.of("c-1"), 50);
  }

  /** The unassigned queue's size per priority: what a queue dashboard shows. */
  @Benchmark
  public Map<Priority, Long> unassignedCount(Listing s) {
    return s.metrics.queueByPriority();
  }

  @Benchmark
  public List<Ticket> unassigned(Listing s) {
    return s.store.unassigned(50);
  }

  @Benchmark
  public List<Ticket> byAssigneeOfHistory(Listing s) {
    return s.store.byAssignee(AgentId.of("agent-7"), 50);
  }
}
