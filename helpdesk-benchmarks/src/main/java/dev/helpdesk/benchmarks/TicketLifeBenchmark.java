package dev.helpdesk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ticket's whole life on PostgreSQL: a customer opens it and it is assigned at once (least
 * loaded of four agents), the agent replies, the agent solves it. {@code life*} goes through the
 * desk on the JPA store; {@code raw*} writes the same rows with plain JDBC in three transactions
 * (open, reply, solve), each row a copy of what one life through the desk wrote (same columns, same
 * sizes, fresh keys). Both sides use a HikariCP pool of their own with a connection per thread and
 * one spare, in the benchmarks' own database ({@link BenchDatabase}), recreated for each trial.
 * Before measuring, the trial checks, table by table, that a life on either side writes the same
 * number of rows, and stops if not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 8, time = 3)
public class TicketLifeBenchmark {

  /** The tables a life writes. */
  static final List<String> TABLES =
      List.of(
          "hd_customer",
          "hd_ticket",
          "hd_message",
          "hd_ticket_event",
          "hd_outbox",
          "hd_metric_fact");

  private static final int AGENTS = 4;

  /** The desk, the raw writer, and the template rows one desk life wrote. */
  @State(Scope.Benchmark)
  public static class Life {
    HikariDataSource deskPool;
    HikariDataSource rawPool;
    EntityManagerFactory emf;
    HelpDesk desk;
    RawLife raw;
    final AtomicLong customers = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      BenchDatabase.recreate();
      deskPool = OutboxDispatchBenchmark.pool("desk", 5);
      rawPool = OutboxDispatchBenchmark.pool("raw", 5);
      emf =
          Persistence.createEntityManagerFactory(
              JpaHelpDeskStore.PERSISTENCE_UNIT,
              Map.of(
                  "jakarta.persistence.nonJtaDataSource", deskPool,
                  "hibernate.jdbc.batch_size", "50",
                  "hibernate.order_inserts", "true",
                  "hibernate.jdbc.time_zone", "UTC"));
      desk =
          JpaHelpDeskStore.standalone(emf, Database.postgreSql())
              .configure(HelpDesk.builder())
              .notifier(n -> {})
              .assignment(AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build())
              .build();
      for (int i = 0; i < AGENTS; i++) {
        desk.saveAgent(
            Actor.system("admin"), Agent.of("a-" + i, "Agent " + i, "a" + i + "@desk.example"));
      }
      Map<String, Long> before = counts(deskPool);
      Ticket template = live(this);
      Map<String, Long> afterDesk = counts(deskPool);
      raw = RawLife.copying(rawPool, template);
      raw.live();
      Map<String, Long> afterRaw = counts(deskPool);
      for (String table : TABLES) {
        long desk = afterDesk.get(table) - before.get(table);
        long copied = afterRaw.get(table) - afterDesk.get(table);
        if (desk != copied || desk == 0) {
          throw new IllegalStateException(
              table + ": a life through the desk wrote " + desk + " rows, the raw one " + copied);
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      desk.close();
      emf.close();
      deskPool.close();
      rawPool.close();
    }
  }

  /** Opens, replies and solves one ticket through the desk; returns the solved ticket. */
  static Ticket live(Life l) {
    String customer = "c-" + l.customers.incrementAndGet();
    Ticket opened =
        l.desk.open(
            Actor.customer(customer),
            NewTicket.builder()
                .requester(customer, "Customer " + customer, customer + "@example.com")
                .subject("Payment failed twice")
                .description("My card was charged twice for booking B-77120, please refund one.")
                .build());
    Actor agent =
        Actor.agent(
            opened
                .assignee()
                .orElseThrow(() -> new IllegalStateException("opened without an assignee")));
    l.desk.reply(agent, opened.id(), "We have refunded the second charge; it shows in 3 days.");
    return l.desk.changeStatus(agent, opened.id(), Status.SOLVED);
  }

  @Benchmark
  @Threads(1)
  public Ticket life1(Life l) {
    return live(l);
  }

  @Benchmark
  @Threads(1)
  public long raw1(Life l) throws SQLException {
    return l.raw.live();
  }

  @Benchmark
  @Threads(4)
  public Ticket life4(Life l) {
    return live(l);
  }

  @Benchmark
  @Threads(4)
  public long raw4(Life l) throws SQLException {
    return l.raw.live();
  }

  static Map<String, Long> counts(HikariDataSource pool) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
          r.next();
          counts.put(table, r.getLong(1));
        }
      }
    }
    return counts;
  }

  /**
   * The rows of one life, copied from a life the desk stored, written again with plain JDBC: the
   * customer, the ticket, its messages, events, outbox rows and metric facts, each in the
   * transaction of the step that wrote it (by the ticket version the row carries; outbox rows,
   * which carry none, by the order the desk wrote them in), with fresh unique values.
   */
  static final class RawLife {
    private final HikariDataSource pool;
    private final AtomicLong next = new AtomicLong(1_000_000_000L);
    private final Map<String, Row> customer;
    private final List<Step> steps;

    private RawLife(HikariDataSource pool, Map<String, Row> customer, List<Step> steps) {
      this.pool = pool;
      this.customer = customer;
      this.steps = steps;
    }

    /** A row of a table: its columns in order and the values the template life stored. */
    record Row(String table, List<String> columns, List<Object> values) {
      Object value(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
          throw new IllegalStateException(table + " has no column " + column);
        }
        return values.get(i);
      }

      String insert() {
        return "insert into "
            + table
            + " ("
            + String.join(", ", columns)
            + ") values ("
            + String.join(", ", columns.stream().map(c -> "?").toList())
            + ")";
      }
    }

    /** What one step (transaction) writes: the ticket row (inserted or updated) and its rows. */
    record Step(Row ticket, boolean inserts, List<Row> rows) {}

    static RawLife copying(HikariDataSource pool, Ticket template) throws SQLException {
      try (Connection c = pool.getConnection()) {
        UUID id = template.id().value();
        Row ticket = rows(c, "hd_ticket", "ticket_id = ?", id).get(0);
        List<Row> messages = rows(c, "hd_message", "ticket_id = ? order by created_at", id);
        List<Row> events = rows(c, "hd_ticket_event", "ticket_id = ? order by id", id);
        List<Row> outbox = rows(c, "hd_outbox", "ticket_id = ? order by id", id);
        List<Row> facts = rows(c, "hd_metric_fact", "ticket_id = ? order by id", id);
        Row customerRow =
            rows(c, "hd_customer", "customer_id = ?", template.requester().id().value()).get(0);
        // The outbox rows per step: the acknowledgement and the assignment on opening, the reply,
        // the solved notice; asserted by the row counts below and again after the trial's check.
        int[] outboxPerStep = {outbox.size() - 2, 1, 1};
        List<Step> steps = new ArrayList<>();
        int o = 0;
        for (int version = 1; version <= 3; version++) {
          List<Row> rows = new ArrayList<>();
          rows.addAll(withVersion(messages, version));
          rows.addAll(withVersion(events, version));
          rows.addAll(outbox.subList(o, o + outboxPerStep[version - 1]));
          o += outboxPerStep[version - 1];
          rows.addAll(withVersion(facts, version));
          steps.add(new Step(ticket, version == 1, rows));
        }
        if (steps.stream().mapToInt(s -> s.rows().size()).sum()
            != messages.size() + events.size() + outbox.size() + facts.size()) {
          throw new IllegalStateException("a row of the template life belongs to no step");
        }
        return new RawLife(pool, Map.of("hd_customer", customerRow), steps);
      }
    }

    private static List<Row> withVersion(List<Row> rows, long version) {
      return rows.stream()
          .filter(
              r ->
                  ((Number) r.values().get(r.columns().indexOf("ticket_version"))).longValue()
                      == version)
          .toList();
    }

    private static List<Row> rows(Connection c, String table, String where, Object key)
        throws SQLException {
      Set<String> generated = new HashSet<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select column_name from information_schema.columns where table_name = ?"
                  + " and is_generated = 'ALWAYS'")) {
        s.setString(1, table);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            generated.add(r.getString(1));
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("select * from " + table + " where " + where)) {
        s.setObject(1, key);
        try (ResultSet r = s.executeQuery()) {
          ResultSetMetaData meta = r.getMetaData();
          while (r.next()) {
            List<String> columns = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              if (!generated.contains(meta.getColumnName(i))) {
                columns.add(meta.getColumnName(i));
                values.add(r.getObject(i));
              }
            }
            rows.add(new Row(table, columns, values));
          }
        }
      }
      return rows;
    }

    /** One life in three transactions; returns the new ticket's row id. */
    long live() throws SQLException {
      long n = next.incrementAndGet();
      UUID ticketId = UUID.randomUUID();
      Map<String, Object> fresh =
          Map.of(
              "id",
              n,
              "ticket_id",
              ticketId,
              "ticket_key",
              "R-" + n,
              "customer_id",
              "r-" + n,
              "requester_id",
              "r-" + n,
              "version",
              1L);
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        long version = 0;
        for (Step step : steps) {
          version++;
          if (step.inserts()) {
            insert(c, customer.get("hd_customer"), fresh, List.of());
            insert(c, step.ticket(), fresh, List.of());
          } else {
            update(c, step.ticket(), n, version);
          }
          Map<String, List<Row>> byTable = new LinkedHashMap<>();
          for (Row r : step.rows()) {
            byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r);
          }
          for (List<Row> rows : byTable.values()) {
            insert(c, rows.get(0), fresh, rows);
          }
          // Opening counts the ticket among the unsolved (assigned) ones, the reply moves
          // nothing, solving takes it out: what the desk's life moves, as the adapter writes it.
          int move = version == 1 ? 1 : version == steps.size() ? -1 : 0;
          moveCount(c, step.ticket(), move);
          c.commit();
        }
      }
      return n;
    }

    /**
     * Moves the kept count of unsolved tickets of the ticket's priority with an assignee (V18's
     * {@code hd_ticket_count}) by {@code move}, as the adapter does: one upsert when the count
     * changes, in a slot drawn per transaction.
     */
    private void moveCount(Connection c, Row ticket, int move) throws SQLException {
      if (move == 0) {
        return;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into hd_ticket_count (priority, queued, slot, n) values (?, ?, ?, ?)"
                  + " on conflict (priority, queued, slot) do update"
                  + " set n = hd_ticket_count.n + excluded.n")) {
        s.setInt(1, ((Number) ticket.value("priority")).intValue());
        s.setBoolean(2, ticket.value("assignee_id") == null);
        s.setInt(3, (int) Math.floorMod(next.incrementAndGet(), 16L));
        s.setLong(4, move);
        s.executeUpdate();
      }
    }

    /** Inserts {@code rows} (or the one {@code row}) as one batch, with fresh unique values. */
    private void insert(Connection c, Row row, Map<String, Object> fresh, List<Row> rows)
        throws SQLException {
      List<Row> all = rows.isEmpty() ? List.of(row) : rows;
      try (PreparedStatement s = c.prepareStatement(row.insert())) {
        for (Row r : all) {
          for (int i = 0; i < r.columns().size(); i++) {
            String column = r.columns().get(i);
            Object value = r.values().get(i);
            if (column.equals("id") && !r.table().equals("hd_ticket")) {
              value = next.incrementAndGet();
            } else if (column.equals("message_id") || column.equals("notification_id")) {
              value = UUID.randomUUID();
            } else if (fresh.containsKey(column)) {
              value = fresh.get(column);
            }
            s.setObject(i + 1, value);
          }
          s.addBatch();
        }
        s.executeBatch();
      }
    }

    /** Updates every column of the ticket row but its keys, checking and raising the version. */
    private static void update(Connection c, Row ticket, long id, long version)
        throws SQLException {
      List<String> set = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < ticket.columns().size(); i++) {
        String column = ticket.columns().get(i);
        if (!Set.of("id", "ticket_id", "ticket_key", "version").contains(column)) {
          set.add(column + " = ?");
          values.add(ticket.values().get(i));
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "update hd_ticket set "
                  + String.join(", ", set)
                  + ", version = ? where id = ? and version = ?")) {
        int p = 1;
        for (Object v : values) {
          s.setObject(p++, v);
        }
        s.setLong(p++, version);
        s.setLong(p++, id);
        s.setLong(p, version - 1);
        if (s.executeUpdate() != 1) {
          throw new IllegalStateException("the raw ticket row was not at version " + (version - 1));
        }
      }
    }
  }
}
