package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jobs.DeskScheduler;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduled work of docs/operations.md: a mailed query becomes a ticket, acknowledged. */
class ScheduledWorkTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theJobsReadTheMailboxAndSendTheAcknowledgement() throws Exception {
    GreenMail server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    server.start();
    try {
      server.setUser("support@desk.example", "support", "secret");
      MailSettings mail =
          MailSettings.builder()
              .smtp("127.0.0.1", server.getSmtp().getPort())
              .security(MailSettings.Security.NONE)
              .from("support@desk.example", "Example Travel Support")
              .ticketLink("https://travel.example/support/tickets/{id}")
              .agentTicketLink("https://travel.example/console?ticket={id}")
              .build();
      CountDownLatch opened = new CountDownLatch(1);
      HelpDesk desk =
          HelpDesk.builder()
              .notifier(new MailNotifier(mail))
              .listener(
                  e -> {
                    if (e instanceof TicketEvent.Created) {
                      opened.countDown();
                    }
                  })
              .build();
      MailIntake intake = new MailIntake(desk, IntakeSettings.from(mail));
      ImapPoller poller =
          new ImapPoller(
              ImapSettings.of("127.0.0.1", server.getImap().getPort(), "support", "secret")
                  .withoutSsl(),
              intake);
      GreenMailUtil.sendTextEmail(
          "support@desk.example",
          "ana@example.com",
          "Hotel breakfast not included",
          "My booking BK-5120 should include breakfast.",
          server.getSmtp().getServerSetup());

      try (DeskScheduler scheduler = ScheduledWork.start(desk, poller)) {
        List<DeskJob> jobs = scheduler.jobs();
        assertEquals(
            List.of(
                DeskJobs.DISPATCH,
                DeskJobs.QUEUE,
                DeskJobs.CLOSE_SWEEP,
                DeskJobs.PENDING_FOLLOW_UP,
                DeskJobs.MAIL_POLL),
            jobs.stream().map(DeskJob::name).toList());
        assertEquals(Duration.ofSeconds(2), jobs.get(0).interval());
        assertTrue(opened.await(30, TimeUnit.SECONDS), "the mail poll opened a ticket");
        // The acknowledgement goes out on a later dispatch run.
        assertTrue(server.waitForIncomingEmail(30_000, 2), "the acknowledgement was sent");
      }
      assertTrue(
          server.getReceivedMessagesForDomain("example.com").length >= 1,
          "ana@example.com got the acknowledgement");
    } finally {
      server.stop();
    }
  }
}
