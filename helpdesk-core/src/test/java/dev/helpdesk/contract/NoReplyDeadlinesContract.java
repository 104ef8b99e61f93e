package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NoReplyDeadlines} adapter must do. Subclass it and return a fresh, empty store
 * from {@link #newStore()}.
 */
public abstract class NoReplyDeadlinesContract {

  /** An empty store. */
  protected abstract NoReplyDeadlines newStore();

  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final AgentId BEA = AgentId.of("a-bea");
  private static final AgentId CAL = AgentId.of("a-cal");

  private NoReplyDeadlines store;

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  /** A fresh chain: the ticket's first agent, due at {@code due}. */
  protected static NoReplyDeadline deadline(TicketId id, long version, Instant due) {
    return new NoReplyDeadline(id, version, due, 0, List.of(BEA));
  }

  @Test
  void aSavedDeadlineReadsBackWithItsAttemptsAndAgentsInOrder() {
    TicketId id = TicketId.random();
    NoReplyDeadline first = deadline(id, 2, T0.plusNanos(123_000));
    store.save(first);
    assertEquals(Optional.of(first), store.byTicket(id));
    assertEquals(Optional.empty(), store.byTicket(TicketId.random()));
    NoReplyDeadline second = new NoReplyDeadline(id, 3, T0.plusSeconds(7200), 1, List.of(CAL, BEA));
    store.save(second);
    assertEquals(Optional.of(second), store.byTicket(id));
    assertEquals(List.of(CAL, BEA), store.byTicket(id).orElseThrow().agentsTried());
  }

  @Test
  void aLongChainOfAgentsReadsBack() {
    TicketId id = TicketId.random();
    List<AgentId> agents = new ArrayList<>();
    for (int i = 0; i < NoReplyDeadline.MAX_AGENTS; i++) {
      agents.add(AgentId.of("agent-with-a-rather-long-identifier-number-" + i));
    }
    NoReplyDeadline long_ = new NoReplyDeadline(id, 9, T0, 100, agents);
    store.save(long_);
    assertEquals(Optional.of(long_), store.byTicket(id));
  }

  @Test
  void anOlderVersionDoesNotReplaceANewerOne() {
    TicketId id = TicketId.random();
    NoReplyDeadline newer = new NoReplyDeadline(id, 3, T0.plusSeconds(60), 1, List.of(BEA, CAL));
    store.save(newer);
    store.save(deadline(id, 2, T0));
    store.save(deadline(id, 3, T0));
    assertEquals(Optional.of(newer), store.byTicket(id));
  }

  @Test
  void removeDropsADeadlineOfThatVersionOrOlderOnly() {
    TicketId id = TicketId.random();
    store.save(deadline(id, 5, T0));
    store.remove(id, 4);
    assertTrue(store.byTicket(id).isPresent(), "a deadline set by a later change stays");
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
    store.save(deadline(a, 1, T0.plusSeconds(120)));
    store.save(deadline(b, 1, T0));
    store.save(deadline(c, 1, T0.plusSeconds(3600)));
    Instant now = T0.plus(Duration.ofMinutes(10));
    assertEquals(List.of(b), store.claimDue(now, 1, now.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now, 10, now.plusSeconds(60)));
  }

  @Test
  void theDueInstantItselfIsDue() {
    TicketId a = TicketId.random();
    store.save(deadline(a, 1, T0));
    assertEquals(List.of(), store.claimDue(T0.minusNanos(1_000), 10, T0.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(T0, 10, T0.plusSeconds(60)));
  }

  @Test
  void aClaimLapsesAtItsEnd() {
    TicketId a = TicketId.random();
    store.save(deadline(a, 1, T0));
    Instant now = T0.plus(Duration.ofHours(2));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(), store.claimDue(now.plusSeconds(59), 10, now.plusSeconds(120)));
    assertEquals(List.of(a), store.claimDue(now.plusSeconds(60), 10, now.plusSeconds(120)));
  }

  @Test
  void aSaveEndsTheClaimAndIndexesTheNewDueTime() {
    TicketId a = TicketId.random();
    store.save(deadline(a, 1, T0));
    Instant now = T0.plus(Duration.ofMinutes(1));
    assertEquals(List.of(a), store.claimDue(now, 10, now.plus(Duration.ofHours(5))));
    Instant later = T0.plus(Duration.ofHours(2));
    store.save(new NoReplyDeadline(a, 2, later, 1, List.of(BEA, CAL)));
    assertEquals(List.of(), store.claimDue(now, 10, now.plusSeconds(60)));
    assertEquals(List.of(a), store.claimDue(later, 10, later.plusSeconds(60)));
  }

  @Test
  void aRemovedDeadlineIsNeverClaimed() {
    TicketId a = TicketId.random();
    store.save(deadline(a, 1, T0));
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
      store.save(deadline(id, 1, T0.plusSeconds(i)));
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
