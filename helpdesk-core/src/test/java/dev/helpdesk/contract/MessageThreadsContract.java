package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link MessageThreads} adapter must do: find the ticket a Message-ID was recorded on,
 * keep the first ticket when the same Message-ID is recorded again, also when many threads record
 * it at once, and take Message-IDs as long as a header line allows.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #threads()},
 * which the suite calls once before each test.
 */
public abstract class MessageThreadsContract {

  /** The adapter, fresh (or at least without the Message-IDs of other tests) for this test. */
  protected abstract MessageThreads threads();

  private MessageThreads threads;

  @BeforeEach
  void createAdapter() {
    threads = threads();
  }

  /** A Message-ID no other test uses, so adapters over a shared database need no cleaning. */
  private static String newId() {
    return "<" + UUID.randomUUID() + "@mail.example.com>";
  }

  @Test
  void forgetsEveryMessageIdOfOneTicketAndNoOther() {
    TicketId erased = TicketId.random();
    TicketId other = TicketId.random();
    String first = newId();
    String second = newId();
    String kept = newId();
    threads.remember(first, erased);
    threads.remember(second, erased);
    threads.remember(kept, other);

    assertEquals(2, threads.forget(erased));

    assertEquals(Optional.empty(), threads.ticketOf(first));
    assertEquals(Optional.empty(), threads.ticketOf(second));
    assertEquals(Optional.of(other), threads.ticketOf(kept));
    assertEquals(0, threads.forget(erased), "nothing left to forget");
  }

  @Test
  void findsTheTicketAMessageIdWasRecordedOn() {
    String id = newId();
    TicketId ticket = TicketId.random();
    assertTrue(threads.remember(id, ticket));
    assertEquals(Optional.of(ticket), threads.ticketOf(id));
    assertEquals(Optional.empty(), threads.ticketOf(newId()));
  }

  @Test
  void theFirstTicketWinsAndALaterRecordSaysItChangedNothing() {
    String id = newId();
    TicketId first = TicketId.random();
    assertTrue(threads.remember(id, first));
    assertFalse(threads.remember(id, TicketId.random()));
    assertFalse(threads.remember(id, first));
    assertEquals(Optional.of(first), threads.ticketOf(id));
  }

  @Test
  void messageIdsAreComparedExactly() {
    String id = "<" + UUID.randomUUID() + ".Case@Mail.Example.com>";
    TicketId ticket = TicketId.random();
    threads.remember(id, ticket);
    assertEquals(Optional.empty(), threads.ticketOf(id.toLowerCase(java.util.Locale.ROOT)));
    assertEquals(Optional.empty(), threads.ticketOf(id.substring(1, id.length() - 1)));
    assertEquals(Optional.of(ticket), threads.ticketOf(id));
  }

  @Test
  void keepsMessageIdsAsLongAsAHeaderLineThatDifferOnlyAtTheEnd() {
    String prefix = "<" + UUID.randomUUID() + "x".repeat(MessageThreads.MAX_LENGTH - 60);
    String a = prefix + "a@mail.example.com>";
    String b = prefix + "b@mail.example.com>";
    assertTrue(a.length() <= MessageThreads.MAX_LENGTH && a.length() > 900, "length " + a.length());
    TicketId ta = TicketId.random();
    TicketId tb = TicketId.random();
    assertTrue(threads.remember(a, ta));
    assertTrue(threads.remember(b, tb));
    assertEquals(Optional.of(ta), threads.ticketOf(a));
    assertEquals(Optional.of(tb), threads.ticketOf(b));
  }

  @Test
  void refusesABlankTooLongOrBrokenMessageIdAndAMissingTicket() {
    TicketId t = TicketId.random();
    assertEquals(
        "messageId",
        assertThrows(ValidationException.class, () -> threads.remember(" ", t)).field());
    String tooLong = "<" + "x".repeat(MessageThreads.MAX_LENGTH) + "@a.example>";
    assertEquals(
        "messageId",
        assertThrows(ValidationException.class, () -> threads.remember(tooLong, t)).field());
    assertEquals(
        "messageId",
        assertThrows(ValidationException.class, () -> threads.remember("<a\r\nb@c.example>", t))
            .field());
    assertEquals(
        "ticketId",
        assertThrows(ValidationException.class, () -> threads.remember(newId(), null)).field());
  }

  @Test
  @Timeout(60)
  void whenManyThreadsRecordOneMessageIdExactlyOneWinsAndItsTicketStays() throws Exception {
    int contenders = 6;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      for (int round = 0; round < 10; round++) {
        String id = newId();
        CountDownLatch start = new CountDownLatch(1);
        List<TicketId> tickets = new ArrayList<>();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          TicketId t = TicketId.random();
          tickets.add(t);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return threads.remember(id, t);
                  }));
        }
        start.countDown();
        List<TicketId> winners = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          if (results.get(i).get(30, TimeUnit.SECONDS)) {
            winners.add(tickets.get(i));
          }
        }
        assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
        assertEquals(Optional.of(winners.get(0)), threads.ticketOf(id));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
