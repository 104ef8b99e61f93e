package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link MailThreads} adapter must do; subclass it per adapter. */
public abstract class MailThreadsContract {

  /** A fresh, empty adapter. */
  protected abstract MailThreads threads();

  @Test
  void remembersWhereAMessageIdLanded() {
    MailThreads threads = threads();
    TicketId t = TicketId.random();
    threads.remember("<a@example.com>", t);
    assertEquals(Optional.of(t), threads.ticketOf("<a@example.com>"));
    assertEquals(Optional.empty(), threads.ticketOf("<b@example.com>"));
  }

  @Test
  void theLatestTicketWins() {
    MailThreads threads = threads();
    TicketId later = TicketId.random();
    threads.remember("<a@example.com>", TicketId.random());
    threads.remember("<a@example.com>", later);
    assertEquals(Optional.of(later), threads.ticketOf("<a@example.com>"));
  }

  @Test
  void refusesBlankIds() {
    assertThrows(ValidationException.class, () -> threads().remember(" ", TicketId.random()));
  }
}
