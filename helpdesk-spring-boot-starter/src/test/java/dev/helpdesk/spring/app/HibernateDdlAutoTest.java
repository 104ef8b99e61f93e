package dev.helpdesk.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An application that lets Hibernate create its own tables (Spring Boot's default on an embedded
 * database without migrations) keeps the desk's tables as the desk's scripts made them.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ddl-auto;DB_CLOSE_DELAY=-1",
      "spring.flyway.enabled=false",
      "spring.jpa.hibernate.ddl-auto=create-drop",
      "helpdesk.jobs.enabled=false",
    })
class HibernateDdlAutoTest {

  @Autowired HelpDesk desk;
  @Autowired JdbcTemplate jdbc;

  @Test
  void hibernateLeavesTheDesksTablesToItsScripts() {
    Long constraints =
        jdbc.queryForObject(
            "select count(*) from information_schema.table_constraints"
                + " where lower(constraint_name) = 'hd_ticket_status_ck'",
            Long.class);
    assertThat(constraints).isOne();
    assertThat(StarterApplicationContract.openFor(desk).key().value()).isNotBlank();
  }
}
