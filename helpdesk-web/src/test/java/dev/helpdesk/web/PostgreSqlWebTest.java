package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.TicketId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The API over the desk's JPA store on PostgreSQL, in the application's transactions, in a schema
 * of its own that is dropped afterwards. The server is {@code HELPDESK_PG_URL} (default the local
 * {@code test} database); without it the test is skipped, except on CI ({@code CI=true}), where it
 * fails.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    properties = {"helpdesk.jobs.enabled=false", "helpdesk.ticket-key-prefix=WEB"})
@AutoConfigureMockMvc
@DirtiesContext // the schema is dropped after the class
class PostgreSqlWebTest {

  static final String SERVER =
      System.getenv().getOrDefault("HELPDESK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String SCHEMA = "web_" + Long.toHexString(System.nanoTime());
  static final String API = "/helpdesk/api";

  @Autowired MockMvc mvc;
  @Autowired HelpDesk desk;
  @Autowired JpaHelpDeskStore store;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void createSchema() {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + SCHEMA);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("PostgreSQL at " + SERVER + " is unreachable on CI", e);
      }
      Assumptions.abort("PostgreSQL at " + SERVER + " is unreachable: " + e.getMessage());
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String separator = SERVER.contains("?") ? "&" : "?";
    registry.add("spring.datasource.url", () -> SERVER + separator + "currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @Test
  void aTicketRaisedRepliedToAndWorkedOverHttpLivesInTheApplicationsDatabase() throws Exception {
    assertThat(store).isNotNull();
    desk.saveAgent(Actor.system("test"), Agent.of("agent-1", "Alex Agent", "alex@example.com"));
    MvcResult raised =
        mvc.perform(
                post(API + "/tickets")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"subject\":\"Seat missing\",\"description\":\"No seat shown\","
                            + "\"bookingReference\":\"BK-9\"}")
                    .with(user("ana@example.com"))
                    .with(csrf()))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.ticket.key").value(org.hamcrest.Matchers.startsWith("WEB-")))
            .andExpect(jsonPath("$.firstReplyDue").exists())
            .andReturn();
    String id = JsonPath.read(raised.getResponse().getContentAsString(), "$.ticket.id");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from hd_ticket where ticket_id = ?::uuid", Long.class, id))
        .isOne();

    MockMultipartFile file =
        new MockMultipartFile(
            "files", "ticket.pdf", "application/pdf", new byte[] {37, 80, 68, 70});
    MvcResult replied =
        mvc.perform(
                multipart(API + "/tickets/" + id + "/replies")
                    .file(file)
                    .param("body", "Here is my ticket")
                    .header("If-Match", "\"1\"")
                    .with(user("ana@example.com"))
                    .with(csrf()))
            .andExpect(status().isCreated())
            .andExpect(header().string("ETag", "\"2\""))
            .andReturn();
    String href =
        JsonPath.read(replied.getResponse().getContentAsString(), "$.message.attachments[0].href");
    mvc.perform(get(href).with(user("agent-1").roles("HELPDESK_AGENT")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andExpect(content().bytes(new byte[] {37, 80, 68, 70}));

    // Someone else changes the ticket between the agent's read and write: 412, nothing written.
    String tag =
        mvc.perform(get(API + "/tickets/" + id).with(user("agent-1").roles("HELPDESK_AGENT")))
            .andReturn()
            .getResponse()
            .getHeader("ETag");
    desk.changePriority(Actor.agent("agent-1"), TicketId.parse(id), Priority.HIGH);
    mvc.perform(
            put(API + "/tickets/" + id + "/status")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"PENDING\"}")
                .header("If-Match", tag)
                .with(user("agent-1").roles("HELPDESK_AGENT"))
                .with(csrf()))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.code").value("stale-version"));
    mvc.perform(
            put(API + "/tickets/" + id + "/assignee")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"agentId\":\"agent-1\"}")
                .with(user("agent-1").roles("HELPDESK_AGENT"))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("OPEN"));
    mvc.perform(get(API + "/tickets").with(user("ana@example.com")))
        .andExpect(jsonPath("$[0].assignee").value("agent-1"))
        .andExpect(jsonPath("$[0].priority").value("HIGH"));
    mvc.perform(get(API + "/metrics").with(user("agent-1").roles("HELPDESK_AGENT")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.opened").value(1));
  }
}
