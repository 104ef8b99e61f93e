package dev.helpdesk.spring.app;

import org.springframework.boot.test.context.SpringBootTest;

/** The starter on an in-memory H2 database, as a newcomer tries it first. */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:starter;DB_CLOSE_DELAY=-1",
      "helpdesk.ticket-key-prefix=BK",
      "helpdesk.jobs.dispatch.interval=200ms",
    })
class H2StarterTest extends StarterApplicationContract {}
