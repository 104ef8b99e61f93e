package dev.helpdesk.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** The desk's health follows its store: up while it answers, down once the database is gone. */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:health-down;DB_CLOSE_DELAY=-1",
      "helpdesk.jobs.enabled=false",
    })
@DirtiesContext
class HealthDownTest {

  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("helpDeskHealthIndicator")
  HealthIndicator health;

  @Test
  void healthGoesDownWhenTheStoreIsUnreachable() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    jdbc.execute("SHUTDOWN");

    var down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsKey("error");
  }
}
