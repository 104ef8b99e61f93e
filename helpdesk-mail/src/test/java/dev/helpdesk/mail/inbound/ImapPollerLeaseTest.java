package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller takes the mailbox's lease from the desk before it reads, gives it up after, fetches in
 * batches, and leaves no duplicate when the mark of a processed mail was lost.
 */
class ImapPollerLeaseTest {

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private MailTestSupport f;
  private GreenMailUser support;
  private ImapSettings imap;
  private MailIntake intake;

  @BeforeEach
  void setUp() {
    support = mail.setUser("support@desk.example", "support", "secret");
    f = new MailTestSupport(mail.getSmtp().getPort());
    intake = new MailIntake(f.desk, IntakeSettings.from(f.settings));
    imap = ImapSettings.of("127.0.0.1", mail.getImap().getPort(), "support", "secret").withoutSsl();
  }

  private void deliver(int n) throws Exception {
    Session session = Session.getInstance(new Properties());
    for (int i = 0; i < n; i++) {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress("cust" + i + "@example.com"));
      m.setRecipients(jakarta.mail.Message.RecipientType.TO, "support@desk.example");
      m.setSubject("Question " + i);
      m.setText("Question number " + i);
      m.setHeader("Message-ID", "<q" + i + "@client.example.org>");
      support.deliver(m);
    }
  }

  @Test
  void whileAnotherPollerHoldsTheLeaseAPollDoesNothingUntilTheLeaseEnds() throws Exception {
    deliver(1);
    ImapPoller poller =
        ImapPoller.builder(imap, intake).owner("b").lease(Duration.ofMinutes(1)).build();
    assertTrue(
        f.desk
            .leases()
            .tryAcquire(poller.leaseName(), "a", f.clock.instant(), Duration.ofMinutes(2)));
    assertEquals(List.of(), poller.pollOnce());
    f.clock.advance(Duration.ofMinutes(1));
    assertEquals(List.of(), poller.pollOnce(), "a's lease still runs");
    // a crashed: its lease ends, b takes over.
    f.clock.advance(Duration.ofMinutes(1));
    List<IntakeResult> results = poller.pollOnce();
    assertEquals(1, results.size());
    assertEquals(Outcome.OPENED, results.get(0).outcome());
    assertEquals(
        Optional.empty(),
        f.desk.leases().holder(poller.leaseName(), f.clock.instant()),
        "given up after the poll");
  }

  @Test
  void aMailProcessedButNotMarkedIsADuplicateForTheNextPoll() throws Exception {
    deliver(3);
    ImapPoller poller = ImapPoller.builder(imap, intake).batchSize(2).build();
    List<IntakeResult> first = poller.pollOnce();
    assertEquals(3, first.size());
    // The poller died after processing and before marking: the marks are gone.
    unmarkAll();
    List<IntakeResult> again = poller.pollOnce();
    assertEquals(3, again.size());
    assertTrue(again.stream().allMatch(r -> r.outcome() == Outcome.DUPLICATE), again.toString());
    assertEquals(
        first.stream().map(IntakeResult::ticketId).collect(Collectors.toSet()),
        again.stream().map(IntakeResult::ticketId).collect(Collectors.toSet()),
        "the same tickets, none opened again");
    assertEquals(List.of(), poller.pollOnce());
  }

  @Test
  void readsInBatchesUpToTheMostPerPoll() throws Exception {
    deliver(130);
    ImapPoller poller = ImapPoller.builder(imap, intake).batchSize(40).build();
    List<IntakeResult> results = new ArrayList<>(poller.pollOnce());
    assertEquals(100, results.size());
    results.addAll(poller.pollOnce());
    assertEquals(130, results.size());
    assertEquals(List.of(), poller.pollOnce());
    assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.OPENED));
    assertEquals(130, results.stream().map(IntakeResult::ticketId).distinct().count());
  }

  @Test
  void refusesBadOptionsNamingTheField() {
    ImapPoller.Builder b = ImapPoller.builder(imap, intake);
    assertEquals(
        "lease", assertThrows(ValidationException.class, () -> b.lease(Duration.ZERO)).field());
    assertEquals("lease", assertThrows(ValidationException.class, () -> b.lease(null)).field());
    assertEquals("owner", assertThrows(ValidationException.class, () -> b.owner(" ")).field());
    assertEquals(
        "owner", assertThrows(ValidationException.class, () -> b.owner("x".repeat(201))).field());
    assertEquals(
        "batchSize", assertThrows(ValidationException.class, () -> b.batchSize(0)).field());
    assertEquals(
        "intake",
        assertThrows(ValidationException.class, () -> ImapPoller.builder(imap, null)).field());
  }

  @Test
  void theDefaultOwnerNamesTheProcessAndDiffersPerPoller() {
    String a = ImapPoller.defaultOwner();
    String b = ImapPoller.defaultOwner();
    assertTrue(a.contains("/" + ProcessHandle.current().pid() + "/"), a);
    assertTrue(!a.equals(b), a + " and " + b);
  }

  private void unmarkAll() throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect("127.0.0.1", mail.getImap().getPort(), "support", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.setFlags(1, inbox.getMessageCount(), new Flags(ImapPoller.PROCESSED), false);
      inbox.close(false);
    } finally {
      store.close();
    }
  }
}
