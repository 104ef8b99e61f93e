package dev.helpdesk.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Draining 10,000 queued jobs from PostgreSQL, the desk's outbox against db-scheduler, on the same
 * database in the same run, with the same number of threads per instance and the same connection
 * pool (HikariCP, one pool per instance, one connection per thread and one spare):
 *
 * <ul>
 *   <li>{@code outbox}: 10,000 notifications queued in {@code hd_outbox}; each instance is a desk
 *       on the JPA store whose {@code threads} threads call {@link
 *       HelpDesk#dispatchNotifications()} until nothing is due, delivering to a notifier that does
 *       nothing. The dispatcher's default settings: batches of 100, deliveries acknowledged in
 *       groups of 10.
 *   <li>{@code dbScheduler}: 10,000 one-time tasks due now in {@code scheduled_tasks}; each
 *       instance is a db-scheduler {@link Scheduler} with {@code threads} threads, polling with
 *       lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}, its fastest strategy on
 *       PostgreSQL) every 100 ms, running a task that does nothing.
 * </ul>
 *
 * <p>One invocation is the whole drain, from the start of dispatching until the queue's table holds
 * nothing left to do; queueing the 10,000 rows (and building the desks, creating the schedulers) is
 * setup, outside the measured time. The database is the benchmarks' own (see {@link
 * BenchDatabase}), recreated for each trial; never the tests' database.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class OutboxDispatchBenchmark {

  /** Jobs drained per invocation. */
  public static final int JOBS = 10_000;

  static final String URL = BenchDatabase.URL;
  static final String USER = BenchDatabase.USER;
  static final String PASSWORD = BenchDatabase.PASSWORD;

  private static final String SCHEDULED_TASKS =
      "create table scheduled_tasks (task_name text not null, task_instance text not null,"
          + " task_data bytea, execution_time timestamp with time zone not null,"
          + " picked boolean not null, picked_by text, last_success timestamp with time zone,"
          + " last_failure timestamp with time zone, consecutive_failures int,"
          + " last_heartbeat timestamp with time zone, version bigint not null, priority smallint,"
          + " primary key (task_name, task_instance));\n"
          + "create index execution_time_idx on scheduled_tasks (execution_time);\n"
          + "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);\n"
          + "create index priority_execution_time_idx on scheduled_tasks"
          + " (priority desc, execution_time asc);\n";

  /** The desk's schema (every shipped script) and db-scheduler's table, in a fresh database. */
  static void recreateSchema() throws Exception {
    BenchDatabase.recreate();
    try (Connection c = BenchDatabase.connect();
        Statement s = c.createStatement()) {
      for (String statement : SCHEDULED_TASKS.split(";\\s*\n")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    }
  }

  static HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  static long remaining(DataSource ds, String query) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Parameters both sides share. */
  @State(Scope.Benchmark)
  public static class Shape {

    /** Instances draining the queue together. */
    @Param({"1", "2"})
    public int instances;

    /** Threads per instance. */
    @Param({"4"})
    public int threads;
  }

  /** Desks on the JPA store, one per instance, and 10,000 notifications queued before each run. */
  @State(Scope.Benchmark)
  public static class Desks {
    final List<HikariDataSource> pools = new ArrayList<>();
    final List<EntityManagerFactory> factories = new ArrayList<>();
    final List<HelpDesk> desks = new ArrayList<>();
    JpaHelpDeskStore loader;
    ExecutorService workers;

    @Setup(Level.Trial)
    public void start(Shape shape) throws Exception {
      recreateSchema();
      for (int i = 0; i < shape.instances; i++) {
        HikariDataSource pool = pool("desk-" + i, shape.threads + 1);
        EntityManagerFactory emf =
            Persistence.createEntityManagerFactory(
                JpaHelpDeskStore.PERSISTENCE_UNIT,
                Map.of(
                    "jakarta.persistence.nonJtaDataSource", pool,
                    "hibernate.jdbc.batch_size", "50",
                    "hibernate.order_inserts", "true",
                    "hibernate.jdbc.time_zone", "UTC"));
        JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
        pools.add(pool);
        factories.add(emf);
        desks.add(
            store
                .configure(HelpDesk.builder())
                .notifier(n -> {}) // no-op: the benchmark measures the outbox, not a channel
                // PostgreSQL keeps microseconds.
                .clock(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)))
                .build());
        if (loader == null) {
          loader = store;
        }
      }
      workers = Executors.newFixedThreadPool(shape.instances * shape.threads);
    }

    @Setup(Level.Invocation)
    public void queue() throws Exception {
      try (Connection c = pools.get(0).getConnection();
          Statement s = c.createStatement()) {
        s.execute("truncate hd_outbox");
      }
      Instant now = Instant.now().minusSeconds(1);
      List<Notification> batch = new ArrayList<>(1_000);
      for (int i = 0; i < JOBS; i++) {
        batch.add(
            new Notification(
                NotificationId.random(),
                NotificationKind.AGENT_REPLIED,
                new Recipient("Customer " + i, EmailAddress.of("c" + i + "@example.com")),
                TicketId.random(),
                TicketKey.of("HD", i + 1),
                "Refund for booking B-17",
                Map.of(Notification.BODY, "We have refunded your booking."),
                now));
        if (batch.size() == 1_000) {
          loader.outbox().add(batch);
          batch.clear();
        }
      }
      try (Connection c = pools.get(0).getConnection();
          Statement s = c.createStatement()) {
        s.execute("vacuum analyze hd_outbox");
      }
    }

    @TearDown(Level.Invocation)
    public void check() throws Exception {
      long left =
          remaining(pools.get(0), "select count(*) from hd_outbox where state <> 'DELIVERED'");
      if (left != 0) {
        throw new IllegalStateException(left + " notifications not delivered");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      workers.shutdownNow();
      factories.forEach(EntityManagerFactory::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  /** db-scheduler, one scheduler per instance, and 10,000 one-time tasks due before each run. */
  @State(Scope.Benchmark)
  public static class Schedulers {
    final List<HikariDataSource> pools = new ArrayList<>();
    final List<Scheduler> schedulers = new ArrayList<>();

    /**
     * How db-scheduler polls: {@code fetch} is its default (fetch due executions, lock each as it
     * runs); {@code lockAndFetch} selects and locks a batch in one statement with {@code SKIP
     * LOCKED}, up to four times the thread count per poll.
     */
    @Param({"fetch", "lockAndFetch"})
    public String polling;

    volatile CountDownLatch executed;
    OneTimeTask<Void> noop;
    int instances;
    int threads;

    @Setup(Level.Trial)
    public void start(Shape shape) throws Exception {
      recreateSchema();
      instances = shape.instances;
      threads = shape.threads;
      for (int i = 0; i < shape.instances; i++) {
        pools.add(pool("scheduler-" + i, shape.threads + 1));
      }
      noop = Tasks.oneTime("noop").execute((instance, context) -> executed.countDown());
    }

    @Setup(Level.Invocation)
    public void queue() throws Exception {
      executed = new CountDownLatch(JOBS);
      try (Connection c = pools.get(0).getConnection()) {
        try (Statement s = c.createStatement()) {
          s.execute("truncate scheduled_tasks");
        }
        c.setAutoCommit(false);
        Timestamp due = Timestamp.from(Instant.now().minusSeconds(1));
        try (PreparedStatement insert =
            c.prepareStatement(
                "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                    + " version, priority) values ('noop', ?, ?, false, 1, 0)")) {
          for (int i = 0; i < JOBS; i++) {
            insert.setString(1, "job-" + i);
            insert.setTimestamp(2, due);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("vacuum analyze scheduled_tasks");
        }
      }
      schedulers.clear();
      for (int i = 0; i < instances; i++) {
        SchedulerBuilder builder =
            Scheduler.create(pools.get(i), noop)
                .schedulerName(new SchedulerName.Fixed("bench-" + i))
                .threads(threads)
                .pollingInterval(Duration.ofMillis(100));
        if (polling.equals("lockAndFetch")) {
          builder.pollUsingLockAndFetch(1.0, 4.0);
        }
        schedulers.add(builder.build());
      }
    }

    @TearDown(Level.Invocation)
    public void stopSchedulers() throws Exception {
      schedulers.forEach(Scheduler::stop);
      long left = remaining(pools.get(0), "select count(*) from scheduled_tasks");
      if (left != 0) {
        throw new IllegalStateException(left + " tasks left");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      pools.forEach(HikariDataSource::close);
    }
  }

  /** Every desk's threads dispatch until nothing is due; returns how many were delivered. */
  @Benchmark
  public int outbox(Shape shape, Desks desks) throws Exception {
    List<Future<Integer>> running = new ArrayList<>();
    for (HelpDesk desk : desks.desks) {
      for (int t = 0; t < shape.threads; t++) {
        running.add(
            desks.workers.submit(
                () -> {
                  int delivered = 0;
                  int pass;
                  do {
                    pass = desk.dispatchNotifications();
                    delivered += pass;
                  } while (pass > 0);
                  return delivered;
                }));
      }
    }
    int delivered = 0;
    for (Future<Integer> f : running) {
      delivered += f.get();
    }
    if (delivered != JOBS) {
      throw new IllegalStateException("delivered " + delivered + " of " + JOBS);
    }
    return delivered;
  }

  /** Every scheduler runs until all tasks have executed and their rows are gone. */
  @Benchmark
  public long dbScheduler(Schedulers schedulers) throws Exception {
    schedulers.schedulers.forEach(Scheduler::start);
    if (!schedulers.executed.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("tasks not executed in 5 minutes");
    }
    // A one-time task is done when its row is deleted, as a notification is when it is marked.
    long left = remaining(schedulers.pools.get(0), "select count(*) from scheduled_tasks");
    while (left > 0) {
      Thread.sleep(1);
      left = remaining(schedulers.pools.get(0), "select count(*) from scheduled_tasks");
    }
    return left;
  }
}
