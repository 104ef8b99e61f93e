package dev.helpdesk.examples.booking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages, styles and scripts of the customer site, the agent console and the mailbox, from the
 * class path. Only plain file names are served (no folders, so no way out of the site folder), and
 * every page forbids inline and foreign scripts: the pages put user text into the DOM as text only,
 * and the policy is the second wall should one ever slip.
 */
final class StaticFiles implements HttpHandler {

  private static final String ROOT = "dev/helpdesk/examples/booking/site/";
  private static final Pattern NAME = Pattern.compile("/([a-z0-9-]+\\.(html|css|js|svg))");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml");
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        Http.sendEmpty(exchange, 405);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/")) {
        path = "/index.html";
      }
      Matcher m = NAME.matcher(path);
      InputStream in =
          m.matches() ? getClass().getClassLoader().getResourceAsStream(ROOT + m.group(1)) : null;
      if (in == null) {
        Http.sendEmpty(exchange, 404);
        return;
      }
      byte[] bytes;
      try (in) {
        bytes = in.readAllBytes();
      }
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", TYPES.get(m.group(2)));
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
