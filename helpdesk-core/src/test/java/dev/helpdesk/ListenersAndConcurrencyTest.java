package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ListenersAndConcurrencyTest {

  @Test
  void listenersHearEveryEventInOrderAfterItIsStored() {
    DeskFixture f = new DeskFixture();
    List<String> seen = new ArrayList<>();
    f.desk.addListener(
        e -> {
          // The change is already stored when the listener runs.
          assertTrue(f.tickets.history(e.ticketId()).contains(e));
          seen.add(e.getClass().getSimpleName());
        });
    Ticket t = f.openByAna();
    f.desk.assign(BEA, t.id(), BEA_ID);
    assertEquals(List.of("Created", "MessageAdded", "Assigned", "StatusChanged"), seen);
    assertEquals(f.tickets.history(t.id()), f.events);
  }

  @Test
  void aFailingListenerDoesNotUndoTheChangeNorSilenceOthers() {
    List<TicketEvent> heard = new ArrayList<>();
    DeskFixture f =
        new DeskFixture(
            b ->
                b.listener(
                        e -> {
                          throw new IllegalStateException("listener bug");
                        })
                    .listener(heard::add));
    Ticket t = f.openByAna();
    assertTrue(f.tickets.byId(t.id()).isPresent());
    assertEquals(2, heard.size());
  }

  @Test
  void instantsAreRecordedToTheMicrosecondSoEveryStoreKeepsThemExactly() {
    dev.helpdesk.testing.SettableClock clock =
        dev.helpdesk.testing.SettableClock.at("2026-03-02T09:00:00.123456789Z");
    HelpDesk desk = HelpDesk.builder().clock(clock).build();
    Ticket t = desk.open(ANA, DeskFixture.request("c-ana").build());
    assertEquals(java.time.Instant.parse("2026-03-02T09:00:00.123456Z"), t.createdAt());
    clock.advance(java.time.Duration.ofNanos(2_500));
    assertEquals(java.time.Instant.parse("2026-03-02T09:00:00.123459Z"), desk.clock().instant());
  }

  @Test
  void theHistoryRecordsWhoDidWhatWithBeforeAndAfter() {
    DeskFixture f = new DeskFixture();
    Ticket t = f.openByAna();
    f.clock.advance(java.time.Duration.ofMinutes(5));
    f.desk.assign(BEA, t.id(), BEA_ID);
    List<TicketEvent> history = f.desk.ticket(BEA, t.id()).history();
    TicketEvent.Created created = assertInstanceOf(TicketEvent.Created.class, history.get(0));
    assertEquals(ANA, created.actor());
    assertEquals(t.key(), created.key());
    TicketEvent.Assigned assigned = assertInstanceOf(TicketEvent.Assigned.class, history.get(2));
    assertEquals(BEA, assigned.actor());
    assertEquals(f.clock.instant(), assigned.at());
    assertTrue(assigned.from().isEmpty());
    assertEquals(BEA_ID, assigned.to().orElseThrow());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void concurrentRepliesEachLandOnceOrAreReportedAsConflicts() throws Exception {
    DeskFixture f = new DeskFixture();
    Ticket t = f.openAssigned();
    Ticket pending = f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    int threads = 8;
    int perThread = 50;
    AtomicInteger landed = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int n = i;
      futures.add(
          pool.submit(
              () -> {
                for (int j = 0; j < perThread; j++) {
                  try {
                    f.desk.reply(n % 2 == 0 ? ANA : BEA, t.id(), "message " + n + "/" + j);
                    landed.incrementAndGet();
                  } catch (ConcurrentUpdateException e) {
                    conflicts.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    assertEquals(threads * perThread, landed.get() + conflicts.get());
    List<Message> conversation = f.tickets.conversation(t.id());
    Set<String> bodies = new HashSet<>();
    conversation.forEach(m -> bodies.add(m.body()));
    assertEquals(conversation.size(), bodies.size(), "no message stored twice");
    assertEquals(1 + landed.get(), conversation.size(), "the description plus every landed reply");
    Ticket now = f.tickets.byId(t.id()).orElseThrow();
    assertEquals(pending.version() + landed.get(), now.version(), "one version per stored change");
    assertEquals(Status.OPEN, now.status(), "a customer reply reopened it exactly once");
    long reopened =
        f.tickets.history(t.id()).stream()
            .filter(e -> e instanceof TicketEvent.StatusChanged s && s.from() == Status.PENDING)
            .count();
    assertEquals(1, reopened);
  }
}
