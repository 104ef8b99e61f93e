package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryMailThreadsTest extends MailThreadsContract {

  @Override
  protected MailThreads threads() {
    return new InMemoryMailThreads();
  }

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    InMemoryMailThreads threads = new InMemoryMailThreads(2);
    TicketId t = TicketId.random();
    threads.remember("<1@x.example>", t);
    threads.remember("<2@x.example>", t);
    threads.remember("<3@x.example>", t);
    assertEquals(Optional.empty(), threads.ticketOf("<1@x.example>"));
    assertEquals(Optional.of(t), threads.ticketOf("<3@x.example>"));
  }
}
