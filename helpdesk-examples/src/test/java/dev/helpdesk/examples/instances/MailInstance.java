package dev.helpdesk.examples.instances;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Duration;
import java.util.Map;

/**
 * One instance of the application as far as mail intake goes: its own entity manager factory on the
 * shared database, its own desk, and a poller of the shared mailbox. Also run as a process of its
 * own by {@link #main}, to be killed.
 */
final class MailInstance implements AutoCloseable {

  final EntityManagerFactory factory;
  final HelpDesk desk;
  final ImapPoller poller;

  MailInstance(String jdbcUrl, int imapPort, String owner, Duration lease) {
    factory =
        Persistence.createEntityManagerFactory(
            JpaHelpDeskStore.PERSISTENCE_UNIT,
            Map.of(
                "jakarta.persistence.jdbc.url", jdbcUrl,
                "jakarta.persistence.jdbc.user", "postgres",
                "jakarta.persistence.jdbc.password", "",
                "hibernate.jdbc.time_zone", "UTC",
                "hibernate.connection.pool_size", "8"));
    desk =
        JpaHelpDeskStore.standalone(factory, Database.postgreSql())
            .configure(HelpDesk.builder())
            .build();
    MailSettings mail =
        MailSettings.builder()
            .smtp("127.0.0.1", 2525) // nothing is sent: acknowledgements wait in the outbox
            .security(MailSettings.Security.NONE)
            .from("support@desk.example", "Example Travel Support")
            .messageIdDomain("mail.desk.example")
            .ticketLink("https://support.example/tickets/{key}")
            .agentTicketLink("https://desk.example/console/tickets/{id}")
            .build();
    MailIntake intake = new MailIntake(desk, IntakeSettings.from(mail));
    poller =
        ImapPoller.builder(
                ImapSettings.of("127.0.0.1", imapPort, "support", "secret").withoutSsl(), intake)
            .owner(owner)
            .lease(lease)
            .batchSize(50)
            .build();
  }

  @Override
  public void close() {
    desk.close();
    factory.close();
  }

  /**
   * Polls for ever, as a scheduled job would, until the process is killed. Arguments: the JDBC URL,
   * the IMAP port, the owner name, the lease in milliseconds.
   */
  public static void main(String[] args) throws InterruptedException {
    MailInstance instance =
        new MailInstance(
            args[0],
            Integer.parseInt(args[1]),
            args[2],
            Duration.ofMillis(Long.parseLong(args[3])));
    while (true) {
      instance.poller.pollOnce();
      Thread.sleep(10);
    }
  }
}
