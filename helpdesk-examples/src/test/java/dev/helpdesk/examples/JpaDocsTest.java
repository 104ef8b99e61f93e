package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.ticket.NewTicket;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The code of docs/jpa.md and docs/embedding.md, run on H2 where it can be. */
class JpaDocsTest {

  private final String url = "jdbc:h2:mem:jpa-docs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private EntityManagerFactory emf;

  @BeforeEach
  void schema() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      // The application's own table, made before the desk's: the desk's Flyway baselines.
      s.execute("create table booking (reference varchar(32) primary key, status varchar(16))");
      s.execute("insert into booking values ('BK-7781', 'CONFIRMED')");
    }
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/helpdesk/h2")
        .table("helpdesk_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    emf = JpaH2Main.entityManagerFactory(url);
  }

  @AfterEach
  void close() {
    emf.close();
  }

  @Test
  void aTicketOpenedInTheApplicationsTransactionCommitsOrRollsBackWithIt() {
    NewTicket refundRequest =
        NewTicket.builder()
            .requester("c-42", "Ana Traveller", "ana@example.com")
            .subject("Refund for my cancelled trip")
            .bookingReference("BK-7781")
            .build();
    EntityManager em = emf.createEntityManager(); // Spring: the shared, transaction-bound one
    JpaHelpDeskStore store = JpaHelpDeskStore.joined(() -> em, emf, Database.h2());
    HelpDesk desk = store.configure(HelpDesk.builder()).build();

    em.getTransaction().begin();
    em.createNativeQuery("update booking set status = 'CANCELLED' where reference = 'BK-7781'")
        .executeUpdate(); // the application's own change
    desk.open(Actor.customer("c-42"), refundRequest); // written in the same transaction
    em.getTransaction().rollback(); // or commit(): both changes or neither
    assertEquals(0L, JpaH2Main.count(url, "select count(*) from hd_ticket"));
    assertEquals(0L, JpaH2Main.count(url, "select count(*) from hd_outbox"));
    assertEquals(
        1L, JpaH2Main.count(url, "select count(*) from booking where status = 'CONFIRMED'"));

    em.getTransaction().begin();
    em.createNativeQuery("update booking set status = 'CANCELLED' where reference = 'BK-7781'")
        .executeUpdate();
    desk.open(Actor.customer("c-42"), refundRequest);
    em.getTransaction().commit();
    em.close();
    assertEquals(1L, JpaH2Main.count(url, "select count(*) from hd_ticket"));
    assertEquals(1L, JpaH2Main.count(url, "select count(*) from hd_outbox"));
    assertEquals(
        1L, JpaH2Main.count(url, "select count(*) from booking where status = 'CANCELLED'"));
  }

  /** Compiled, not run: the production settings of docs/jpa.md, for PostgreSQL. */
  static HelpDesk postgreSql(String secret) {
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory(
            JpaHelpDeskStore.PERSISTENCE_UNIT,
            Map.of(
                "jakarta.persistence.jdbc.url",
                "jdbc:postgresql://db/app?reWriteBatchedInserts=true",
                "jakarta.persistence.jdbc.user",
                "app",
                "jakarta.persistence.jdbc.password",
                secret,
                // Hibernate: batch inserts, keep instants in UTC, check the schema at start
                "hibernate.jdbc.batch_size",
                "50",
                "hibernate.order_inserts",
                "true",
                "hibernate.jdbc.time_zone",
                "UTC",
                "hibernate.hbm2ddl.auto",
                "validate"));
    JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.postgreSql());
    HelpDesk desk = store.configure(HelpDesk.builder()).build();
    return desk;
  }
}
