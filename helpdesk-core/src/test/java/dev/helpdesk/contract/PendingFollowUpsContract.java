package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.pending.FollowUpPlan;
import dev.helpdesk.pending.FollowUpStep;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
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
 * What every {@link PendingFollowUps} adapter must do. Subclass it and return a fresh, empty store
 * from {@link #newStore()}.
 */
public abstract class PendingFollowUpsContract {

  /** An empty store. */
  protected abstract PendingFollowUps newStore();

  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private PendingFollowUps store;

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  /**
   * A plan of a ticket that entered PENDING at {@code since}: reminders after 1 and 2 hours, solved
   * after 3; the first reminder is next.
   */
  protected static FollowUpPlan plan(TicketId id, long version, Instant since) {
    Map<FollowUpStep, Instant> schedule = new EnumMap<>(FollowUpStep.class);
    schedule.put(FollowUpStep.FIRST_REMINDER, since.plus(Duration.ofHours(1)));
    schedule.put(FollowUpStep.SECOND_REMINDER, since.plus(Duration.ofHours(2)));
    schedule.put(FollowUpStep.AUTO_SOLVE, since.plus(Duration.ofHours(3)));
    return new FollowUpPlan(id, version, since, schedule, FollowUpStep.FIRST_REMINDER);
  }

  @Test
  void aSavedPlanReadsBackWithItsScheduleAndNextStep() {
    TicketId id = TicketId.random();
    FollowUpPlan p = plan(id, 4, T0.plusNanos(123_000));
    store.save(p);
    assertEquals(Optional.of(p), store.byTicket(id));
    assertEquals(Optional.empty(), store.byTicket(TicketId.random()));
    FollowUpPlan later = p.afterNext(5).orElseThrow();
    store.save(later);
    assertEquals(Optional.of(later), store.byTicket(id));
    assertEquals(FollowUpStep.SECOND_REMINDER, store.byTicket(id).orElseThrow().next());
  }

  @Test
  void aPlanWithoutRemindersReadsBack() {
    TicketId id = TicketId.random();
    FollowUpPlan solveOnly =
        new FollowUpPlan(
            id,
            2,
            T0,
            Map.of(FollowUpStep.AUTO_SOLVE, T0.plusSeconds(60)),
            FollowUpStep.AUTO_SOLVE);
    store.save(solveOnly);
    assertEquals(Optional.of(solveOnly), store.byTicket(id));
  }

  @Test
  void anOlderVersionDoesNotReplaceANewerOne() {
    TicketId id = TicketId.random();
    FollowUpPlan newer = plan(id, 3, T0).afterNext(3).orElseThrow();
    store.save(newer);
    store.save(plan(id, 2, T0));
    store.save(plan(id, 3, T0));
    assertEquals(Optional.of(newer), store.byTicket(id));
  }

  @Test
  void removeDropsAPlanOfThatVersionOrOlderOnly() {
    TicketId id = TicketId.random();
    store.save(plan(id, 5, T0));
    store.remove(id, 4);
    assertTrue(store.byTicket(id).isPresent(), "a plan made by a later change stays");
    store.remove(id, 5);
    assertEquals(Optional.empty(), store.byTicket(id));
    store.remove(id, 6); // nothing to drop: no error
    assertEquals(
        List.of(), store.claimDue(T0.plus(Duration.ofDays(1)), 10, T0.plus(Duration.ofDays(2))));
  }

  @Test
  void aClaimReturnsOnlyWhatIsDueEarliestFirstUpToTheLimit() {
    TicketId a = TicketId.random();
    TicketId b = TicketId.random();
    TicketId c = TicketId.random();
    store.save(plan(a, 1, T0.plusSeconds(120))); // due at T0 + 62m
    store.save(plan(b, 1, T0)); // T0 + 60m
    store.save(plan(c, 1, T0.plusSeconds(3600))); // T0 + 120m
    Instant now = T0.plus(Duration.ofMinutes(70));
    assertEquals(List.of(b), store.claimDue(now, 1, now.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now, 10, now.plusSeconds(60)));
  }

  @Test
  void theDueInstantItselfIsDue() {
    TicketId a = TicketId.random();
    store.save(plan(a, 1, T0));
    Instant due = T0.plus(Duration.ofHours(1));
    assertEquals(List.of(), store.claimDue(due.minusNanos(1_000), 10, due.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(due, 10, due.plusSeconds(60)));
  }

  @Test
  void aClaimLapsesAtItsEnd() {
    TicketId a = TicketId.random();
    store.save(plan(a, 1, T0));
    Instant now = T0.plus(Duration.ofHours(2));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now.plusSeconds(59), 10, now.plusSeconds(120)));
    assertEquals(List.of(a), store.claimDue(now.plusSeconds(60), 10, now.plusSeconds(120)));
  }

  @Test
  void aSaveEndsTheClaimAndIndexesTheNextStep() {
    TicketId a = TicketId.random();
    FollowUpPlan p = plan(a, 1, T0);
    store.save(p);
    Instant now = T0.plus(Duration.ofMinutes(61));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plus(Duration.ofHours(5))));
    store.save(p.afterNext(2).orElseThrow()); // the second reminder: due at T0 + 2h
    assertEquals(List.of(), store.claimDue(now, 10, now.plusSeconds(60)));
    Instant second = T0.plus(Duration.ofHours(2));
    assertEquals(List.of(a), store.claimDue(second, 10, second.plusSeconds(60)));
  }

  @Test
  void aRemovedPlanIsNeverClaimed() {
    TicketId a = TicketId.random();
    store.save(plan(a, 1, T0));
    store.remove(a, 1);
    Instant late = T0.plus(Duration.ofDays(3));
    assertEquals(List.of(), store.claimDue(late, 10, late.plusSeconds(60)));
  }

  @Test
  void concurrentClaimsNeverHandOutATicketTwice() throws Exception {
    List<TicketId> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      TicketId id = TicketId.random();
      ids.add(id);
      store.save(plan(id, 1, T0.plusSeconds(i)));
    }
    Instant now = T0.plus(Duration.ofHours(4));
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<TicketId>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<TicketId> mine = new ArrayList<>();
                  List<TicketId> batch;
                  do {
                    batch = store.claimDue(now, 3, now.plusSeconds(600));
                    mine.addAll(batch);
                  } while (!batch.isEmpty());
                  return mine;
                }));
      }
      start.countDown();
      List<TicketId> all = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<TicketId>> f : results) {
        all.addAll(f.get());
      }
      Set<TicketId> distinct = new HashSet<>(all);
      assertEquals(all.size(), distinct.size(), "a ticket was claimed twice");
      assertEquals(new HashSet<>(ids), distinct);
    } finally {
      pool.shutdownNow();
    }
  }
}
