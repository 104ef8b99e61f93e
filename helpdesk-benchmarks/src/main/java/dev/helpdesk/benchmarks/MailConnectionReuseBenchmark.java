package dev.helpdesk.benchmarks;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1,000 notification mails to an SMTP server on loopback: {@code MailNotifier.deliverAll} over one
 * SMTP connection against {@code deliver} once per mail, each with a connection of its own. Both
 * render the same templates; the difference is the connection (TCP handshake, greeting, EHLO, QUIT)
 * per mail. Each operation is one batch of 1,000 mails, so the score is the time for 1,000 mails.
 *
 * <p>{@code server} picks the server: {@code greenmail} (GreenMail, which stores every mail and
 * whose two-line EHLO reply stalls on Nagle's algorithm and the client's delayed ACK, about 44 ms
 * per connect), {@code sink} ({@link SmtpSink}: answers at once, each reply in one write with
 * TCP_NODELAY, discards the mail, as a real MTA answers), and {@code sink-nagle} (the same sink
 * writing each reply line on its own with Nagle on, as GreenMail does, to show that this alone
 * makes the stall).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class MailConnectionReuseBenchmark {

  private static final int MAILS = 1_000;

  @Param({"greenmail", "sink", "sink-nagle"})
  public String server;

  private GreenMail greenMail;
  private SmtpSink sink;
  private MailNotifier notifier;
  private List<Notification> batch;

  @Setup(Level.Trial)
  public void start() throws IOException {
    int port;
    switch (server) {
      case "greenmail" -> {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        port = greenMail.getSmtp().getPort();
      }
      case "sink" -> {
        sink = SmtpSink.start(SmtpSink.Replies.ONE_WRITE);
        port = sink.port();
      }
      case "sink-nagle" -> {
        sink = SmtpSink.start(SmtpSink.Replies.LINE_BY_LINE);
        port = sink.port();
      }
      default -> throw new IllegalArgumentException("server: greenmail, sink or sink-nagle");
    }
    notifier =
        new MailNotifier(
            MailSettings.builder()
                .smtp("127.0.0.1", port)
                .security(MailSettings.Security.NONE)
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10))
                .from("support@desk.example", "Support")
                .ticketLink("https://support.example/tickets/{key}")
                .agentTicketLink("https://desk.example/console/tickets/{key}")
                .build());
    batch = new ArrayList<>();
    TicketId ticket = TicketId.random();
    for (int i = 0; i < MAILS; i++) {
      batch.add(
          new Notification(
              NotificationId.random(),
              NotificationKind.AGENT_REPLIED,
              new Recipient("Customer " + i, EmailAddress.of("c" + i + "@example.com")),
              ticket,
              new TicketKey("HD-1042"),
              "Seat missing on booking",
              Map.of(Notification.BODY, "Your seat is 42A.", Notification.AUTHOR, "Bea"),
              Instant.parse("2026-03-02T09:00:00Z")));
    }
  }

  /**
   * Checks that the server received every mail of the iteration's one operation, and empties
   * GreenMail's mailboxes so every iteration starts alike.
   */
  @TearDown(Level.Iteration)
  public void checkAndPurge() throws FolderException {
    long received;
    if (greenMail != null) {
      received = greenMail.getReceivedMessages().length;
      greenMail.purgeEmailFromAllMailboxes();
    } else {
      received = sink.takeMessages();
    }
    if (received != MAILS) {
      throw new IllegalStateException(server + " received " + received + " of " + MAILS + " mails");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    if (greenMail != null) {
      greenMail.stop();
    }
    if (sink != null) {
      sink.close();
    }
  }

  /** One connection for the 1,000 mails. */
  @Benchmark
  public int reusedConnection() {
    Map<NotificationId, RuntimeException> failures = notifier.deliverAll(batch);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          failures.size() + " mails failed", failures.values().iterator().next());
    }
    return MAILS;
  }

  /** A connection per mail. */
  @Benchmark
  public int connectionPerMail() {
    for (Notification n : batch) {
      notifier.deliver(n);
    }
    return MAILS;
  }
}
