package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code helpdesk.web.*} from: generated, described, defaulted. */
class WebPropertiesMetadataTest {

  static String metadata() throws IOException {
    for (URL url :
        Collections.list(
            WebPropertiesMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (json.contains("\"helpdesk.web\"")) {
          return json;
        }
      }
    }
    throw new AssertionError("no metadata for helpdesk.web: is the configuration processor on?");
  }

  @Test
  void everyPropertyIsDescribedAndDefaulted() throws IOException {
    List<Map<String, Object>> properties =
        JsonPath.read(metadata(), "$.properties[?(@.name =~ /helpdesk\\.web\\..*/)]");
    assertThat(properties)
        .extracting(p -> p.get("name"))
        .contains(
            "helpdesk.web.enabled",
            "helpdesk.web.base-path",
            "helpdesk.web.agent-authority",
            "helpdesk.web.ticket-creation.limit",
            "helpdesk.web.ticket-creation.period",
            "helpdesk.web.streams.per-principal",
            "helpdesk.web.streams.total",
            "helpdesk.web.streams.timeout",
            "helpdesk.web.streams.heartbeat");
    assertThat(properties)
        .allSatisfy(
            p -> {
              assertThat(p.get("description")).as(p.get("name").toString()).isNotNull();
              assertThat(p.get("defaultValue")).as(p.get("name").toString()).isNotNull();
            });
  }
}
