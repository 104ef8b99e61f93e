package dev.helpdesk.benchmarks;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One monitor tick that finds 100 due tickets among 10,000 or 1,000,000 open ones with running
 * timers. The tick claims the due tickets from the timer index and records a warning and a breach
 * on each through the desk (one stored change per ticket), so its cost should follow the 100, not
 * the open tickets.
 *
 * <p>Before each tick (not measured) the 100 hot tickets are re-armed: an agent reply ends their
 * breached next-reply cycle, a customer message starts the next one (10 minutes, warning at 50%),
 * and the clock moves 10 minutes. Every 50 ticks the hot tickets are solved and 100 new ones take
 * their place, so their histories stay short. The background tickets are LOW priority under a
 * policy whose resolution target is a year away. 24/7 calendar; no escalations.
 *
 * <p>Each iteration is one tick, timed alone ({@link Mode#SingleShotTime}), after a setup that
 * re-arms the hot tickets and then forces a full collection. Re-arming through the desk (200
 * replies, each storing a changed ticket, events and notifications) allocates far more than the
 * tick itself; timed per invocation in the other modes, the young collection that garbage causes
 * lands in whichever tick happens to run next, and at 1,000,000 tickets that collection has a large
 * old generation to scan for references, so the figure measured the setup's garbage and the heap
 * size rather than the tick. Re-arming through the timers port alone would allocate less but would
 * skip the ticket changes a real reply makes, and the tick reads those tickets. After the forced
 * collection the tick starts with an empty young generation and its own allocations (a few
 * megabytes) do not fill it, so no collection is timed. Single shots report a distribution: read
 * the median and the spread between percentiles (JSON output, {@code -rf json}), not the mean. Many
 * warm-up shots let the JIT compile the tick's path before anything is kept.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 40)
@Measurement(iterations = 60)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class SlaMonitorBenchmark {

  private static final int DUE = 100;
  private static final int ROTATE_EVERY = 50;
  private static final Actor AGENT = Actor.agent("a-1");

  /** Open tickets with running timers besides the 100 due ones. */
  @Param({"10000", "1000000"})
  public int openTickets;

  private SettableClock clock;
  private HelpDesk desk;
  private SlaMonitor monitor;
  private final List<TicketId> hot = new ArrayList<>();
  private final Map<TicketId, Integer> hotCustomers = new HashMap<>();
  private long ticks;
  private int customers;

  @Setup(Level.Trial)
  public void setUp() {
    clock = SettableClock.at("2026-03-02T09:00:00Z");
    SlaSettings sla =
        SlaSettings.builder(BusinessCalendar.alwaysOpen())
            .policy(
                SlaPolicy.named("hot")
                    .priorities(Priority.URGENT)
                    .nextReply(Duration.ofMinutes(10))
                    .warning(WarningLead.percentElapsed(50))
                    .build())
            .policy(
                SlaPolicy.named("background")
                    .priorities(Priority.LOW)
                    .resolution(Duration.ofDays(365))
                    .build())
            .onWarning()
            .onBreach()
            .monitorBatch(DUE)
            .build();
    desk = HelpDesk.builder().clock(clock).notifier(n -> {}).sla(sla).build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-1", "Agent One", "a1@desk.example"));
    monitor = desk.slaMonitor().orElseThrow();
    for (int i = 0; i < openTickets; i++) {
      desk.open(customer(i % 1_000), ticket(i % 1_000, Priority.LOW));
    }
    desk.dispatchNotifications();
    newHotTickets();
  }

  @Setup(Level.Iteration)
  public void rearm() {
    if (ticks > 0 && ticks % ROTATE_EVERY == 0) {
      for (TicketId id : hot) {
        desk.changeStatus(AGENT, id, Status.SOLVED);
      }
      hot.clear();
      hotCustomers.clear();
      newHotTickets();
    }
    for (TicketId id : hot) {
      desk.reply(AGENT, id, "Agent reply " + ticks);
      desk.reply(customer(hotCustomers.get(id)), id, "Customer message " + ticks);
    }
    clock.advance(Duration.ofMinutes(10));
    ticks++;
    // Not measured: the garbage of the re-arming above goes now, not during the tick (see above).
    System.gc();
  }

  @Benchmark
  public int tick() {
    int handled = monitor.tick();
    if (handled != DUE) {
      throw new IllegalStateException("expected " + DUE + " due tickets, handled " + handled);
    }
    return handled;
  }

  private void newHotTickets() {
    for (int i = 0; i < DUE; i++) {
      int c = 1_000_000 + customers++;
      Ticket t = desk.open(customer(c), ticket(c, Priority.URGENT));
      desk.assign(AGENT, t.id(), AgentId.of("a-1"));
      hot.add(t.id());
      hotCustomers.put(t.id(), c);
    }
  }

  private static Actor customer(int i) {
    return Actor.customer("c-" + i);
  }

  private static NewTicket ticket(int customer, Priority priority) {
    return NewTicket.builder()
        .requester("c-" + customer, "Customer " + customer, "c" + customer + "@example.com")
        .subject("Where is my seat?")
        .priority(priority)
        .build();
  }
}
