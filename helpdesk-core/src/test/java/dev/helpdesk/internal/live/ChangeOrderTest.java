package dev.helpdesk.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stored changes are released in version order per ticket, whatever order their savers return. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChangeOrderTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private final List<Long> released = new CopyOnWriteArrayList<>();
  private final ChangeOrder order = new ChangeOrder(c -> released.add(c.after().version()));
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Versions 1 to n of one ticket, each a priority change of the one before. */
  private static List<TicketChange> versions(int n) {
    TicketEdit open =
        TicketEdit.open(
            TicketId.random(),
            TicketKey.of("HD", 1),
            NewTicket.builder().requester("c-1", "Ana", "ana@example.com").subject("Seat").build(),
            Optional.empty(),
            Actor.customer("c-1"),
            T0,
            StatusTransitions.defaults());
    List<TicketChange> changes = new ArrayList<>();
    TicketChange c = open.done();
    changes.add(c);
    for (int v = 2; v <= n; v++) {
      Ticket t = c.after();
      c =
          TicketEdit.of(t, Actor.agent("a-1"), T0, StatusTransitions.defaults())
              .changePriority(v % 2 == 0 ? Priority.HIGH : Priority.LOW)
              .done();
      changes.add(c);
    }
    return changes;
  }

  @Test
  void aLaterVersionWaitsForAnOlderOneStillBeingSaved() throws Exception {
    List<TicketChange> v = versions(3);
    order.write(v.get(0), c -> {});
    CountDownLatch saving = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<?> slow =
        threads.submit(
            () ->
                order.write(
                    v.get(1),
                    c -> {
                      saving.countDown();
                      await(finish);
                    }));
    assertTrue(saving.await(10, TimeUnit.SECONDS));
    order.write(v.get(2), c -> {}); // stored, returns at once
    assertEquals(List.of(1L), released, "version 3 waits for version 2");
    finish.countDown();
    slow.get(10, TimeUnit.SECONDS);
    assertEquals(List.of(1L, 2L, 3L), released);
    assertEquals(0, order.linesHeld(), "nothing kept once released");
  }

  @Test
  void aFailedSaveHoldsNothingUpAndReleasesNothing() throws Exception {
    List<TicketChange> v = versions(3);
    CountDownLatch saving = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    Future<?> losing =
        threads.submit(
            () ->
                order.write(
                    v.get(1),
                    c -> {
                      saving.countDown();
                      await(fail);
                      throw new ConcurrentUpdateException("ticket", c.after().key().value(), 1);
                    }));
    assertTrue(saving.await(10, TimeUnit.SECONDS));
    order.write(v.get(2), c -> {});
    assertEquals(List.of(), released);
    fail.countDown();
    ExecutionException e = assertThrows(ExecutionException.class, () -> losing.get());
    assertTrue(e.getCause() instanceof ConcurrentUpdateException);
    assertEquals(List.of(3L), released);
    assertEquals(0, order.linesHeld());
  }

  @Test
  void versionsStoredElsewhereAreReleasedAsTheyCome() {
    List<TicketChange> v = versions(4);
    // Versions 2 and 3 were written by another instance: they never pass through here.
    order.write(v.get(0), c -> {});
    order.write(v.get(3), c -> {});
    assertEquals(List.of(1L, 4L), released);
  }

  @Test
  void aWriteFromWithinAReleaseIsReleasedAfterIt() {
    List<TicketChange> v = versions(2);
    List<Long> seen = new CopyOnWriteArrayList<>();
    ChangeOrder[] self = new ChangeOrder[1];
    self[0] =
        new ChangeOrder(
            c -> {
              seen.add(c.after().version());
              if (c.after().version() == 1) {
                self[0].write(v.get(1), x -> {}); // a same-thread listener that writes back
              }
            });
    self[0].write(v.get(0), c -> {});
    assertEquals(List.of(1L, 2L), seen);
    assertEquals(0, self[0].linesHeld());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
