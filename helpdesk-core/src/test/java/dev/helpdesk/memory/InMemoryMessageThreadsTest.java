package dev.helpdesk.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.contract.MessageThreadsContract;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryMessageThreadsTest extends MessageThreadsContract {

  @Override
  protected MessageThreads threads() {
    return new InMemoryMessageThreads();
  }

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    InMemoryMessageThreads threads = new InMemoryMessageThreads(2);
    TicketId t = TicketId.random();
    threads.remember("<1@x.example>", t);
    threads.remember("<2@x.example>", t);
    threads.remember("<3@x.example>", t);
    assertEquals(Optional.empty(), threads.ticketOf("<1@x.example>"));
    assertEquals(Optional.of(t), threads.ticketOf("<3@x.example>"));
  }
}
