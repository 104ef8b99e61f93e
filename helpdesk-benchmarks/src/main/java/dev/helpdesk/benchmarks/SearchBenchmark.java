package dev.helpdesk.benchmarks;

import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Status;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Search on PostgreSQL through the JPA adapter, with {@code tickets} rows (10k or 1M) loaded by one
 * {@code INSERT ... SELECT FROM generate_series} in the benchmarks' own database ({@link
 * BenchDatabase}), counted before measuring.
 *
 * <ul>
 *   <li>{@code rareWord}: the word {@code refund}, which 200 tickets hold at either size, all OPEN;
 *       status filter OPEN, first page of 25, last changed first. {@code rareWordSql} is the same
 *       query written by hand over the same table and index, selecting the same columns as the
 *       library (the ticket's and its SLA state), read with plain JDBC.
 *   <li>{@code commonWord} and {@code commonWordSql}: the word {@code train}, which one ticket in
 *       seven holds (one in seventy is OPEN), the same way.
 *   <li>{@code queuePage1} and {@code queuePage40}: the unassigned queue (one ticket in ten, most
 *       urgent first), its first page of 25 and its 40th, read after the 39th's cursor (keyset).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {

  private static final int PAGE = 25;

  /** The instant every search runs at; none of these queries filters by SLA state. */
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * The statement the library sends for {@code rareWord} and {@code commonWord}, written by hand:
   * the same columns, the same full-text condition, the same order, and one row more than the page
   * (what tells a paged listing that another page follows).
   */
  private static final String HAND_WRITTEN =
      "select version, ticket_id, ticket_key, subject, description, requester_id,"
          + " requester_name, requester_email, requester_organisation, channel, priority,"
          + " tags_json, custom_fields_json, status, assignee_id, group_id, follow_up_of,"
          + " created_at, updated_at, solved_at, sla_due_at, sla_breached, ccs_json"
          + " from hd_ticket where search_public_tsv @@ plainto_tsquery('simple', ?)"
          + " and status = 'OPEN' order by updated_at desc, ticket_key collate \"C\" desc"
          + " limit "
          + (PAGE + 1);

  /** The loaded desk and what each benchmark reads. */
  @State(Scope.Benchmark)
  public static class Desk {
    @Param({"10000", "1000000"})
    public int tickets;

    EntityManagerFactory emf;
    Tickets store;
    Connection raw;
    PreparedStatement handWritten;
    TicketSearch rare;
    TicketSearch common;
    TicketSearch queue;
    TicketSearch queuePage40;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      if (loaded(tickets)) {
        BenchDatabase.migrate();
      } else {
        load(tickets);
      }
      emf = JpaPostgreSqlBenchmark.factory();
      store = JpaHelpDeskStore.standalone(emf, Database.postgreSql()).tickets();
      rare = search(TicketQuery.builder().text("refund").status(Status.OPEN).pageSize(PAGE));
      common = search(TicketQuery.builder().text("train").status(Status.OPEN).pageSize(PAGE));
      TicketQuery q =
          TicketQuery.builder()
              .unassigned()
              .unsolved()
              .sort(TicketSort.MOST_URGENT)
              .pageSize(PAGE)
              .build();
      queue = new TicketSearch(q, true, PAGE + 1, NOW);
      TicketQuery page = q;
      for (int i = 1; i < 40; i++) {
        List<SearchHit> found = store.search(new TicketSearch(page, true, PAGE, NOW));
        page = q.after(q.cursorAfter(found.get(found.size() - 1)));
      }
      queuePage40 = new TicketSearch(page, true, PAGE + 1, NOW);
      if (store.search(rare).size() < PAGE || store.search(queuePage40).size() < PAGE) {
        throw new IllegalStateException("the queries do not find full pages");
      }
      raw = BenchDatabase.connect();
      handWritten = raw.prepareStatement(HAND_WRITTEN);
    }

    /**
     * Whether the database holds this desk already: {@code tickets} rows, 200 with 'refund'. Each
     * benchmark method is a trial of its own; run one size at a time ({@code -p tickets=...}) and
     * the later trials reuse what the first loaded.
     */
    private static boolean loaded(int tickets) {
      try (Connection c = BenchDatabase.connect();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "select count(*), count(*) filter (where search_public like '% refund %')"
                      + " from hd_ticket")) {
        r.next();
        return r.getLong(1) == tickets && r.getLong(2) == 200;
      } catch (SQLException e) {
        return false;
      }
    }

    /** Recreates the database and fills it in one statement, then checks what it holds. */
    private static void load(int tickets) throws Exception {
      BenchDatabase.recreate();
      try (Connection c = BenchDatabase.connect();
          Statement s = c.createStatement()) {
        // g % 10 = 0: OPEN and unassigned, else CLOSED with an agent. Words: w0..w996 spread
        // evenly, 'train' in one in seven, 'refund' in exactly 200 (every tickets/200-th, all
        // OPEN).
        s.execute(
            "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                + " requester_id, requester_name, requester_email, channel, priority, tags_json,"
                + " custom_fields_json, status, unsolved, assignee_id, created_at, updated_at,"
                + " search_public, search_all)"
                + " select g, 1, gen_random_uuid(), 'HD-' || g, 'Subject ' || g, 'Text',"
                + " 'cust-' || (g % 50000), 'Name', 'x@example.com', 'WEB', 1 + g % 4, '[]', '{}',"
                + " case when g % 10 = 0 then 'OPEN' else 'CLOSED' end, g % 10 = 0,"
                + " case when g % 10 = 0 then null else 'agent-' || (g % 200) end,"
                + " timestamptz '2024-01-01' + g * interval '1 minute',"
                + " timestamptz '2024-01-01' + g * interval '1 minute' + (g % 600) * interval '1s',"
                + " w.words, w.words"
                + " from generate_series(1, "
                + tickets
                + ") g cross join lateral (select ' subject w' || (g % 997)"
                + " || case when g % 7 = 0 then ' train' else '' end"
                + " || case when g % ("
                + tickets / 200
                + ") = 0 then ' refund' else '' end || ' ' as words) w");
        s.execute("analyze hd_ticket");
      }
      if (!loaded(tickets)) {
        throw new IllegalStateException("the tickets were not loaded as planned");
      }
    }

    private static TicketSearch search(TicketQuery.Builder query) {
      return new TicketSearch(query.build(), true, PAGE + 1, NOW);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      handWritten.close();
      raw.close();
      emf.close();
    }
  }

  @Benchmark
  public List<SearchHit> rareWord(Desk d) {
    return d.store.search(d.rare);
  }

  @Benchmark
  public List<String> rareWordSql(Desk d) throws Exception {
    return handWritten(d, "refund");
  }

  @Benchmark
  public List<SearchHit> commonWord(Desk d) {
    return d.store.search(d.common);
  }

  @Benchmark
  public List<String> commonWordSql(Desk d) throws Exception {
    return handWritten(d, "train");
  }

  @Benchmark
  public List<SearchHit> queuePage1(Desk d) {
    return d.store.search(d.queue);
  }

  @Benchmark
  public List<SearchHit> queuePage40(Desk d) {
    return d.store.search(d.queuePage40);
  }

  /** Runs the hand-written query and reads every column of every row, as a mapper would. */
  private static List<String> handWritten(Desk d, String word) throws Exception {
    d.handWritten.setString(1, word);
    List<String> keys = new ArrayList<>();
    try (ResultSet r = d.handWritten.executeQuery()) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        for (int i = 1; i <= columns; i++) {
          r.getObject(i);
        }
        keys.add(r.getString("ticket_key"));
      }
    }
    return keys;
  }
}
