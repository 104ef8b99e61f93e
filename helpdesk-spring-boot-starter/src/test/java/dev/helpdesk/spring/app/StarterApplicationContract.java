package dev.helpdesk.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a booking application gets from the starter with a DataSource and a few properties, on a
 * real database: the desk on the application's database and transactions, its own migrations beside
 * the application's, after-commit events, running jobs, health and meters.
 */
abstract class StarterApplicationContract {

  @Autowired HelpDesk desk;
  @Autowired BookingService bookings;
  @Autowired BookingApplication application;
  @Autowired JdbcTemplate jdbc;
  @Autowired JpaHelpDeskStore store;
  @Autowired MeterRegistry meters;
  @Autowired tools.jackson.databind.json.JsonMapper applicationJson;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("helpDeskHealthIndicator")
  HealthIndicator health;

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static dev.helpdesk.ticket.Ticket openFor(HelpDesk desk) {
    return desk.open(
        Actor.customer("c-ddl"),
        dev.helpdesk.ticket.NewTicket.builder()
            .requester("c-ddl", "Ana", "ana@example.com")
            .subject("Seat missing")
            .description("No seat on the confirmation")
            .build());
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  @Test
  void theDeskRunsOnTheApplicationsDatabaseOnHibernateSeven() {
    assertThat(org.hibernate.Version.getVersionString()).startsWith("7.2.");
    assertThat(store).isNotNull();
    // The desk's scripts keep their own history; the application's Flyway keeps its own.
    assertThat(count("select count(*) from \"helpdesk_schema_history\" where \"success\" = true"))
        .isPositive();
    assertThat(count("select count(*) from \"flyway_schema_history\" where \"success\" = true"))
        .isPositive();
  }

  @Test
  void theApplicationsJacksonThreeLivesBesideTheDesksJson() {
    Ticket ticket = bookings.bookAndReport(unique("BK"), unique("c"));
    // The desk stored the ticket's events as JSON with its own Jackson 2 mapper...
    assertThat(
            count("select count(*) from hd_ticket_event where ticket_id = ?", ticket.id().value()))
        .isPositive();
    // ...and the application's Jackson 3 mapper, configured by Spring Boot, is untouched.
    assertThat(applicationJson.writeValueAsString(java.util.Map.of("key", ticket.key().value())))
        .isEqualTo("{\"key\":\"" + ticket.key().value() + "\"}");
  }

  @Test
  void aDeskChangeCommitsWithTheApplicationAndIsPublishedAfterCommit() {
    String reference = unique("BK");
    Ticket ticket = bookings.bookAndReport(reference, unique("c"));

    assertThat(count("select count(*) from booking where reference = ?", reference)).isOne();
    assertThat(count("select count(*) from hd_ticket where ticket_key = ?", ticket.key().value()))
        .isOne();
    assertThat(application.heard)
        .filteredOn(h -> h.event().ticketId().equals(ticket.id()))
        .first()
        .satisfies(h -> assertThat(h.event()).isInstanceOf(TicketEvent.Created.class));
    assertThat(ticket.key().value()).startsWith("BK-");
  }

  @Test
  void aRolledBackApplicationTransactionLeavesNoTicketNoOutboxRowAndNoEvent() {
    String reference = unique("BK");
    String customer = unique("c");
    long ticketsBefore = count("select count(*) from hd_ticket");
    long outboxBefore = count("select count(*) from hd_outbox");
    int heardBefore = application.heard.size();

    assertThatThrownBy(() -> bookings.bookReportAndFail(reference, customer))
        .hasMessageContaining("payment provider refused");

    assertThat(count("select count(*) from booking where reference = ?", reference)).isZero();
    assertThat(count("select count(*) from hd_ticket")).isEqualTo(ticketsBefore);
    assertThat(count("select count(*) from hd_outbox")).isEqualTo(outboxBefore);
    assertThat(application.heard.subList(heardBefore, application.heard.size()))
        .noneMatch(
            h ->
                h.event() instanceof TicketEvent.Created c
                    && c.requester().id().value().equals(customer));
  }

  @Test
  void theDispatchJobDeliversWhatTheDeskQueued() throws InterruptedException {
    Ticket ticket = bookings.bookAndReport(unique("BK"), unique("c"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (application.delivered.stream().noneMatch(n -> n.ticketId().equals(ticket.id()))
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(application.delivered).anyMatch(n -> n.ticketId().equals(ticket.id()));
  }

  @Test
  void healthIsUpWithTheOutboxInItsDetails() {
    var result = health.health();
    assertThat(result.getStatus()).isEqualTo(Status.UP);
    assertThat(result.getDetails()).containsKeys("outboxBacklog", "deadLetters");
  }

  @Test
  void theMetersMove() {
    double openedBefore = opened();
    Ticket ticket = bookings.bookAndReport(unique("BK"), unique("c"));
    assertThat(opened()).isEqualTo(openedBefore + 1);

    double solvedBefore = solved();
    desk.saveAgent(
        Actor.system("admin"), dev.helpdesk.agent.Agent.of("a-9", "Bea", "bea@desk.example"));
    desk.assign(Actor.agent("a-9"), ticket.id(), dev.helpdesk.agent.AgentId.of("a-9"));
    desk.changeStatus(Actor.agent("a-9"), ticket.id(), dev.helpdesk.ticket.Status.SOLVED);
    assertThat(solved()).isEqualTo(solvedBefore + 1);
    assertThat(meters.find("helpdesk.assignment.time").timer()).isNotNull();
    assertThat(meters.find("helpdesk.notifications.backlog").gauge()).isNotNull();
  }

  private double opened() {
    var counter =
        meters
            .find("helpdesk.tickets.opened")
            .tag("channel", Channel.WEB.name().toLowerCase(java.util.Locale.ROOT))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double solved() {
    var counter = meters.find("helpdesk.tickets.solved").counter();
    return counter == null ? 0 : counter.count();
  }
}
