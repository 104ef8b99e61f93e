package dev.helpdesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the API's OpenAPI 3.1 document, {@code openapi.json} beside this class, with its server
 * URL set to the configured base path. A test keeps the document and the handlers in step.
 */
@RestController
@DeskEndpoint
@RequestMapping("${helpdesk.web.base-path:/helpdesk}")
class OpenApiEndpoint {

  /** The server URL the stored document names; replaced by the configured base path. */
  static final String DOCUMENTED_BASE = "\"url\": \"/helpdesk\"";

  private final String document;

  OpenApiEndpoint(String basePath) {
    this.document = stored().replace(DOCUMENTED_BASE, "\"url\": \"" + basePath + "\"");
  }

  static String stored() {
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing beside " + OpenApiEndpoint.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> openApi() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
  }
}
