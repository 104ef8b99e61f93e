package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.TicketDetails;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartMainTest {

  @Test
  void theQuickstartWalksOneTicketThroughItsWholeLife() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TicketDetails end = QuickstartMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(Status.CLOSED, end.ticket().status());
    List<String> moves =
        end.history().stream()
            .filter(TicketEvent.StatusChanged.class::isInstance)
            .map(TicketEvent.StatusChanged.class::cast)
            .map(s -> s.from() + "->" + s.to())
            .toList();
    assertEquals(
        List.of("NEW->OPEN", "OPEN->PENDING", "PENDING->OPEN", "OPEN->SOLVED", "SOLVED->CLOSED"),
        moves);
    assertEquals(
        1, end.conversation().stream().filter(m -> m.visibility() == Visibility.INTERNAL).count());
    assertTrue(out.contains("mail to ana@example.com: TICKET_RECEIVED"), out);
    assertTrue(out.contains("The customer sees HD-1000 (CLOSED), 4 messages"), out);
    assertTrue(out.contains("system:close-sweep moved it SOLVED -> CLOSED"), out);
  }
}
