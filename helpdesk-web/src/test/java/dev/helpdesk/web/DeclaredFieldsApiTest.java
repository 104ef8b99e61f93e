package dev.helpdesk.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/fields}: the fields {@link WidgetHostApplication} declares as beans, in their
 * order, with what a form needs to offer and check them; staff only.
 */
@SpringBootTest(
    classes = WidgetHostApplication.class,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
      "helpdesk.web.base-path=/support",
    })
@AutoConfigureMockMvc
class DeclaredFieldsApiTest {

  @Autowired MockMvc mvc;

  @Test
  void staffReadTheDeclaredFieldsInTheirOrder() throws Exception {
    mvc.perform(get("/support/api/fields").with(user("agent-1").roles("HELPDESK_AGENT")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(5))
        .andExpect(jsonPath("$[0].key").value("flight"))
        .andExpect(jsonPath("$[0].type").value("TEXT"))
        .andExpect(jsonPath("$[0].maxLength").value(10))
        .andExpect(jsonPath("$[0].required").value(false))
        .andExpect(jsonPath("$[2].key").value("seat_class"))
        .andExpect(jsonPath("$[2].label").value("Seat class"))
        .andExpect(jsonPath("$[2].type").value("CHOICE"))
        .andExpect(jsonPath("$[2].choices[0]").value("economy"))
        .andExpect(jsonPath("$[2].choices[1]").value("business"))
        .andExpect(jsonPath("$[3].type").value("NUMBER"))
        .andExpect(jsonPath("$[4].key").value("travel_date"))
        .andExpect(jsonPath("$[4].type").value("DATE"))
        .andExpect(jsonPath("$[4].choices.length()").value(0));
  }

  @Test
  void customersMayNotListThem() throws Exception {
    mvc.perform(get("/support/api/fields").with(user("ana@example.com").roles("USER")))
        .andExpect(status().isForbidden());
  }
}
