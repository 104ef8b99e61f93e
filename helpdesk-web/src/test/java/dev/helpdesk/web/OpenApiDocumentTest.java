package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document says what the module serves, no more and no less: every handler of the
 * module's controllers is a documented operation (with the base path applied, here a non-default
 * one), every documented operation has a handler, and none answers an anonymous caller.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
      "helpdesk.web.base-path=/support/desk",
    })
@AutoConfigureMockMvc
class OpenApiDocumentTest {

  static final String BASE = "/support/desk";

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** {@code GET /support/desk/api/tickets/{id}} for every handler of the module. */
  Set<String> handled() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      if (!e.getValue().getBeanType().isAnnotationPresent(DeskEndpoint.class)) {
        continue;
      }
      Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
      assertThat(methods).as("%s names its HTTP method", e.getValue()).isNotEmpty();
      for (String pattern : e.getKey().getPatternValues()) {
        for (RequestMethod method : methods) {
          out.add(method + " " + pattern);
        }
      }
    }
    return out;
  }

  /** Every operation of the served document, with its server URL in front. */
  Set<String> documented() throws Exception {
    String document =
        mvc.perform(
                request(HttpMethod.GET, BASE + "/openapi.json")
                    .with(SecurityMockMvcRequestPostProcessors.user("ana@example.com")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.openapi").value("3.1.0"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String server = JsonPath.read(document, "$.servers[0].url");
    assertThat(server).isEqualTo(BASE);
    Map<String, Map<String, Object>> paths = JsonPath.read(document, "$.paths");
    Set<String> out = new TreeSet<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                .forEach(m -> out.add(m.toUpperCase() + " " + server + path)));
    return out;
  }

  @Test
  void everyHandlerIsDocumentedAndEveryOperationHandled() throws Exception {
    Set<String> handled = handled();
    Set<String> documented = documented();
    assertThat(handled).hasSizeGreaterThan(25);
    assertThat(handled).allMatch(h -> h.contains(" " + BASE + "/"));
    assertThat(documented).as("documented but not handled").containsAll(handled);
    assertThat(handled).as("handled but not documented").containsAll(documented);
  }

  @Test
  void noOperationAnswersAnAnonymousCaller() throws Exception {
    for (String operation : documented()) {
      String[] parts = operation.split(" ", 2);
      String path =
          parts[1]
              .replaceAll("\\{index}", "0")
              .replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
      // With a valid CSRF token, so that what refuses the call is the missing login.
      mvc.perform(
              request(HttpMethod.valueOf(parts[0]), path)
                  .with(SecurityMockMvcRequestPostProcessors.csrf()))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("unauthenticated"));
    }
  }
}
