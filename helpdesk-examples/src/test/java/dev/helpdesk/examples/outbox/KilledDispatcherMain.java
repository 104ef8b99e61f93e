package dev.helpdesk.examples.outbox;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.outbound.MailNotifier;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The dispatcher that {@link DispatcherKillTest} kills: a desk on the JPA outbox (PostgreSQL)
 * mailing through the real {@link MailNotifier} to an SMTP server on loopback, dispatching until
 * nothing is due. Run in a JVM of its own, so that it can be killed with SIGKILL.
 *
 * <p>Arguments: JDBC url, user, password, SMTP port, dispatch batch size, lease in milliseconds.
 */
public final class KilledDispatcherMain {

  private KilledDispatcherMain() {}

  /** Dispatches everything due, then exits; prints {@code delivered N} at the end. */
  public static void main(String[] args) {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    int smtpPort = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[5]));
    EntityManagerFactory emf = entityManagerFactory(url, user, password);
    try {
      HelpDesk desk = desk(emf, smtpPort, batch, lease);
      int delivered = desk.dispatchNotifications();
      System.out.println("delivered " + delivered);
    } finally {
      emf.close();
    }
  }

  /** A desk on the outbox of {@code emf}'s database, mailing to loopback port {@code smtpPort}. */
  static HelpDesk desk(EntityManagerFactory emf, int smtpPort, int batch, Duration lease) {
    MailSettings mail =
        MailSettings.builder()
            .smtp("127.0.0.1", smtpPort)
            .security(MailSettings.Security.NONE)
            .from("support@desk.example", "Support")
            .ticketLink("https://travel.example/support/tickets/{id}")
            .agentTicketLink("https://travel.example/console?ticket={id}")
            .build();
    return JpaHelpDeskStore.standalone(emf, Database.postgreSql())
        .configure(HelpDesk.builder())
        .notifier(new MailNotifier(mail))
        .dispatchBatch(batch)
        .dispatchLease(lease)
        // PostgreSQL keeps microseconds.
        .clock(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)))
        .build();
  }

  static EntityManagerFactory entityManagerFactory(String url, String user, String password) {
    return Persistence.createEntityManagerFactory(
        JpaHelpDeskStore.PERSISTENCE_UNIT,
        Map.of(
            "jakarta.persistence.jdbc.url", url,
            "jakarta.persistence.jdbc.user", user,
            "jakarta.persistence.jdbc.password", password,
            "hibernate.jdbc.time_zone", "UTC",
            "hibernate.connection.pool_size", "2"));
  }
}
