package dev.helpdesk.benchmarks;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.metrics.MetricsReport;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
 * {@code HelpDesk.metrics} over the JPA adapter on PostgreSQL (in the benchmarks' own database, see
 * {@link BenchDatabase}, recreated for each trial), with {@code tickets} tickets in the table,
 * opened at {@value #PER_DAY} a day, each with the facts of a first reply, a solve, two met SLA
 * cycles and, for every third, a rating; {@value #UNSOLVED} of them are still unsolved. A report
 * over one day reads the same number of facts whatever the table holds; over every day, all of
 * them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MetricsBenchmark {

  static final int PER_DAY = 100;
  static final int UNSOLVED = 500;
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Actor LEAD = Actor.system("report");

  @State(Scope.Benchmark)
  public static class Desk {
    @Param({"10000", "100000"})
    int tickets;

    EntityManagerFactory emf;
    HelpDesk desk;
    Instant lastDay;
    Instant end;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      JpaPostgreSqlBenchmark.recreateSchema();
      fill(tickets);
      emf = JpaPostgreSqlBenchmark.factory();
      JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
      // The rows were written around the library: its kept queue counts are recounted from them.
      store.metrics().recount();
      desk = store.configure(HelpDesk.builder()).build();
      end = opened(tickets).plus(Duration.ofDays(1));
      lastDay = end.minus(Duration.ofDays(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      emf.close();
    }
  }

  static Instant opened(int i) {
    return T0.plus(Duration.ofDays(i / PER_DAY)).plusSeconds((long) (i % PER_DAY) * 300);
  }

  /**
   * Inserts the tickets and their facts with plain JDBC batches, as the adapter would leave them.
   */
  static void fill(int tickets) throws Exception {
    try (Connection c = JpaPostgreSqlBenchmark.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ticket =
              c.prepareStatement(
                  "insert into hd_ticket (id, version, ticket_id, ticket_key, subject, description,"
                      + " requester_id, requester_name, requester_email, channel, priority,"
                      + " tags_json, custom_fields_json, status, unsolved, assignee_id, created_at,"
                      + " updated_at) values (nextval('hd_ticket_seq'), 3, ?, ?, 'Refund',"
                      + " 'Refund', ?, 'Customer', 'c@example.com', 'WEB', ?, '[]', '{}', ?, ?, ?,"
                      + " ?, ?)");
          PreparedStatement fact =
              c.prepareStatement(
                  "insert into hd_metric_fact (id, ticket_id, ticket_version, position, kind,"
                      + " occurred_at, duration_micros, agent_id, group_id, sla_target, outcome)"
                      + " values (nextval('hd_metric_fact_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < tickets; i++) {
          UUID id = UUID.randomUUID();
          Instant at = opened(i);
          boolean unsolved = i >= tickets - UNSOLVED;
          String agent = "a-" + (i % 20);
          ticket.setObject(1, id);
          ticket.setString(2, "HD-" + (1000 + i));
          ticket.setString(3, "c-" + (i % 5000));
          ticket.setInt(4, 1 + i % 4);
          ticket.setString(5, unsolved ? "OPEN" : "CLOSED");
          ticket.setBoolean(6, unsolved);
          ticket.setString(7, i % 7 == 0 ? null : agent);
          ticket.setTimestamp(8, Timestamp.from(at));
          ticket.setTimestamp(9, Timestamp.from(at));
          ticket.addBatch();
          int pos = 0;
          pos = fact(fact, id, 1, pos, "OPENED", at, null, null, null, null);
          if (!unsolved) {
            Instant reply = at.plusSeconds(600 + i % 3600);
            Instant solve = reply.plusSeconds(1800);
            pos = fact(fact, id, 2, pos, "FIRST_REPLY", reply, agent, null, "x", null);
            pos = fact(fact, id, 2, pos, "SLA_ENDED", reply, null, "FIRST_REPLY", null, "MET");
            pos = fact(fact, id, 3, 0, "FIRST_SOLVE", solve, null, null, "y", null);
            fact(fact, id, 3, 1, "SLA_ENDED", solve, null, "RESOLUTION", null, "MET");
            if (i % 3 == 0) {
              String rating = i % 9 == 0 ? "BAD" : "GOOD";
              fact(fact, id, 4, 0, "RATED", solve.plusSeconds(60), agent, null, null, rating);
            }
          }
          if (i % 1000 == 999) {
            ticket.executeBatch();
            fact.executeBatch();
          }
        }
        ticket.executeBatch();
        fact.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("analyze hd_ticket");
        s.execute("analyze hd_metric_fact");
      }
      c.commit();
    }
  }

  /** Adds one fact row; {@code duration} "x"/"y" stand for a first reply's or solve's duration. */
  private static int fact(
      PreparedStatement fact,
      UUID ticket,
      int version,
      int position,
      String kind,
      Instant at,
      String agent,
      String target,
      String duration,
      String outcome)
      throws Exception {
    fact.setObject(1, ticket);
    fact.setLong(2, version);
    fact.setInt(3, position);
    fact.setString(4, kind);
    fact.setTimestamp(5, Timestamp.from(at));
    if (duration == null) {
      fact.setNull(6, java.sql.Types.BIGINT);
    } else {
      fact.setLong(6, duration.equals("x") ? 900_000_000L : 2_700_000_000L);
    }
    fact.setString(7, agent);
    fact.setString(8, agent == null ? null : "rail");
    fact.setString(9, target);
    fact.setString(10, outcome);
    fact.addBatch();
    return position + 1;
  }

  @Benchmark
  public MetricsReport reportOfOneDay(Desk s) {
    return s.desk.metrics(
        LEAD, s.lastDay.minus(Duration.ofDays(5)), s.end.minus(Duration.ofDays(5)));
  }

  @Benchmark
  public MetricsReport reportOfEveryDay(Desk s) {
    return s.desk.metrics(LEAD, T0, s.end);
  }
}
