package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Tickets} store must do with the {@link CapacityGuard}s a change carries: check
 * them against the state the change is applied to, inside the same atomic write, and refuse the
 * whole change with {@link CapacityExceededException} when the agent would hold too many. This is
 * what keeps concurrent assignments, from one desk or from several sharing a database, within each
 * agent's capacity. Subclass it for your adapter.
 */
public abstract class CapacityGuardContract {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final AgentId BEA = AgentId.of("a-bea");
  private static final Actor SYSTEM = Actor.system("contract");
  private static final Set<Status> ACTIVE = Set.of(Status.NEW, Status.OPEN);
  private static final AtomicLong KEYS = new AtomicLong(1000);

  private Tickets tickets;

  /** A new, empty store for each test. */
  protected abstract Tickets newTickets();

  @BeforeEach
  void setUp() {
    tickets = newTickets();
  }

  private static TicketEdit open(Channel channel) {
    NewTicket request =
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Seat missing")
            .channel(channel)
            .build();
    return TicketEdit.open(
        TicketId.random(),
        TicketKey.of("CG", KEYS.incrementAndGet()),
        request,
        Optional.empty(),
        SYSTEM,
        T0,
        StatusTransitions.defaults());
  }

  private static CapacityGuard total(int limit) {
    return new CapacityGuard(BEA, Optional.empty(), ACTIVE, limit);
  }

  private Ticket openAssigned(Channel channel, CapacityGuard... guards) {
    TicketEdit edit = open(channel).assign(BEA);
    for (CapacityGuard g : guards) {
      edit.guard(g);
    }
    tickets.save(edit.done());
    return edit.current();
  }

  private int held() {
    return (int)
        tickets.byAssignee(BEA, 1000).stream().filter(t -> ACTIVE.contains(t.status())).count();
  }

  @Test
  void aChangeWithinTheLimitIsStored() {
    openAssigned(Channel.EMAIL, total(2));
    openAssigned(Channel.EMAIL, total(2));
    assertEquals(2, held());
  }

  @Test
  void aChangeOverTheLimitIsRefusedWholeNamingTheAgent() {
    openAssigned(Channel.EMAIL, total(1));
    TicketEdit second = open(Channel.EMAIL).assign(BEA).guard(total(1));
    Ticket refused = second.current();
    CapacityExceededException e =
        assertThrows(CapacityExceededException.class, () -> tickets.save(second.done()));
    assertEquals(BEA, e.agent());
    assertEquals(Optional.empty(), tickets.byId(refused.id()), "nothing of it was stored");
    assertEquals(List.of(), tickets.history(refused.id()));
    assertEquals(1, held());
  }

  @Test
  void aBatchCountsTheTicketsOfTheChangesBeforeItAndIsRefusedWhole() {
    openAssigned(Channel.EMAIL, total(3));
    TicketEdit second = open(Channel.EMAIL).assign(BEA).guard(total(3));
    TicketEdit third = open(Channel.EMAIL).assign(BEA).guard(total(3));
    TicketEdit fourth = open(Channel.EMAIL).assign(BEA).guard(total(3));

    CapacityExceededException e =
        assertThrows(
            CapacityExceededException.class,
            () -> tickets.saveAll(List.of(second.done(), third.done(), fourth.done())));

    assertEquals(BEA, e.agent());
    for (TicketEdit refused : List.of(second, third, fourth)) {
      assertEquals(Optional.empty(), tickets.byId(refused.current().id()), "nothing was stored");
    }
    assertEquals(1, held());
    tickets.saveAll(List.of(second.done(), third.done()));
    assertEquals(3, held());
  }

  @Test
  void aRefusedUpdateLeavesTheStoredVersion() {
    openAssigned(Channel.EMAIL, total(1));
    TicketEdit waiting = open(Channel.EMAIL);
    tickets.save(waiting.done());
    Ticket stored = tickets.byId(waiting.current().id()).orElseThrow();
    TicketEdit assign =
        TicketEdit.of(stored, SYSTEM, T0, StatusTransitions.defaults()).assign(BEA).guard(total(1));
    assertThrows(CapacityExceededException.class, () -> tickets.save(assign.done()));
    assertEquals(stored, tickets.byId(stored.id()).orElseThrow());
    assertEquals(List.of(stored), tickets.unassigned(10));
  }

  @Test
  void theChangedTicketIsCountedOnceNotTwice() {
    Ticket t = openAssigned(Channel.EMAIL, total(1));
    Ticket stored = tickets.byId(t.id()).orElseThrow();
    TicketEdit again =
        TicketEdit.of(stored, SYSTEM, T0, StatusTransitions.defaults())
            .changeStatus(Status.PENDING)
            .changeStatus(Status.OPEN)
            .guard(total(1));
    tickets.save(again.done());
    assertEquals(1, held());
  }

  @Test
  void onlyTheCountedStatusesCount() {
    Ticket t = openAssigned(Channel.EMAIL, total(1));
    Ticket stored = tickets.byId(t.id()).orElseThrow();
    tickets.save(
        TicketEdit.of(stored, SYSTEM, T0, StatusTransitions.defaults())
            .changeStatus(Status.PENDING)
            .done());
    openAssigned(Channel.EMAIL, total(1));
    CapacityGuard pendingCounts =
        new CapacityGuard(
            BEA, Optional.empty(), Set.of(Status.NEW, Status.OPEN, Status.PENDING), 1);
    assertThrows(
        CapacityExceededException.class,
        () -> tickets.save(open(Channel.EMAIL).assign(BEA).guard(pendingCounts).done()));
  }

  @Test
  void aChannelGuardCountsOnlyItsChannel() {
    CapacityGuard oneChat = new CapacityGuard(BEA, Optional.of(Channel.CHAT), ACTIVE, 1);
    openAssigned(Channel.EMAIL, oneChat);
    openAssigned(Channel.EMAIL, oneChat);
    openAssigned(Channel.CHAT, oneChat);
    assertThrows(
        CapacityExceededException.class,
        () -> tickets.save(open(Channel.CHAT).assign(BEA).guard(oneChat).done()));
    assertEquals(3, held());
  }

  @Test
  void changesWithoutGuardsAreNotLimited() {
    openAssigned(Channel.EMAIL, total(1));
    openAssigned(Channel.EMAIL);
    assertEquals(2, held(), "a supervisor's explicit over-capacity assignment carries no guard");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentGuardedChangesNeverExceedTheLimit() throws Exception {
    int threads = 8;
    int perThread = 25;
    int limit = 37;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                int stored = 0;
                for (int i = 0; i < perThread; i++) {
                  try {
                    tickets.save(open(Channel.EMAIL).assign(BEA).guard(total(limit)).done());
                    stored++;
                  } catch (CapacityExceededException full) {
                    // expected once the agent is full
                  }
                }
                return stored;
              }));
    }
    start.countDown();
    int stored = 0;
    for (Future<Integer> f : futures) {
      stored += f.get(50, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(limit, stored);
    assertEquals(limit, held());
  }
}
