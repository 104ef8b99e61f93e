package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The desk on H2 through {@code helpdesk-jpa}: Flyway applies the schema scripts shipped in the
 * jar, one desk opens and answers a ticket, and a second desk built over a fresh {@link
 * EntityManagerFactory} on the same database (as after a restart, or on a second instance) reads it
 * back and delivers the notifications the first one left in the outbox.
 */
public final class JpaH2Main {

  private JpaH2Main() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example on a fresh in-memory database, printing to {@code out}. */
  public static TicketDetails run(PrintStream out) {
    String url = "jdbc:h2:mem:jpa-main-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    return run(url, out);
  }

  /** Runs the example on the H2 database at {@code url}, printing to {@code out}. */
  static TicketDetails run(String url, PrintStream out) {
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/helpdesk/h2") // or db/helpdesk/postgresql, db/helpdesk/mariadb
        .table("helpdesk_schema_history") // leaves the application's own history table alone
        .baselineOnMigrate(true) // a schema with the application's tables in it already:
        .baselineVersion("0") // start below V1, so that every desk script runs
        .load()
        .migrate();
    out.printf("1. Flyway applied the desk's schema; %d desk tables%n", count(url, deskTables()));

    Ticket ticket;
    EntityManagerFactory first = entityManagerFactory(url);
    try {
      HelpDesk desk = deskOver(first, out);
      desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea Agent", "bea@desk.example"));
      ticket =
          desk.open(
              Actor.customer("c-42"),
              NewTicket.builder()
                  .requester("c-42", "Ana Traveller", "ana@example.com")
                  .subject("Bike space on the night train")
                  .description("Can I add a bike to booking BK-7781?")
                  .bookingReference("BK-7781")
                  .build());
      desk.assign(Actor.agent("a-7"), ticket.id(), AgentId.of("a-7"));
      desk.reply(Actor.agent("a-7"), ticket.id(), "Yes: I added a bike space to your booking.");
      out.printf(
          "2. The first desk opened %s, assigned and answered it; nothing delivered yet%n",
          ticket.key());
    } finally {
      first.close(); // the application stops
    }
    out.printf(
        "   rows in the database: %d ticket(s), %d message(s), %d notification(s) waiting%n",
        count(url, "select count(*) from hd_ticket"),
        count(url, "select count(*) from hd_message"),
        count(url, "select count(*) from hd_outbox where state = 'PENDING'"));

    EntityManagerFactory second = entityManagerFactory(url);
    try {
      HelpDesk desk = deskOver(second, out);
      out.println("3. A second desk over the same database reads it back");
      TicketDetails read = desk.ticket(Actor.customer("c-42"), ticket.key());
      for (Message m : read.conversation()) {
        out.printf("   %s: %s%n", m.author().describe(), m.body());
      }
      out.printf("4. and delivers what the first desk left in the outbox:%n");
      int delivered = desk.dispatchNotifications();
      out.printf("   -> %d delivered%n", delivered);
      return desk.ticket(Actor.agent("a-7"), ticket.id());
    } finally {
      second.close();
    }
  }

  /** A standalone JPA desk on the factory's database, mailing by printing. */
  private static HelpDesk deskOver(EntityManagerFactory emf, PrintStream out) {
    JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.h2());
    HelpDesk desk =
        store
            .configure(HelpDesk.builder()) // tickets, outbox, keys, agents, customers, files, SLA
            .notifier(n -> out.printf("   mail to %s: %s%n", n.recipient().email(), n.kind()))
            // The example runs straight through: no coalescing window to wait for.
            .notifications(NotificationPolicy.defaults().coalescingWindow(Duration.ZERO))
            .build();
    return desk;
  }

  /** Hibernate over the desk's own persistence unit, checking the mapping against the schema. */
  static EntityManagerFactory entityManagerFactory(String url) {
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory(
            JpaHelpDeskStore.PERSISTENCE_UNIT, // "helpdesk", shipped in the jar
            Map.of(
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "",
                "hibernate.jdbc.time_zone", "UTC", // instants stay UTC
                "hibernate.jdbc.batch_size", "50",
                "hibernate.order_inserts", "true",
                "hibernate.hbm2ddl.auto", "validate")); // check, never create: Flyway owns it
    return emf;
  }

  private static String deskTables() {
    return "select count(*) from information_schema.tables"
        + " where table_schema = 'PUBLIC' and lower(table_name) like 'hd\\_%' escape '\\'";
  }

  static long count(String url, String query) {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count with " + query, e);
    }
  }
}
