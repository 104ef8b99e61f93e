package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The widget's files are served to anyone, cacheable and without cookies, and opening their path
 * opens nothing else: the API, the document and changes under the assets path stay closed to
 * anonymous callers.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
    })
@AutoConfigureMockMvc
class WidgetAssetsTest {

  static final String SCRIPT = "/helpdesk/assets/helpdesk-widget.js";

  @Autowired MockMvc mvc;

  @ParameterizedTest
  @CsvSource({"helpdesk-widget, HelpdeskWidget", "helpdesk-console, HelpdeskConsole"})
  void anyoneMayLoadTheScriptsAndCachesMayKeepThemForAnHour(String element, String type)
      throws Exception {
    MvcResult r =
        mvc.perform(get("/helpdesk/assets/" + element + ".js"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=3600, public"))
            .andExpect(header().exists(HttpHeaders.LAST_MODIFIED))
            .andExpect(header().string("X-Content-Type-Options", "nosniff"))
            .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
            .andReturn();
    assertThat(r.getResponse().getContentType()).startsWith("text/javascript");
    String script = r.getResponse().getContentAsString();
    assertThat(script).contains("customElements.define('" + element + "', " + type + ")");
    // Served without a charset: plain ASCII reads the same in a host page of any charset.
    assertThat(script.chars()).allMatch(c -> c < 128);
  }

  @Test
  void aSignedInUserGetsTheSameFileWithoutACookie() throws Exception {
    mvc.perform(get(SCRIPT).with(user("ana@example.com").roles("USER")))
        .andExpect(status().isOk())
        .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
  }

  @Test
  void aFileThatIsNotThereIsNotFoundAndTheApiStaysClosed() throws Exception {
    mvc.perform(get("/helpdesk/assets/nothing-here.js")).andExpect(status().isNotFound());
    for (String path :
        new String[] {
          "/helpdesk/api/me",
          "/helpdesk/api/tickets",
          "/helpdesk/openapi.json",
          "/helpdesk/assets-and-more/helpdesk-widget.js",
          "/helpdesk/api/assets/helpdesk-widget.js"
        }) {
      mvc.perform(get(path))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("unauthenticated"));
    }
  }

  @Test
  void onlyReadingIsOpen() throws Exception {
    mvc.perform(post(SCRIPT).with(csrf())).andExpect(status().isUnauthorized());
    mvc.perform(put(SCRIPT).with(csrf())).andExpect(status().isUnauthorized());
    mvc.perform(delete(SCRIPT).with(csrf())).andExpect(status().isUnauthorized());
  }

  @Test
  void theApiStillSetsTheCsrfCookieForTheWidget() throws Exception {
    mvc.perform(get("/helpdesk/api/me").with(user("ana@example.com").roles("USER")))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .string(HttpHeaders.SET_COOKIE, org.hamcrest.Matchers.startsWith("XSRF-TOKEN=")));
  }
}
