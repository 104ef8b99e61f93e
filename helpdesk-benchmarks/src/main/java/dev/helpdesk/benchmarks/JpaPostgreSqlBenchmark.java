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
import java.util.EnumMap;
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
 *   <li>{@code byRequester}, {@code unassigned}, {@code unassignedCount}, {@code
 *       byAssigneeOfHistory}: a customer's tickets, the unassigned queue and its size per priority,
 *       an agent's tickets, with {@code tickets} rows (10k or 1M) spread over the states,
 *       priorities, groups, customers and agents of a busy desk (see {@link Listing}). Each size
 *       has a database of its own, loaded once and reused by later trials and runs.
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
    return factory(BenchDatabase.URL);
  }

  static EntityManagerFactory factory(String url) {
    return Persistence.createEntityManagerFactory(
        JpaHelpDeskStore.PERSISTENCE_UNIT,
        Map.of(
            "jakarta.persistence.jdbc.url", url,
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

  /**
   * The listing benchmarks: {@code tickets} rows loaded as a busy desk holds them, in a database of
   * this size's own ({@link BenchDatabase#NAME} + {@code _listing_} + size), which later trials and
   * runs reuse when it still holds the planned rows. Each row draws, independently:
   *
   * <ul>
   *   <li>its status: NEW 2%, OPEN 8%, PENDING 5%, ON_HOLD 2%, SOLVED 8%, CLOSED 75%;
   *   <li>its priority: LOW 30%, NORMAL 50%, HIGH 15%, URGENT 5%; one of 8 groups, unevenly;
   *   <li>its requester among {@code tickets / 5} customers with Zipf-like counts (rank {@code k}
   *       with probability about {@code 1 / (k + 50)}: a few customers with hundreds or thousands
   *       of tickets, most with one or two);
   *   <li>its assignee among 200 agents, except NEW tickets and one in ten OPEN, PENDING or ON_HOLD
   *       ones, which are unassigned (the queue: 3.5% of the rows);
   *   <li>its dates: unsolved and SOLVED tickets in the last 30 days, CLOSED ones in the three
   *       years before.
   * </ul>
   *
   * <p>The unassigned queue therefore grows with the table (35 thousand at 1M, 350 at 10k), as a
   * desk with a hundred times the tickets has a larger backlog. Before anything is measured the
   * counts are checked against the plan (each status and the queue within five standard deviations
   * of its expected count) and printed; a database that does not hold the plan is reloaded, and a
   * load that does not either stops the trial. Each {@code byRequester} call asks for the next of
   * 1,024 customers drawn beforehand as the requesters of random tickets (so a customer who writes
   * more looks more often), so the calls do not read one cached index page.
   */
  @State(Scope.Benchmark)
  public static class Listing {
    @Param({"10000", "1000000"})
    public int tickets;

    /** Requesters asked for, in turn; a power of two so the turn is a mask. */
    static final int SAMPLE = 1_024;

    /** Status shares of the plan, in the order of {@link #STATUSES}. */
    static final double[] SHARES = {0.02, 0.08, 0.05, 0.02, 0.08, 0.75};

    static final String[] STATUSES = {"NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"};

    /** Unsolved and unassigned: every NEW ticket and one in ten OPEN, PENDING or ON_HOLD ones. */
    static final double QUEUE_SHARE = 0.02 + 0.1 * (0.08 + 0.05 + 0.02);

    EntityManagerFactory emf;
    Tickets store;
    MetricsQueries metrics;
    final CustomerId[] requesters = new CustomerId[SAMPLE];
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      String db = BenchDatabase.NAME + "_listing_" + tickets;
      boolean loaded = false;
      if (holdsPlan(db, tickets) != null) {
        BenchDatabase.migrate(db);
      } else {
        load(db, tickets);
        loaded = true;
      }
      String counts = holdsPlan(db, tickets);
      if (counts == null) {
        throw new IllegalStateException("the tickets were not loaded as planned in " + db);
      }
      System.out.println("\n" + db + ": " + counts);
      try (Connection c = BenchDatabase.connect(db);
          Statement s = c.createStatement();
          var r =
              s.executeQuery(
                  "select requester_id from hd_ticket order by random() limit " + SAMPLE)) {
        int i = 0;
        while (r.next()) {
          requesters[i++] = CustomerId.of(r.getString(1));
        }
      }
      emf = factory(BenchDatabase.url(db));
      JpaHelpDeskStore jpa = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
      store = jpa.tickets();
      metrics = jpa.metrics();
      if (loaded) {
        // The load wrote hd_ticket around the library: count the kept figures from it.
        jpa.metrics().recount();
      }
      checkKeptCounts(db, metrics);
    }

    /** Stops the trial unless the kept queue and unsolved counts equal count(*) over the rows. */
    private static void checkKeptCounts(String db, MetricsQueries metrics) throws Exception {
      Map<Priority, Long> queue = new EnumMap<>(Priority.class);
      Map<Priority, Long> unsolved = new EnumMap<>(Priority.class);
      for (Priority p : Priority.values()) {
        queue.put(p, 0L);
        unsolved.put(p, 0L);
      }
      try (Connection c = BenchDatabase.connect(db);
          Statement s = c.createStatement();
          var r =
              s.executeQuery(
                  "select priority, assignee_id is null, count(*) from hd_ticket where unsolved"
                      + " group by priority, assignee_id is null")) {
        while (r.next()) {
          Priority p = Priority.values()[r.getInt(1) - 1];
          unsolved.merge(p, r.getLong(3), Long::sum);
          if (r.getBoolean(2)) {
            queue.merge(p, r.getLong(3), Long::sum);
          }
        }
      }
      if (!queue.equals(metrics.queueByPriority())
          || !unsolved.equals(metrics.unsolvedByPriority())) {
        throw new IllegalStateException(
            "kept counts "
                + metrics.queueByPriority()
                + " / "
                + metrics.unsolvedByPriority()
                + " differ from count(*) "
                + queue
                + " / "
                + unsolved
                + " in "
                + db);
      }
      System.out.println(db + ": kept counts equal count(*): queue " + queue);
    }

    CustomerId nextRequester() {
      return requesters[next++ & (SAMPLE - 1)];
    }

    /**
     * Recreates the database and fills it in one statement, with a fixed seed. The rows are written
     * around the library, so its kept counts are recounted after ({@code JpaMetrics.recount()}).
     */
    private static void load(String db, int tickets) throws Exception {
      BenchDatabase.recreate(db);
      int customers = tickets / 5;
      try (Connection c = BenchDatabase.connect(db);
          Statement s = c.createStatement()) {
        s.execute("select setseed(0.17)");
        // r: the row's random draws (each refers to g so that it is drawn per row); x: what they
        // decide. Customer rank: 50 * ((customers + 50) / 50)^u - 50, a Zipf-Mandelbrot shape.
        s.execute(
            "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                + " requester_id, requester_name, requester_email, channel, priority, tags_json,"
                + " custom_fields_json, status, unsolved, assignee_id, group_id, created_at,"
                + " updated_at, solved_at)"
                + " select g, case when x.unsolved then 2 else 4 end, gen_random_uuid(), 'HD-' || g,"
                + " 'Subject ' || g, 'Text', 'cust-' || x.customer, 'Customer ' || x.customer,"
                + " 'cust-' || x.customer || '@example.com',"
                + " case when r.rd < 0.6 then 'EMAIL' else 'WEB' end, x.priority, '[]', '{}',"
                + " x.status, x.unsolved,"
                + " case when x.status = 'NEW' or (x.unsolved and r.ra < 0.1) then null"
                + " else 'agent-' || floor(r.ra * 200)::int end,"
                + " 'group-' || floor(8 * r.rg * r.rg)::int, x.created,"
                + " x.created + r.rd * interval '2 days',"
                + " case when x.unsolved then null else x.created + r.rd * interval '2 days' end"
                + " from generate_series(1, "
                + tickets
                + ") g"
                + " cross join lateral (select random() + 0 * g as rs, random() + 0 * g as rc,"
                + " random() + 0 * g as rp, random() + 0 * g as ra, random() + 0 * g as rg,"
                + " random() + 0 * g as rt, random() + 0 * g as rd) r"
                + " cross join lateral (select st.status, st.status not in ('SOLVED', 'CLOSED')"
                + " as unsolved,"
                + " least("
                + customers
                + ", 1 + floor(50 * power(("
                + customers
                + " + 50) / 50.0, r.rc) - 50)::int) as customer,"
                + " case when r.rp < 0.30 then 1 when r.rp < 0.80 then 2 when r.rp < 0.95 then 3"
                + " else 4 end as priority,"
                + " case when st.status = 'CLOSED'"
                + " then timestamptz '2026-01-30' - r.rt * interval '3 years'"
                + " else timestamptz '2026-03-01' - r.rt * interval '30 days' end as created"
                + " from (select case when r.rs < 0.02 then 'NEW' when r.rs < 0.10 then 'OPEN'"
                + " when r.rs < 0.15 then 'PENDING' when r.rs < 0.17 then 'ON_HOLD'"
                + " when r.rs < 0.25 then 'SOLVED' else 'CLOSED' end as status) st) x");
        // A busy desk's table is vacuumed and analysed by autovacuum; do it now, not mid-run.
        s.execute("vacuum analyze hd_ticket");
      }
    }

    /**
     * The counts the database holds, as one line, if they match the plan: {@code tickets} rows,
     * each status and the unassigned queue within five standard deviations of its expected count;
     * otherwise (or without the database) null.
     */
    private static String holdsPlan(String db, int tickets) {
      try (Connection c = BenchDatabase.connect(db);
          Statement s = c.createStatement()) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        try (var r = s.executeQuery("select status, count(*) from hd_ticket group by status")) {
          while (r.next()) {
            byStatus.put(r.getString(1), r.getLong(2));
            total += r.getLong(2);
          }
        }
        long queue;
        try (var r =
            s.executeQuery(
                "select count(*) from hd_ticket where unsolved and assignee_id is null")) {
          r.next();
          queue = r.getLong(1);
        }
        String shape;
        try (var r =
            s.executeQuery(
                "select count(*), max(n), percentile_disc(0.5) within group (order by n)"
                    + " from (select count(*) n from hd_ticket group by requester_id) t")) {
          r.next();
          shape =
              r.getLong(1)
                  + " customers, the busiest with "
                  + r.getLong(2)
                  + " tickets, the median with "
                  + r.getLong(3);
        }
        boolean ok = total == tickets && near(queue, tickets, QUEUE_SHARE);
        for (int i = 0; i < STATUSES.length; i++) {
          ok &= near(byStatus.getOrDefault(STATUSES[i], 0L), tickets, SHARES[i]);
        }
        String counts =
            total + " rows " + byStatus + ", unassigned and unsolved " + queue + "; " + shape;
        return ok ? counts : null;
      } catch (java.sql.SQLException e) {
        return null;
      }
    }

    /** Whether {@code n} is within five binomial standard deviations of {@code total * share}. */
    private static boolean near(long n, int total, double share) {
      double expected = total * share;
      return Math.abs(n - expected) <= 5 * Math.sqrt(expected * (1 - share));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      emf.close();
    }
  }

  /** The first page (50) of the tickets of the next customer in the drawn sample. */
  @Benchmark
  public List<Ticket> byRequester(Listing s) {
    return s.store.byRequester(s.nextRequester(), 50);
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
