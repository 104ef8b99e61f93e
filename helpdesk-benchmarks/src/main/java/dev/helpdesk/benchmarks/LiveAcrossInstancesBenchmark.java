package dev.helpdesk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Live updates across desk instances on PostgreSQL, in the benchmarks' own database (see {@link
 * BenchDatabase}), recreated for each trial. Each desk has its own HikariCP pool, as an application
 * instance would.
 *
 * <p>Each operation is one public reply, from the call until a customer's subscriber has received
 * it:
 *
 * <ul>
 *   <li>{@code oneInstance}: written and subscribed on one desk without a relay (the baseline);
 *   <li>{@code acrossInstances}: written on instance A, subscribed on instance B; each has its own
 *       entity manager factory and {@code PostgreSqlChangeRelay}, as two JVMs would;
 *   <li>{@code acrossInstancesAt50PerSecond}: the same, one reply every 20 ms (the pause is setup,
 *       not measured), for B's percentiles at that rate.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
public class LiveAcrossInstancesBenchmark {

  private static final Actor AGENT = Actor.agent("a-bea");
  private static final int TICKETS = 20;

  /** Two instances with relays, and one without; tickets with a customer subscribed. */
  @State(Scope.Benchmark)
  public static class Desks {
    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    HelpDesk single;
    HelpDesk a;
    HelpDesk b;
    final List<TicketId> singleTickets = new ArrayList<>();
    final List<TicketId> sharedTickets = new ArrayList<>();
    final Semaphore heardSingle = new Semaphore(0);
    final Semaphore heardB = new Semaphore(0);
    int next;
    long paceNanos;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      BenchDatabase.recreate();
      single = desk(false);
      a = desk(true);
      b = desk(true);
      single.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea", "bea@desk.example"));
      for (int i = 0; i < TICKETS; i++) {
        String customer = "c-" + i;
        Ticket s = open(single, customer);
        singleTickets.add(s.id());
        single.subscribe(Actor.customer(customer), s.id(), heard(heardSingle));
        Ticket t = open(a, customer);
        sharedTickets.add(t.id());
        b.subscribe(Actor.customer(customer), t.id(), heard(heardB));
      }
    }

    private static dev.helpdesk.live.LiveListener heard(Semaphore heard) {
      return u -> {
        if (u instanceof LiveUpdate.MessagePosted) {
          heard.release();
        }
      };
    }

    private HelpDesk desk(boolean relayed) {
      HikariDataSource pool = OutboxDispatchBenchmark.pool("desk-" + pools.size(), 4);
      pools.add(pool);
      EntityManagerFactory emf =
          Persistence.createEntityManagerFactory(
              JpaHelpDeskStore.PERSISTENCE_UNIT,
              Map.of(
                  "jakarta.persistence.nonJtaDataSource", pool,
                  "hibernate.jdbc.batch_size", "50",
                  "hibernate.order_inserts", "true",
                  "hibernate.jdbc.time_zone", "UTC"));
      factories.add(emf);
      JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
      var builder = store.configure(HelpDesk.builder()).notifier(n -> {});
      if (relayed) {
        // The relay holds one connection of the instance's pool while it runs.
        builder.changeRelay(store.postgreSqlRelay(pool, RelaySettings.DEFAULTS));
      }
      return builder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (HelpDesk d : List.of(single, a, b)) {
        d.close();
      }
      factories.forEach(EntityManagerFactory::close);
      pools.forEach(HikariDataSource::close);
    }

    TicketId nextOf(List<TicketId> tickets) {
      next = (next + 1) % tickets.size();
      return tickets.get(next);
    }
  }

  /** Paces the measured replies at 50 a second; the wait is setup, outside the measurement. */
  @State(Scope.Thread)
  public static class Pace {
    long last;

    @Setup(Level.Invocation)
    public void waitForTheNextSlot() {
      long slot = TimeUnit.MILLISECONDS.toNanos(20);
      long due = last + slot;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      last = System.nanoTime();
    }
  }

  private static Ticket open(HelpDesk desk, String customer) {
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Customer " + customer, customer + "@example.com")
            .subject("Seat missing")
            .build());
  }

  private static void replyAndAwait(HelpDesk writer, TicketId ticket, Semaphore heard)
      throws InterruptedException {
    writer.reply(AGENT, ticket, "Your seat is 42A");
    if (!heard.tryAcquire(5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the reply was not delivered within 5 s");
    }
  }

  @Benchmark
  public void oneInstance(Desks d) throws InterruptedException {
    replyAndAwait(d.single, d.nextOf(d.singleTickets), d.heardSingle);
  }

  @Benchmark
  public void acrossInstances(Desks d) throws InterruptedException {
    replyAndAwait(d.a, d.nextOf(d.sharedTickets), d.heardB);
  }

  @Benchmark
  public void acrossInstancesAt50PerSecond(Desks d, Pace pace) throws InterruptedException {
    replyAndAwait(d.a, d.nextOf(d.sharedTickets), d.heardB);
  }
}
