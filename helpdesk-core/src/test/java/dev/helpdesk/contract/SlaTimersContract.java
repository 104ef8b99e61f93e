package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.sla.SlaTimer;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TargetRule;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SlaTimers} adapter must do. Subclass it and return a fresh, empty store from
 * {@link #newStore()}.
 */
public abstract class SlaTimersContract {

  /** An empty store. */
  protected abstract SlaTimers newStore();

  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final TargetRule FIRST_REPLY =
      new TargetRule(
          SlaTarget.FIRST_REPLY, Duration.ofHours(1), Set.of(), WarningLead.percentElapsed(50));

  private SlaTimers store;

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  /** Timers for a ticket whose first reply started at {@code start}: next check at start + 30m. */
  protected static TicketTimers running(TicketId id, long version, Instant start) {
    SlaTimer t = SlaTimer.start(FIRST_REPLY, 1, start, Status.NEW, BusinessCalendar.alwaysOpen());
    Map<SlaTarget, SlaTimer> m = new EnumMap<>(SlaTarget.class);
    m.put(SlaTarget.FIRST_REPLY, t);
    return new TicketTimers(id, version, Optional.of("p"), m);
  }

  /** The same ticket with its first reply met: nothing to check. */
  protected static TicketTimers met(TicketId id, long version, Instant start) {
    TicketTimers r = running(id, version, start);
    Map<SlaTarget, SlaTimer> m = new EnumMap<>(r.timers());
    m.put(SlaTarget.FIRST_REPLY, m.get(SlaTarget.FIRST_REPLY).end(start.plusSeconds(60)));
    return new TicketTimers(id, version, r.policy(), m);
  }

  @Test
  void savedTimersReadBack() {
    TicketId id = TicketId.random();
    TicketTimers t = running(id, 1, T0);
    store.save(t);
    assertEquals(Optional.of(t), store.byTicket(id));
    assertEquals(Optional.empty(), store.byTicket(TicketId.random()));
  }

  @Test
  void aTimerThatSwitchedCalendarsReadsBackWithWhatItCountedBefore() {
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    TargetRule resolution =
        new TargetRule(
            SlaTarget.RESOLUTION,
            Duration.ofHours(8),
            Set.of(Status.PENDING),
            WarningLead.percentElapsed(75));
    // Started Mon 10:00 Berlin, paused at 11:00, moved to a 24/7 calendar at 13:00.
    SlaTimer t =
        SlaTimer.start(resolution, 1, T0, Status.OPEN, office)
            .follow(Status.PENDING, T0.plusSeconds(3_600), office)
            .switchCalendar(T0.plusSeconds(3 * 3_600), office, BusinessCalendar.alwaysOpen());
    assertEquals(Duration.ofHours(3), t.countedBefore());
    TicketId id = TicketId.random();
    TicketTimers timers =
        new TicketTimers(id, 1, Optional.of("p"), Map.of(SlaTarget.RESOLUTION, t));
    store.save(timers);
    assertEquals(Optional.of(timers), store.byTicket(id));
  }

  @Test
  void anOlderVersionDoesNotReplaceANewerOne() {
    TicketId id = TicketId.random();
    TicketTimers newer = met(id, 3, T0);
    store.save(newer);
    store.save(running(id, 2, T0));
    store.save(running(id, 3, T0));
    assertEquals(Optional.of(newer), store.byTicket(id));
  }

  @Test
  void aClaimReturnsOnlyWhatIsDueEarliestFirstUpToTheLimit() {
    TicketId a = TicketId.random();
    TicketId b = TicketId.random();
    TicketId c = TicketId.random();
    store.save(running(a, 1, T0.plusSeconds(120))); // checks at T0 + 32m
    store.save(running(b, 1, T0)); // T0 + 30m
    store.save(running(c, 1, T0.plusSeconds(3600))); // T0 + 90m
    Instant now = T0.plus(Duration.ofMinutes(40));
    assertEquals(List.of(b), store.claimDue(now, 1, now.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now, 10, now.plusSeconds(60)));
  }

  @Test
  void theCheckInstantItselfIsDue() {
    TicketId a = TicketId.random();
    store.save(running(a, 1, T0));
    Instant check = T0.plus(Duration.ofMinutes(30));
    assertEquals(List.of(), store.claimDue(check.minusNanos(1), 10, check.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(check, 10, check.plusSeconds(60)));
  }

  @Test
  void aClaimLapsesAtItsEnd() {
    TicketId a = TicketId.random();
    store.save(running(a, 1, T0));
    Instant now = T0.plus(Duration.ofHours(1));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now.plusSeconds(59), 10, now.plusSeconds(120)));
    assertEquals(List.of(a), store.claimDue(now.plusSeconds(60), 10, now.plusSeconds(120)));
  }

  @Test
  void savingEndsTheClaimAndReindexes() {
    TicketId a = TicketId.random();
    store.save(running(a, 1, T0));
    Instant now = T0.plus(Duration.ofHours(1));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(600)));
    store.save(running(a, 2, T0.plusSeconds(600))); // still due at now, claim ended by the save
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(600)));
    store.save(met(a, 3, T0)); // nothing left to check
    assertEquals(List.of(), store.claimDue(now.plusSeconds(6000), 10, now.plusSeconds(7000)));
  }

  @Test
  void ticketsWithoutRunningTimersAreNeverClaimed() {
    store.save(met(TicketId.random(), 1, T0));
    store.save(TicketTimers.none(TicketId.random()));
    assertEquals(
        List.of(),
        store.claimDue(T0.plus(Duration.ofDays(365)), 10, T0.plus(Duration.ofDays(366))));
  }

  @Test
  void concurrentClaimsNeverReturnTheSameTicketTwice() throws Exception {
    List<TicketId> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      TicketId id = TicketId.random();
      ids.add(id);
      store.save(running(id, 1, T0.plusSeconds(i)));
    }
    Instant now = T0.plus(Duration.ofHours(2));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<TicketId>>> claims = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        claims.add(
            pool.submit(
                () -> {
                  go.await();
                  List<TicketId> mine = new ArrayList<>();
                  List<TicketId> batch;
                  while (!(batch = store.claimDue(now, 7, now.plusSeconds(600))).isEmpty()) {
                    mine.addAll(batch);
                  }
                  return mine;
                }));
      }
      go.countDown();
      List<TicketId> all = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<TicketId>> c : claims) {
        all.addAll(c.get());
      }
      assertEquals(200, all.size());
      assertEquals(new HashSet<>(ids), new HashSet<>(all));
    } finally {
      pool.shutdownNow();
    }
    assertTrue(store.claimDue(now, 10, now.plusSeconds(600)).isEmpty());
  }
}
