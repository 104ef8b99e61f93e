package dev.helpdesk.examples.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.mail.inbound.IntakeResult;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances of the application, each with its own desk on one PostgreSQL database, poll one
 * GreenMail mailbox of 500 mails: each mail becomes exactly one ticket, also when one instance (a
 * process of its own) is killed in the middle of a batch while it holds the mailbox's lease. Each
 * test works in a schema of its own, dropped afterwards. The database is {@code HELPDESK_PG_URL}
 * (default the local {@code test}); unreachable, the test is skipped, or fails on CI ({@code
 * CI=true}).
 */
@Timeout(120)
class SeveralInstancesMailTest {

  private static final int MAILS = 500;
  private static final String DEFAULT_URL =
      "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true";

  private final String server = env("HELPDESK_PG_URL", DEFAULT_URL);
  private final String schema = "mailpoll_" + Long.toHexString(System.nanoTime());
  private String url;
  private GreenMail greenMail;

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = DriverManager.getConnection(server, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("PostgreSQL at " + server + " is unreachable on CI", e);
      }
      Assumptions.abort("PostgreSQL at " + server + " is unreachable: " + e.getMessage());
    }
    url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Flyway.configure()
        .dataSource(url, "postgres", "")
        .schemas(schema)
        .locations("classpath:db/helpdesk/postgresql")
        .load()
        .migrate();
    greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP}));
    greenMail.start();
    GreenMailUser support = greenMail.setUser("support@desk.example", "support", "secret");
    // Straight into the mailbox: no SMTP round trip per mail.
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < MAILS; i++) {
      String messageId = "<question-" + i + "@client.example.org>";
      MimeMessage m =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", messageId); // the client's, not one jakarta.mail makes up
            }
          };
      m.setFrom(new InternetAddress("customer" + i + "@example.com"));
      m.setRecipients(jakarta.mail.Message.RecipientType.TO, "support@desk.example");
      m.setSubject("Question " + i);
      m.setText("Question number " + i + ".");
      support.deliver(m);
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (greenMail != null) {
      greenMail.stop();
    }
    if (url != null) {
      try (Connection c = DriverManager.getConnection(server, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private int imapPort() {
    return greenMail.getImap().getPort();
  }

  @Test
  void twoInstancesPollingOneMailboxProcessEachMailOnce() throws Exception {
    try (MailInstance a = new MailInstance(url, imapPort(), "instance-a", Duration.ofSeconds(2));
        MailInstance b = new MailInstance(url, imapPort(), "instance-b", Duration.ofSeconds(2))) {
      ConcurrentLinkedQueue<IntakeResult> results = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> pollers =
          List.of(a, b).stream()
              .map(
                  instance ->
                      new Thread(
                          () -> {
                            try {
                              while (!stop.get()) {
                                results.addAll(instance.poller.pollOnce());
                                Thread.sleep(5);
                              }
                            } catch (Throwable t) {
                              failures.add(t);
                            }
                          }))
              .toList();
      pollers.forEach(Thread::start);
      waitUntil(() -> count("hd_message_thread", "true") >= MAILS, Duration.ofSeconds(60));
      stop.set(true);
      for (Thread t : pollers) {
        t.join(10_000);
      }
      assertTrue(failures.isEmpty(), failures.toString());
      assertEquals(List.of(), a.poller.pollOnce(), "every mail is marked");
      assertEquals(
          MAILS, results.stream().filter(r -> r.outcome() == Outcome.OPENED).count(), "opened");
    }
    assertEachMailIsExactlyOneTicket();
  }

  @Test
  void whenAnInstanceIsKilledMidBatchTheOtherTakesOverOnceItsLeaseEnds() throws Exception {
    long started = System.nanoTime();
    Path log = Path.of("target", "killed-instance-" + schema + ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Starts faster; the instance runs for seconds only.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                MailInstance.class.getName(),
                url,
                Integer.toString(imapPort()),
                "doomed",
                "3000")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String leaseName;
    try (MailInstance survivor =
        new MailInstance(url, imapPort(), "survivor", Duration.ofSeconds(2))) {
      leaseName = survivor.poller.leaseName();
      try {
        waitUntil(
            () -> count("hd_message_thread", "true") >= 75 || !child.isAlive(),
            Duration.ofSeconds(60));
        assertTrue(child.isAlive(), "the instance died by itself; see " + log.toAbsolutePath());
      } finally {
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      }
      long processedByTheDead = count("hd_message_thread", "true");
      long killedAt = System.nanoTime();
      assertTrue(processedByTheDead < MAILS, "killed midway: " + processedByTheDead);
      assertEquals(
          Optional.of("doomed"),
          survivor.desk.leases().holder(leaseName, survivor.desk.clock().instant()),
          "killed while holding the lease");
      assertEquals(List.of(), survivor.poller.pollOnce(), "the dead instance's lease still runs");

      long duplicates = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        List<IntakeResult> results = survivor.poller.pollOnce();
        if (results.isEmpty() && count("hd_message_thread", "true") == MAILS) {
          break;
        }
        duplicates += results.stream().filter(r -> r.outcome() == Outcome.DUPLICATE).count();
        assertTrue(System.nanoTime() < deadline, "the survivor did not finish in time");
        Thread.sleep(20);
      }
      System.out.printf(
          "The killed instance processed %d mails in %d ms from its start; the survivor recognised"
              + " %d processed but unmarked ones and finished %d ms after the kill%n",
          processedByTheDead,
          (killedAt - started) / 1_000_000,
          duplicates,
          (System.nanoTime() - killedAt) / 1_000_000);
    }
    assertEachMailIsExactlyOneTicket();
  }

  private void assertEachMailIsExactlyOneTicket() throws SQLException {
    assertEquals(MAILS, count("hd_ticket", "true"), "tickets");
    assertEquals(MAILS, count("hd_message_thread", "true"), "Message-IDs recorded");
    // Each Message-ID on the ticket its own mail opened: <question-7@...> on "Question 7".
    Set<Integer> seen = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select m.message_id, t.subject from hd_message_thread m"
                    + " join hd_ticket t on t.ticket_id = m.ticket_id")) {
      while (rs.next()) {
        String id = rs.getString(1);
        int n = Integer.parseInt(id.substring("<question-".length(), id.indexOf('@')));
        assertEquals("Question " + n, rs.getString(2), id);
        assertTrue(seen.add(n), "twice: " + id);
      }
    }
    assertEquals(MAILS, seen.size(), "mails on their tickets");
  }

  private long count(String from, String where) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + from + " where " + where)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
