package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.ticket.NewTicket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A notifier that keeps failing: the operator sees the first failure at WARN, and the dead letter
 * keeps the root cause, not only the adapter's wrapper around it.
 */
class DeadLetterCauseTest {

  /** What an adapter typically throws: its own words around the real reason. */
  private static RuntimeException failure() {
    return new IllegalStateException(
        "could not send", new ConnectException("Connection refused: smtp.example:25"));
  }

  private final DeskFixture f =
      new DeskFixture(
          b ->
              b.notifier(
                      n -> {
                        throw failure();
                      })
                  .retryPolicy(
                      new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMinutes(1), 0.0)));

  @Test
  void theDeadLetterKeepsTheRootCauseAndTheFirstFailureIsLoggedAtWarn() {
    f.desk.open(
        ANA,
        NewTicket.builder()
            .requester("c-ana", "Ana", "ana@example.com")
            .subject("Seat missing")
            .build());

    String firstPass = stderrOf(f.desk::dispatchNotifications);
    assertTrue(firstPass.contains("WARN"), firstPass);
    assertTrue(firstPass.contains("Connection refused: smtp.example:25"), firstPass);

    f.clock.advance(Duration.ofMinutes(1));
    f.desk.dispatchNotifications();
    List<OutboxEntry> dead = f.desk.deadLetters(10);
    assertEquals(1, dead.size());
    String error = dead.get(0).lastError().orElseThrow();
    assertTrue(error.contains("could not send"), error);
    assertTrue(error.contains("ConnectException: Connection refused: smtp.example:25"), error);
  }

  /** What the desk's logger (slf4j-simple in tests, writing to System.err) printed meanwhile. */
  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
