package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
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
import dev.helpdesk.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every endpoint of the API over MockMvc on the in-memory desk, with its access rules: anonymous,
 * customer A on customer B's ticket, agents, CSRF, If-Match, rate limits and problems.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
      "helpdesk.web.ticket-creation.limit=3",
      "helpdesk.web.ticket-creation.period=10m",
    })
@AutoConfigureMockMvc
class WebApiTest {

  static final String API = "/helpdesk/api";

  @Autowired MockMvc mvc;
  @Autowired HelpDesk desk;
  @Autowired SettableClock clock;

  // Each test uses customers of its own, so rate limits and listings do not interfere.
  final String ana = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  final String ben = "ben-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

  static RequestPostProcessor customer(String email) {
    return user(email).roles("USER");
  }

  static RequestPostProcessor agent() {
    return user("agent-1").roles("HELPDESK_AGENT");
  }

  @BeforeEach
  void agents() {
    desk.saveAgent(Actor.system("test"), Agent.of("agent-1", "Alex Agent", "alex@example.com"));
  }

  String raise(String email, String subject) throws Exception {
    MvcResult r =
        mvc.perform(
                json(post(API + "/tickets"), raiseBody(subject, "BK-4711"))
                    .with(customer(email))
                    .with(csrf()))
            .andExpect(status().isCreated())
            .andReturn();
    return JsonPath.read(r.getResponse().getContentAsString(), "$.ticket.id");
  }

  static String raiseBody(String subject, String booking) {
    return "{\"subject\":\""
        + subject
        + "\",\"description\":\"The confirmation shows no seat\",\"bookingReference\":\""
        + booking
        + "\",\"context\":{\"flight\":\"LH 123\"},\"locale\":\"de\"}";
  }

  static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  String etag(String id, RequestPostProcessor who) throws Exception {
    return mvc.perform(get(API + "/tickets/" + id).with(who))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getHeader("ETag");
  }

  // ------------------------------------------------------------------ identity and security

  @Test
  void anonymousCallersGetAProblemNotAPage() throws Exception {
    mvc.perform(get(API + "/tickets"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("unauthenticated"));
    mvc.perform(get("/helpdesk/openapi.json")).andExpect(status().isUnauthorized());
  }

  @Test
  void theHostsOwnChainStillRulesTheRestOfTheApplication() throws Exception {
    mvc.perform(get("/public/hello")).andExpect(status().isOk());
    mvc.perform(get("/private/hello"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists("WWW-Authenticate"));
  }

  @Test
  void meTellsCustomersAndAgentsApart() throws Exception {
    mvc.perform(get(API + "/me").with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("customer"))
        .andExpect(jsonPath("$.id").value(ana));
    mvc.perform(get(API + "/me").with(agent()))
        .andExpect(jsonPath("$.kind").value("agent"))
        .andExpect(jsonPath("$.id").value("agent-1"));
  }

  @Test
  void aChangeWithoutOrWithAForgedCsrfTokenIsRefused() throws Exception {
    mvc.perform(json(post(API + "/tickets"), raiseBody("Seat", "BK-1")).with(customer(ana)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("csrf"));
    mvc.perform(
            json(post(API + "/tickets"), raiseBody("Seat", "BK-1"))
                .with(customer(ana))
                .with(csrf().useInvalidToken()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("csrf"));
    mvc.perform(get(API + "/tickets").with(customer(ana))).andExpect(status().isOk());
  }

  @Test
  void aCustomerWithoutAnAddressCannotRaiseATicket() throws Exception {
    mvc.perform(
            json(post(API + "/tickets"), raiseBody("Seat", "BK-1"))
                .with(user("plainname").roles("USER"))
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("validation"))
        .andExpect(jsonPath("$.field").value("requester"));
  }

  @Test
  void anAgentTheDeskDoesNotKnowIsRefused() throws Exception {
    mvc.perform(get(API + "/queue/unassigned").with(user("stranger").roles("HELPDESK_AGENT")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("access-denied"));
  }

  // ------------------------------------------------------------------ raising and reading

  @Test
  void raisingAQueryAcknowledgesWithKeyPromiseAndSuggestedAnswers() throws Exception {
    // Within business hours, the four hours of the first-reply SLA run at once.
    String promised = clock.instant().plus(Duration.ofHours(4)).toString();
    mvc.perform(
            json(post(API + "/tickets"), raiseBody("Seats missing on my booking", "BK-4711"))
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isCreated())
        .andExpect(header().string("ETag", "\"1\""))
        .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(API + "/tickets/")))
        .andExpect(jsonPath("$.ticket.key").value(org.hamcrest.Matchers.startsWith("HD-")))
        .andExpect(jsonPath("$.ticket.status").value("NEW"))
        .andExpect(jsonPath("$.ticket.bookingReference").value("BK-4711"))
        .andExpect(jsonPath("$.ticket.fields.flight").value("LH 123"))
        .andExpect(jsonPath("$.ticket.fields.locale").value("de"))
        .andExpect(jsonPath("$.ticket.requester.email").value(ana))
        .andExpect(jsonPath("$.firstReplyDue").value(promised))
        .andExpect(jsonPath("$.suggestedAnswers[0].articleId").value("kb-seats"));
  }

  @Test
  void badInputIsAProblemNamingTheField() throws Exception {
    mvc.perform(
            json(post(API + "/tickets"), raiseBody(" ", "BK-1")).with(customer(ana)).with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("validation"))
        .andExpect(jsonPath("$.field").value("subject"));
    mvc.perform(get(API + "/tickets/not-a-uuid").with(customer(ana)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("ticketId"));
    mvc.perform(json(post(API + "/tickets"), "{\"subject\":").with(customer(ana)).with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("malformed-body"));
    mvc.perform(get(API + "/metrics").param("from", "yesterday").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("from"));
  }

  @Test
  void aCustomerListsAndReadsOwnTicketsOnly() throws Exception {
    String mine = raise(ana, "My seat");
    String theirs = raise(ben, "Their seat");
    mvc.perform(get(API + "/tickets").with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].id").value(mine));
    mvc.perform(get(API + "/tickets/" + mine).with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"1\""))
        .andExpect(jsonPath("$.ticket.subject").value("My seat"))
        .andExpect(jsonPath("$.conversation[0].body").value("The confirmation shows no seat"))
        .andExpect(jsonPath("$.firstReplyDue").exists());
    String key =
        JsonPath.read(
            mvc.perform(get(API + "/tickets/" + theirs).with(customer(ben)))
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.ticket.key");
    mvc.perform(get(API + "/tickets/by-key/" + key).with(customer(ben)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ticket.id").value(theirs));
    // Another customer's ticket does not exist for Ana: 404, as for an id nobody has.
    for (String path :
        List.of(
            "/tickets/" + theirs,
            "/tickets/by-key/" + key,
            "/tickets/" + theirs + "/suggested-answers",
            "/tickets/" + theirs + "/stream",
            "/tickets/" + UUID.randomUUID())) {
      mvc.perform(get(API + path).with(customer(ana)))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.code").value("not-found"));
    }
    mvc.perform(
            json(post(API + "/tickets/" + theirs + "/replies"), "{\"body\":\"mine now\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isNotFound());
    // Staff list a customer's tickets by naming the customer.
    mvc.perform(get(API + "/tickets").param("customer", ben).with(agent()))
        .andExpect(jsonPath("$[0].id").value(theirs));
    mvc.perform(get(API + "/tickets").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("customer"));
  }

  @Test
  void agentsCannotRaiseThroughTheCustomersEndpoint() throws Exception {
    mvc.perform(json(post(API + "/tickets"), raiseBody("Seat", "BK-1")).with(agent()).with(csrf()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("access-denied"));
  }

  // ------------------------------------------------------------------ conversation

  @Test
  void internalNotesAreForStaffOnly() throws Exception {
    String id = raise(ana, "Seat");
    mvc.perform(
            json(post(API + "/tickets/" + id + "/notes"), "{\"body\":\"VIP, be quick\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.visibility").value("INTERNAL"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/notes"), "{\"body\":\"a note\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("access-denied"));
    String asCustomer =
        mvc.perform(get(API + "/tickets/" + id).with(customer(ana)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(asCustomer).doesNotContain("VIP, be quick").doesNotContain("INTERNAL");
    mvc.perform(get(API + "/tickets/" + id).with(agent()))
        .andExpect(jsonPath("$.conversation[1].body").value("VIP, be quick"))
        .andExpect(jsonPath("$.conversation[1].visibility").value("INTERNAL"));
  }

  @Test
  void staffAddAndRemoveTagsAndSetAndRemoveFields() throws Exception {
    String id = raise(ana, "Seat");
    mvc.perform(
            json(post(API + "/tickets/" + id + "/tags"), "{\"tags\":[\"VIP\",\"refund\"]}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"2\""))
        .andExpect(jsonPath("$.tags.length()").value(2))
        .andExpect(jsonPath("$.tags[0]").value("refund"))
        .andExpect(jsonPath("$.tags[1]").value("vip"));
    mvc.perform(delete(API + "/tickets/" + id + "/tags/vip").with(agent()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tags.length()").value(1))
        .andExpect(jsonPath("$.tags[0]").value("refund"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/tags"), "{\"tags\":[\"no spaces\"]}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("tags"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/tags"), "{\"tags\":[\"mine\"]}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("access-denied"));

    mvc.perform(
            json(patch(API + "/tickets/" + id + "/fields"), "{\"fields\":{\"fare\":\"12.50\"}}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fields.fare").value("12.50"))
        .andExpect(jsonPath("$.bookingReference").value("BK-4711"));
    mvc.perform(delete(API + "/tickets/" + id + "/fields/fare").with(agent()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fields.fare").doesNotExist());
    mvc.perform(
            json(patch(API + "/tickets/" + id + "/fields"), "{\"fields\":{\"fare\":\"1\"}}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(
            json(patch(API + "/tickets/" + id + "/fields"), "{\"fields\":{\"a b\":\"1\"}}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("customFields"));
    assertThat(
            desk.ticket(Actor.agent("agent-1"), dev.helpdesk.ticket.TicketId.parse(id))
                .ticket()
                .tags())
        .containsExactly("refund");
  }

  @Test
  void theCustomerAndStaffAddListAndRemoveCcsAndOtherCustomersAreRefused() throws Exception {
    String id = raise(ana, "Seat");
    mvc.perform(
            json(
                    post(API + "/tickets/" + id + "/ccs"),
                    "{\"email\":\"Bo@Example.org\",\"name\":\"Bo\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"2\""))
        .andExpect(jsonPath("$.ccs.length()").value(1))
        .andExpect(jsonPath("$.ccs[0].email").value("Bo@example.org"))
        .andExpect(jsonPath("$.ccs[0].name").value("Bo"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"li/x@example.net\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ccs.length()").value(2));
    mvc.perform(get(API + "/tickets/" + id + "/ccs").with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[1].email").value("li/x@example.net"))
        .andExpect(jsonPath("$[1].name").doesNotExist());
    mvc.perform(
            delete(API + "/tickets/" + id + "/ccs")
                .param("email", "LI/X@example.net")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ccs.length()").value(1));

    // Bad input names its field; nothing is stored.
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"not an address\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("email"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"" + ana + "\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("ccs"));
    mvc.perform(delete(API + "/tickets/" + id + "/ccs").with(agent()).with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("email"));

    // Another customer, even one copied on the ticket, neither sees nor changes its CCs.
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"" + ben + "\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isOk());
    mvc.perform(get(API + "/tickets/" + id + "/ccs").with(customer(ben)))
        .andExpect(status().isNotFound());
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"eve@example.org\"}")
                .with(customer(ben))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            delete(API + "/tickets/" + id + "/ccs")
                .param("email", "Bo@example.org")
                .with(customer(ben))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            json(post(API + "/tickets/" + id + "/ccs"), "{\"email\":\"eve@example.org\"}")
                .with(customer(ana)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("csrf"));
    assertThat(
            desk
                .ticket(Actor.agent("agent-1"), dev.helpdesk.ticket.TicketId.parse(id))
                .ticket()
                .ccs()
                .stream()
                .map(c -> c.email().value()))
        .containsExactly("Bo@example.org", ben);
  }

  @Test
  void aStaleIfMatchIsRefusedAndACurrentOneAccepted() throws Exception {
    String id = raise(ana, "Seat");
    String tag = etag(id, agent());
    mvc.perform(
            json(post(API + "/tickets/" + id + "/replies"), "{\"body\":\"We are on it\"}")
                .header("If-Match", tag)
                .with(agent())
                .with(csrf()))
        .andExpect(status().isCreated())
        .andExpect(header().string("ETag", "\"2\""))
        .andExpect(jsonPath("$.message.body").value("We are on it"))
        .andExpect(jsonPath("$.message.author.kind").value("agent"));
    mvc.perform(
            json(put(API + "/tickets/" + id + "/priority"), "{\"priority\":\"HIGH\"}")
                .header("If-Match", tag)
                .with(agent())
                .with(csrf()))
        .andExpect(status().isPreconditionFailed())
        .andExpect(jsonPath("$.code").value("stale-version"));
    assertThat(
            desk.ticket(Actor.agent("agent-1"), dev.helpdesk.ticket.TicketId.parse(id))
                .ticket()
                .priority())
        .isEqualTo(dev.helpdesk.ticket.Priority.NORMAL);
    mvc.perform(
            json(put(API + "/tickets/" + id + "/priority"), "{\"priority\":\"HIGH\"}")
                .header("If-Match", "\"2\"")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"3\""))
        .andExpect(jsonPath("$.priority").value("HIGH"));
  }

  @Test
  void filesGoUpAsMultipartAndComeDownAsDownloadsNeverAsPages() throws Exception {
    String id = raise(ana, "Seat");
    MockMultipartFile page =
        new MockMultipartFile(
            "files", "../seat<script>.html", "text/html", "<script>alert(1)</script>".getBytes());
    MvcResult posted =
        mvc.perform(
                multipart(API + "/tickets/" + id + "/replies")
                    .file(page)
                    .param("body", "See the file")
                    .with(customer(ana))
                    .with(csrf()))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.message.attachments[0].name").value("seat<script>.html"))
            .andReturn();
    String href =
        JsonPath.read(posted.getResponse().getContentAsString(), "$.message.attachments[0].href");
    mvc.perform(get(href).with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/html"))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(
            header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
        .andExpect(
            header()
                .string(
                    "Content-Disposition",
                    org.hamcrest.Matchers.containsString("filename*=UTF-8''seat%3Cscript%3E.html")))
        .andExpect(content().string("<script>alert(1)</script>"));
    mvc.perform(get(href).with(agent())).andExpect(status().isOk());
    mvc.perform(get(href).with(customer(ben))).andExpect(status().isNotFound());
    mvc.perform(get(href.replaceAll("/0$", "/1")).with(customer(ana)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.kind").value("attachment"));
  }

  @Test
  void aNotesFilesAreDownloadedByStaffAndDoNotExistForTheCustomer() throws Exception {
    String id = raise(ana, "Seat");
    MockMultipartFile log =
        new MockMultipartFile(
            "files",
            "booking log.txt",
            "text/plain; charset=UTF-8",
            "seat 12A released".getBytes());
    MvcResult noted =
        mvc.perform(
                multipart(API + "/tickets/" + id + "/notes")
                    .file(log)
                    .param("body", "From the booking system")
                    .with(agent())
                    .with(csrf()))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.visibility").value("INTERNAL"))
            .andExpect(jsonPath("$.attachments[0].name").value("booking log.txt"))
            .andExpect(jsonPath("$.attachments[0].mediaType").value("text/plain"))
            .andReturn();
    String href = JsonPath.read(noted.getResponse().getContentAsString(), "$.attachments[0].href");

    mvc.perform(get(href).with(agent()))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/plain"))
        .andExpect(
            header()
                .string(
                    "Content-Disposition",
                    "attachment; filename=\"booking log.txt\"; "
                        + "filename*=UTF-8''booking%20log.txt"))
        .andExpect(content().string("seat 12A released"));
    mvc.perform(get(href).with(customer(ana)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.kind").value("attachment"));
    // A customer may not write a note, with files or without.
    mvc.perform(
            multipart(API + "/tickets/" + id + "/notes")
                .file(log)
                .param("body", "Mine")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isForbidden());
  }

  // ------------------------------------------------------------------ limits

  @Test
  void raisingIsRateLimitedPerUser() throws Exception {
    for (int i = 0; i < 3; i++) {
      raise(ana, "Seat " + i);
    }
    mvc.perform(
            json(post(API + "/tickets"), raiseBody("One more", "BK-1"))
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "600"))
        .andExpect(jsonPath("$.code").value("rate-limited"));
    // Another user is not held up; the first may raise again once the window has passed.
    raise(ben, "Seat");
    clock.advance(Duration.ofMinutes(10));
    raise(ana, "Seat again");
  }

  @Test
  void listingsArePagedWithALinkToTheNextPage() throws Exception {
    String cleo = "cleo-" + UUID.randomUUID() + "@example.com";
    List<String> raised = List.of(raise(cleo, "One"), raise(cleo, "Two"), raise(cleo, "Three"));

    // Her tickets, one a page: each page links to the next, the last to none.
    List<String> seen = new java.util.ArrayList<>();
    String url = API + "/tickets?size=1";
    for (int pages = 0; url != null; pages++) {
      org.junit.jupiter.api.Assertions.assertTrue(pages < 3, "more pages than tickets");
      MvcResult r =
          mvc.perform(get(url).with(customer(cleo)))
              .andExpect(status().isOk())
              .andExpect(jsonPath("$.length()").value(1))
              .andReturn();
      seen.add(JsonPath.read(r.getResponse().getContentAsString(), "$[0].id"));
      url = nextLink(r);
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        new java.util.HashSet<>(raised), new java.util.HashSet<>(seen));
    org.junit.jupiter.api.Assertions.assertEquals(3, seen.size());

    // The unassigned queue, two a page, reads as the whole listing does, with no ticket twice.
    MvcResult whole =
        mvc.perform(get(API + "/queue/unassigned").with(agent()))
            .andExpect(header().doesNotExist("Link"))
            .andReturn();
    List<String> all = JsonPath.read(whole.getResponse().getContentAsString(), "$[*].id");
    List<String> paged = new java.util.ArrayList<>();
    url = API + "/queue/unassigned?size=2";
    while (url != null) {
      MvcResult r = mvc.perform(get(url).with(agent())).andExpect(status().isOk()).andReturn();
      paged.addAll(JsonPath.read(r.getResponse().getContentAsString(), "$[*].id"));
      url = nextLink(r);
    }
    org.junit.jupiter.api.Assertions.assertEquals(all, paged);
    org.junit.jupiter.api.Assertions.assertTrue(paged.containsAll(raised));

    mvc.perform(get(API + "/tickets").param("size", "0").with(customer(cleo)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("size"));
  }

  @Test
  void theNextLinkKeepsPercentEncodedParametersAsTheyWere() throws Exception {
    // A browser's URLSearchParams writes '@' as %40: the link to the next page must carry the
    // same customer, not %2540, so that following it as given reads the same listing on.
    String dana = "dana-" + UUID.randomUUID() + "@example.com";
    List<String> raised = List.of(raise(dana, "One"), raise(dana, "Two"));
    String url = API + "/tickets?customer=" + dana.replace("@", "%40") + "&size=1";
    List<String> seen = new java.util.ArrayList<>();
    for (int pages = 0; url != null; pages++) {
      org.junit.jupiter.api.Assertions.assertTrue(pages < 2, "more pages than tickets");
      MvcResult r =
          mvc.perform(get(java.net.URI.create(url)).with(agent()))
              .andExpect(status().isOk())
              .andExpect(jsonPath("$.length()").value(1))
              .andReturn();
      seen.add(JsonPath.read(r.getResponse().getContentAsString(), "$[0].id"));
      String link = r.getResponse().getHeader("Link");
      if (link == null) {
        url = null;
      } else {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("<https?://[^/]+([^>]*)>; rel=\"next\"").matcher(link);
        org.junit.jupiter.api.Assertions.assertTrue(m.matches(), link);
        url = m.group(1);
      }
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        new java.util.HashSet<>(raised), new java.util.HashSet<>(seen));
  }

  @Test
  void aCustomerExportsTheirOwnDataStaffEraseItAndOtherCustomersAreRefused() throws Exception {
    raise(ana, "Seat missing on the Lisbon train");
    String id =
        JsonPath.read(
            mvc.perform(get(API + "/customers").param("email", ana).with(agent()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.id");
    mvc.perform(get(API + "/customers/" + id + "/export").with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(jsonPath("$.customer.email").value(ana))
        .andExpect(jsonPath("$.tickets[0].subject").value("Seat missing on the Lisbon train"));
    mvc.perform(get(API + "/customers/" + id + "/export").with(customer(ben)))
        .andExpect(status().isForbidden());
    mvc.perform(post(API + "/customers/" + id + "/erase").with(customer(ana)).with(csrf()))
        .andExpect(status().isForbidden());

    mvc.perform(post(API + "/customers/" + id + "/erase").with(agent()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.customer").value(id))
        .andExpect(jsonPath("$.tickets").value(1));
    String after =
        mvc.perform(get(API + "/customers/" + id + "/export").with(agent()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.customer.email").value("erased@erased.invalid"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertFalse(after.contains("Lisbon"), after);
    assertFalse(after.contains("LH 123"), after);
  }

  @Test
  void staffReadTheAuditOfStaffChangesPageByPageCustomersAreRefused() throws Exception {
    String id = "auditee-" + UUID.randomUUID().toString().substring(0, 8);
    desk.saveAgent(Actor.system("test"), Agent.of(id, "Audited", id + "@example.com"));
    for (String availability : List.of("AWAY", "OFFLINE", "ONLINE")) {
      mvc.perform(
              json(
                      put(API + "/agents/" + id + "/availability"),
                      "{\"availability\":\"" + availability + "\"}")
                  .with(agent())
                  .with(csrf()))
          .andExpect(status().isOk());
    }

    MvcResult newest =
        // In the URL, not as MockMvc parameters, so that the Link rel="next" carries them on.
        mvc.perform(get(API + "/audit?size=1&subject=" + id).with(agent()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(1))
            .andExpect(jsonPath("$[0].action").value("AVAILABILITY_CHANGED"))
            .andExpect(jsonPath("$[0].actor.kind").value("agent"))
            .andExpect(jsonPath("$[0].actor.id").value("agent-1"))
            .andExpect(jsonPath("$[0].before.availability").value("OFFLINE"))
            .andExpect(jsonPath("$[0].after.availability").value("ONLINE"))
            .andReturn();
    List<String> actions = new java.util.ArrayList<>();
    actions.add(JsonPath.read(newest.getResponse().getContentAsString(), "$[0].action"));
    String url = nextLink(newest);
    while (url != null) {
      MvcResult r = mvc.perform(get(url).with(agent())).andExpect(status().isOk()).andReturn();
      actions.addAll(JsonPath.read(r.getResponse().getContentAsString(), "$[*].action"));
      url = nextLink(r);
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "AVAILABILITY_CHANGED", "AVAILABILITY_CHANGED", "AVAILABILITY_CHANGED", "AGENT_SAVED"),
        actions);

    mvc.perform(
            get(API + "/audit").param("subject", id).param("actor", "system:test").with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].action").value("AGENT_SAVED"))
        .andExpect(jsonPath("$[0].after.name").value("Audited"));
    mvc.perform(get(API + "/audit").param("actor", "nobody").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("actor"));
    mvc.perform(get(API + "/audit").with(customer(ana))).andExpect(status().isForbidden());
  }

  /** The path and query of the Link rel="next" header, or null on the last page. */
  private static String nextLink(MvcResult r) {
    String link = r.getResponse().getHeader("Link");
    if (link == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<https?://[^/]+([^>]*)>; rel=\"next\"").matcher(link);
    org.junit.jupiter.api.Assertions.assertTrue(m.matches(), link);
    return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void staffSearchBySlaState() throws Exception {
    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String anas = raise(ana, "Seat missing " + word);
    clock.advance(Duration.ofMinutes(1));
    String bens = raise(ben, "Refund for " + word);

    // The standard policy wants a first reply within 4 hours of business time.
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("slaDueWithin", "PT5H")
                .param("sort", "SLA_DUE")
                .with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(anas, bens)));
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("slaDueWithin", "PT1H")
                .with(agent()))
        .andExpect(jsonPath("$.items.length()").value(0));
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("slaBreached", "true")
                .with(agent()))
        .andExpect(jsonPath("$.items.length()").value(0));
    mvc.perform(get(API + "/tickets/search").param("slaDueWithin", "soon").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("slaDueWithin"));
    mvc.perform(get(API + "/tickets/search").param("slaDueWithin", "-PT1H").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("slaDueWithin"));
    // The SLA state is the team's measure: a customer may not search or sort by it.
    mvc.perform(get(API + "/tickets/search").param("slaBreached", "true").with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/tickets/search").param("sort", "SLA_DUE").with(customer(ana)))
        .andExpect(status().isForbidden());
  }

  // ------------------------------------------------------------------ working the ticket

  @Test
  void staffSearchEveryTicketCustomersTheirOwnPageByPage() throws Exception {
    // A word of this test's own, so tickets of other tests never match.
    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String anas = raise(ana, "Seat missing " + word);
    String bens = raise(ben, "Refund for " + word);

    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("status", "NEW", "OPEN")
                .with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[?(@.id == '" + anas + "')].bookingReference").value("BK-4711"))
        .andExpect(jsonPath("$.next").isEmpty());
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("status", "SOLVED")
                .with(agent()))
        .andExpect(jsonPath("$.items.length()").value(0));
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("assignee", "unassigned")
                .with(agent()))
        .andExpect(jsonPath("$.items.length()").value(2));

    // Taken by agent-1: "me" finds it, "unassigned" no longer does.
    mvc.perform(
            json(put(API + "/tickets/" + anas + "/assignee"), "{\"agentId\":\"agent-1\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk());
    mvc.perform(
            get(API + "/tickets/search").param("text", word).param("assignee", "me").with(agent()))
        .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(anas)));
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("assignee", "unassigned")
                .with(agent()))
        .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(bens)));

    // One ticket a page: the cursor leads to the other, and the last page has no cursor.
    MvcResult first =
        mvc.perform(
                get(API + "/tickets/search")
                    .param("text", word)
                    .param("sort", "CREATED_OLDEST")
                    .param("size", "1")
                    .with(agent()))
            .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(anas)))
            .andReturn();
    String next = JsonPath.read(first.getResponse().getContentAsString(), "$.next");
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("sort", "CREATED_OLDEST")
                .param("size", "1")
                .param("cursor", next)
                .with(agent()))
        .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(bens)));

    // A customer finds her own ticket only, and may not ask for "me".
    mvc.perform(get(API + "/tickets/search").param("text", word).with(customer(ana)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.contains(anas)))
        .andExpect(jsonPath("$.items[0].tags").isEmpty());
    mvc.perform(
            get(API + "/tickets/search")
                .param("text", word)
                .param("assignee", "me")
                .with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/tickets/search").param("text", word))
        .andExpect(status().isUnauthorized());

    // Bad parameters are problems naming them.
    mvc.perform(get(API + "/tickets/search").param("status", "LOST").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("status"));
    mvc.perform(get(API + "/tickets/search").param("size", "0").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("size"));
    mvc.perform(get(API + "/tickets/search").param("cursor", "forged").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("cursor"));
    mvc.perform(get(API + "/tickets/search").param("text", "the").with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("text"));
    mvc.perform(get(API + "/tickets/search").param("assignee", "a".repeat(200)).with(agent()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("assignee"));
  }

  @Test
  void agentsWorkTheQueue() throws Exception {
    String id = raise(ana, "Seat for the queue");
    mvc.perform(get(API + "/queue/unassigned").with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").exists());
    mvc.perform(get(API + "/queue/unassigned").param("priority", "URGENT").with(agent()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").doesNotExist());
    mvc.perform(get(API + "/queue/unassigned").with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(
            json(put(API + "/tickets/" + id + "/assignee"), "{\"agentId\":\"agent-1\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assignee").value("agent-1"))
        .andExpect(jsonPath("$.status").value("OPEN"));
    mvc.perform(get(API + "/agents/me/queue").with(agent()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").exists());
    mvc.perform(get(API + "/agents/agent-1/queue").param("status", "PENDING").with(agent()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").doesNotExist());
    mvc.perform(get(API + "/agents/agent-1/queue").with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/tickets/" + id + "/sla").with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].target").value("FIRST_REPLY"));
    mvc.perform(get(API + "/tickets/" + id + "/sla").with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/macros").with(agent()))
        .andExpect(jsonPath("$[0].name").value("seat-info"))
        .andExpect(jsonPath("$[0].status").value("PENDING"))
        .andExpect(jsonPath("$[0].fields.seat_info").value("sent"));
    mvc.perform(get(API + "/macros").with(customer(ana))).andExpect(status().isForbidden());
    // This desk declares no fields: any key goes, and the form has nothing to offer.
    mvc.perform(get(API + "/fields").with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(0));
    mvc.perform(get(API + "/fields").with(customer(ana))).andExpect(status().isForbidden());
    mvc.perform(
            json(post(API + "/tickets/" + id + "/macro"), "{\"name\":\"seat-info\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.message.body").value(org.hamcrest.Matchers.containsString("BK-4711")))
        .andExpect(jsonPath("$.ticket.status").value("PENDING"))
        .andExpect(jsonPath("$.ticket.fields.seat_info").value("sent"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/macro"), "{\"name\":\"nope\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            json(put(API + "/tickets/" + id + "/group"), "{\"group\":\"seats\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(jsonPath("$.group").value("seats"));
    mvc.perform(get(API + "/queue/unassigned").param("group", "seats").with(agent()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").doesNotExist());
    mvc.perform(delete(API + "/tickets/" + id + "/group").with(agent()).with(csrf()))
        .andExpect(jsonPath("$.group").doesNotExist());
    mvc.perform(
            json(post(API + "/tickets/" + id + "/escalation"), "{\"reason\":\"angry\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("validation"));
    mvc.perform(delete(API + "/tickets/" + id + "/assignee").with(agent()).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assignee").doesNotExist());
    mvc.perform(
            json(put(API + "/tickets/" + id + "/status"), "{\"status\":\"NEW\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("illegal-transition"));
    mvc.perform(
            json(put(API + "/agents/me/availability"), "{\"availability\":\"AWAY\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.availability").value("AWAY"));
    mvc.perform(
            json(put(API + "/agents/agent-1/availability"), "{\"availability\":\"ONLINE\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/customers").param("email", ana).with(agent()))
        .andExpect(jsonPath("$.id").value(ana));
    mvc.perform(get(API + "/customers").param("email", ana).with(customer(ana)))
        .andExpect(status().isForbidden());
    mvc.perform(get(API + "/metrics").with(agent()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.opened").isNumber())
        .andExpect(jsonPath("$.queueByPriority.NORMAL").isNumber());
    mvc.perform(get(API + "/metrics").with(customer(ana))).andExpect(status().isForbidden());
  }

  @Test
  void aSolvedTicketIsRatedByItsCustomer() throws Exception {
    String id = raise(ana, "Seat");
    mvc.perform(
            json(put(API + "/tickets/" + id + "/assignee"), "{\"agentId\":\"agent-1\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk());
    mvc.perform(
            json(put(API + "/tickets/" + id + "/status"), "{\"status\":\"SOLVED\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(jsonPath("$.status").value("SOLVED"));
    mvc.perform(
            json(
                    post(API + "/tickets/" + id + "/rating"),
                    "{\"rating\":\"GOOD\",\"comment\":\"thanks\"}")
                .with(customer(ben))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            json(
                    post(API + "/tickets/" + id + "/rating"),
                    "{\"rating\":\"GOOD\",\"comment\":\"thanks\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SOLVED"));
    mvc.perform(
            json(post(API + "/tickets/" + id + "/rating"), "{\"rating\":\"GOOD\"}")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isBadRequest());
  }

  @Test
  void aSuggestedAnswerSolvesTheTicket() throws Exception {
    String id = raise(ana, "Seats missing on the confirmation");
    mvc.perform(get(API + "/tickets/" + id + "/suggested-answers").with(customer(ana)))
        .andExpect(jsonPath("$[0].title").value("Seats missing on the confirmation"));
    mvc.perform(
            post(API + "/tickets/" + id + "/suggested-answers/kb-seats/accept")
                .with(customer(ana))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SOLVED"));
  }

  @Test
  void ticketsAreLinkedUnlinkedAndMerged() throws Exception {
    String first = raise(ana, "Seat");
    String second = raise(ana, "Seat again");
    mvc.perform(
            json(
                    post(API + "/tickets/" + first + "/links"),
                    "{\"ticketId\":\"" + second + "\",\"kind\":\"RELATED\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk());
    mvc.perform(get(API + "/tickets/" + first).with(agent()))
        .andExpect(jsonPath("$.links[0].ticketId").value(second));
    mvc.perform(delete(API + "/tickets/" + first + "/links/" + second).with(agent()).with(csrf()))
        .andExpect(status().isOk());
    mvc.perform(delete(API + "/tickets/" + first + "/links/" + second).with(agent()).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            json(post(API + "/tickets/" + second + "/merge"), "{\"into\":\"" + first + "\"}")
                .with(agent())
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(first));
    mvc.perform(get(API + "/tickets/" + second).with(agent()))
        .andExpect(jsonPath("$.ticket.status").value("CLOSED"));
  }
}
