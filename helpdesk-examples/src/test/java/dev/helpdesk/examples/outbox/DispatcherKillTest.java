package dev.helpdesk.examples.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dispatcher killed with SIGKILL in the middle of a batch loses no notification and re-sends at
 * most one acknowledgement group. A child JVM ({@link KilledDispatcherMain}) mails 2,000 queued
 * notifications from the JPA outbox on PostgreSQL through the real {@code MailNotifier} to
 * GreenMail on loopback, all in one claimed batch; the test kills it once 600 mails have arrived,
 * waits for the claim's lease to end, lets a second dispatcher finish, and counts the Message-IDs
 * GreenMail received.
 *
 * <p>The database is {@code HELPDESK_PG_URL} ({@code test} by default), in a schema of the test's
 * own ({@code hd_kill}) so that the JPA module's tests' tables are left alone. Unreachable, the
 * test is skipped, except with {@code CI=true}, where it fails.
 */
class DispatcherKillTest {

  private static final int QUEUED = 2_000;
  private static final int KILL_AFTER = 600;
  private static final Duration LEASE = Duration.ofSeconds(6);
  private static final String SCHEMA = "hd_kill";
  private static final String DOMAIN = "desk.example";

  private static final String BASE_URL =
      env("HELPDESK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true");
  private static final String USER = env("HELPDESK_PG_USER", "postgres");
  private static final String PASSWORD = env("HELPDESK_PG_PASSWORD", "");
  private static final String URL =
      BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aDispatcherKilledMidBatchLosesNothingAndResendsAtMostOneGroup() throws Exception {
    requireDatabase();
    Flyway flyway =
        Flyway.configure()
            .dataSource(URL, USER, PASSWORD)
            .schemas(SCHEMA)
            .createSchemas(true)
            .cleanDisabled(false)
            .locations("classpath:db/helpdesk/postgresql")
            .table("helpdesk_schema_history")
            .load();
    flyway.clean();
    flyway.migrate();

    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    EntityManagerFactory emf = KilledDispatcherMain.entityManagerFactory(URL, USER, PASSWORD);
    Path childLog = Files.createTempFile("killed-dispatcher", ".log");
    try {
      int port = smtp.getSmtp().getPort();
      List<Notification> queued = queue(emf);

      Process child = startChild(port, childLog);
      boolean arrived = smtp.waitForIncomingEmail(60_000, KILL_AFTER);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child is gone");
      if (!arrived) {
        fail("the child did not send " + KILL_AFTER + " mails: " + Files.readString(childLog));
      }
      Instant killedAt = Instant.now();
      long deliveredBeforeKill = count("state = 'DELIVERED'");
      long claimed = count("state = 'CLAIMED'");
      int receivedBeforeKill = smtp.getReceivedMessages().length;
      assertTrue(receivedBeforeKill < QUEUED, "killed before the end: " + receivedBeforeKill);
      assertEquals(QUEUED, deliveredBeforeKill + claimed, "the rest is held by the dead claim");
      assertTrue(
          receivedBeforeKill - deliveredBeforeKill <= AckWindow.DEFAULT.maxMessages(),
          "sent but not acknowledged: "
              + (receivedBeforeKill - deliveredBeforeKill)
              + " of "
              + receivedBeforeKill);

      HelpDesk survivor = KilledDispatcherMain.desk(emf, port, 100, LEASE);
      JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
      Instant leaseEnd = leaseEnd();
      // The dead dispatcher claimed the whole queue: nothing is due before its lease ends, and
      // everything is after it.
      while (store.outbox().undelivered() > 0) {
        assertTrue(
            Duration.between(killedAt, Instant.now()).compareTo(LEASE.plusSeconds(20)) < 0,
            "the dead claim was not taken over after its lease");
        if (survivor.dispatchNotifications() > 0) {
          assertTrue(!Instant.now().isBefore(leaseEnd), "taken over before the lease ended");
        } else {
          Thread.sleep(200);
        }
      }

      Map<String, Integer> received = new HashMap<>();
      for (MimeMessage m : smtp.getReceivedMessages()) {
        received.merge(messageId(m), 1, Integer::sum);
      }
      MailThreading threading = new MailThreading(DOMAIN);
      List<Notification> lost = new ArrayList<>();
      for (Notification n : queued) {
        if (!received.containsKey(threading.messageId(n.ticketId().value(), n.id().value()))) {
          lost.add(n);
        }
      }
      assertEquals(List.of(), lost, "lost");
      assertEquals(QUEUED, received.size(), "no mail but the queued ones");
      int resent = received.values().stream().mapToInt(c -> c - 1).sum();
      assertTrue(
          resent <= AckWindow.DEFAULT.maxMessages(), "re-sent " + resent + ", more than a group");
      assertEquals(QUEUED, count("state = 'DELIVERED'"));
      System.out.printf(
          "Killed after %d mails (%d acknowledged); re-sent after the lease: %d%n",
          receivedBeforeKill, deliveredBeforeKill, resent);
    } finally {
      emf.close();
      smtp.stop();
      Files.deleteIfExists(childLog);
    }
  }

  /** Queues {@link #QUEUED} notifications, each about a ticket of its own. */
  private static List<Notification> queue(EntityManagerFactory emf) {
    Instant now = Instant.now();
    List<Notification> all = new ArrayList<>(QUEUED);
    for (int i = 0; i < QUEUED; i++) {
      all.add(
          new Notification(
              NotificationId.random(),
              NotificationKind.AGENT_REPLIED,
              new Recipient("Customer " + i, EmailAddress.of("customer" + i + "@example.com")),
              TicketId.random(),
              TicketKey.of("HD", i + 1),
              "Refund for booking B-" + i,
              Map.of(Notification.BODY, "We have refunded your booking."),
              now));
    }
    JpaHelpDeskStore.standalone(emf, Database.postgreSql()).outbox().add(all);
    return all;
  }

  /** The dispatcher to kill, claiming all the queue in one batch so that the kill is mid-batch. */
  private static Process startChild(int smtpPort, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            KilledDispatcherMain.class.getName(),
            URL,
            USER,
            PASSWORD,
            String.valueOf(smtpPort),
            String.valueOf(QUEUED),
            String.valueOf(LEASE.toMillis()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When the dead dispatcher's claim lapses: a claim sets due_at to its lease's end. */
  private static Instant leaseEnd() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select min(due_at) from hd_outbox where state = 'CLAIMED'")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private static long count(String where) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from hd_outbox where " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void requireDatabase() {
    try (Connection c = DriverManager.getConnection(BASE_URL, USER, PASSWORD)) {
      c.isValid(2);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("PostgreSQL unreachable at " + BASE_URL + ": " + e.getMessage());
      }
      Assumptions.abort("PostgreSQL unreachable at " + BASE_URL + ": " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
