package dev.helpdesk.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jpa.live.PollingChangeRelay;
import dev.helpdesk.jpa.live.PostgreSqlChangeRelay;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.RelayedChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * Which change relay {@code helpdesk.live.relay} gives the desk: none in memory, polling on H2 (and
 * MariaDB), LISTEN/NOTIFY on PostgreSQL, an application's own bean before any, and a refusal that
 * names the property when the choice cannot work.
 */
class ChangeRelayChoiceTest {

  private final ApplicationContextRunner memory =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(HelpDeskAutoConfiguration.class))
          .withPropertyValues("helpdesk.jobs.enabled=false");

  private final ApplicationContextRunner database =
      memory.withConfiguration(
          AutoConfigurations.of(
              DataSourceAutoConfiguration.class,
              HibernateJpaAutoConfiguration.class,
              TransactionAutoConfiguration.class));

  private final ApplicationContextRunner h2 =
      database.withPropertyValues(
          "spring.datasource.url=jdbc:h2:mem:relay-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

  private static ChangeRelay relayOf(org.springframework.context.ApplicationContext context) {
    return context
        .getBean(HelpDeskAutoConfiguration.DeskRelay.class)
        .relay()
        .orElseThrow(() -> new AssertionError("the desk has no change relay"));
  }

  @Test
  void inMemoryTheDeskHasNoRelay() {
    memory.run(
        context ->
            assertThat(context.getBean(HelpDeskAutoConfiguration.DeskRelay.class).relay())
                .isEmpty());
  }

  @Test
  void onH2AutoChoosesPollingAtTheConfiguredInterval() {
    h2.withPropertyValues("helpdesk.live.poll-interval=100ms")
        .run(
            context -> {
              assertThat(context).hasSingleBean(HelpDesk.class);
              assertThat(relayOf(context)).isInstanceOf(PollingChangeRelay.class);
              assertThat(relayOf(context).toString()).contains("PT0.1S");
            });
  }

  @Test
  void noneLeavesTheDeskAlone() {
    h2.withPropertyValues("helpdesk.live.relay=none")
        .run(
            context ->
                assertThat(context.getBean(HelpDeskAutoConfiguration.DeskRelay.class).relay())
                    .isEmpty());
  }

  @Test
  void anApplicationsOwnRelayWins() {
    ChangeRelay own =
        new ChangeRelay() {
          @Override
          public void start(Receiver receiver) {}

          @Override
          public void announce(List<RelayedChange> changes) {}

          @Override
          public void close() {}
        };
    h2.withBean(ChangeRelay.class, () -> own)
        .run(context -> assertThat(relayOf(context)).isSameAs(own));
  }

  @Test
  void postgreSqlOnAnotherDatabaseOrWithoutOneStopsStartUpNamingTheProperty() {
    h2.withPropertyValues("helpdesk.live.relay=postgresql")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("helpdesk.live.relay"));
    memory
        .withPropertyValues("helpdesk.live.relay=polling")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.live.relay"));
  }

  @Test
  void aPollIntervalThatIsNotPositiveStopsStartUpNamingTheProperty() {
    h2.withPropertyValues("helpdesk.live.poll-interval=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.live.poll-interval"));
  }

  @Test
  void onPostgreSqlAutoChoosesListenNotify() throws SQLException {
    String server = env("HELPDESK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String base = server.contains("?") ? server.substring(0, server.indexOf('?')) : server;
    String schema = "relay_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(base, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("PostgreSQL at " + base + " is unreachable on CI", e);
      }
      Assumptions.abort("PostgreSQL at " + base + " is unreachable: " + e.getMessage());
    }
    try {
      database
          .withPropertyValues(
              "spring.datasource.url=" + base + "?currentSchema=" + schema,
              "spring.datasource.username=postgres",
              "spring.datasource.password=")
          .run(context -> assertThat(relayOf(context)).isInstanceOf(PostgreSqlChangeRelay.class));
    } finally {
      try (Connection c = DriverManager.getConnection(base, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
