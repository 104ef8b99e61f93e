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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1,000 notification mails to GreenMail on loopback: {@code MailNotifier.deliverAll} over one SMTP
 * connection against {@code deliver} once per mail, each with a connection of its own. Both render
 * the same templates; the difference is the connection (TCP handshake, greeting, EHLO, QUIT) per
 * mail. Each operation is one batch of 1,000 mails, so the score is the time for 1,000 mails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class MailConnectionReuseBenchmark {

  private static final int MAILS = 1_000;

  private GreenMail smtp;
  private MailNotifier notifier;
  private List<Notification> batch;

  @Setup(Level.Trial)
  public void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    notifier =
        new MailNotifier(
            MailSettings.builder()
                .smtp("127.0.0.1", smtp.getSmtp().getPort())
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

  /** Empties the mailboxes so every iteration starts alike. */
  @TearDown(Level.Iteration)
  public void purge() throws FolderException {
    smtp.purgeEmailFromAllMailboxes();
  }

  @TearDown(Level.Trial)
  public void stop() {
    smtp.stop();
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
