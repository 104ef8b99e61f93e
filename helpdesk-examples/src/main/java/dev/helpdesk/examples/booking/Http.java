package dev.helpdesk.examples.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.TicketClosedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON in and out of the JDK's HTTP server, and the desk's refusals as HTTP statuses. */
final class Http {

  private static final Logger log = LoggerFactory.getLogger(Http.class);

  /** Requests larger than this are refused before they are parsed. */
  static final int MAX_BODY_BYTES = 128 * 1024;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Http() {}

  /**
   * Reads the body as {@code type}. Only {@code application/json} is accepted: a cross-site form
   * cannot send it without a CORS preflight this server never answers, which keeps the demo's
   * cookie identity safe from cross-site requests.
   */
  static <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
    String contentType =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ValidationException("Content-Type", "must be application/json");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ValidationException("body", "must be at most " + MAX_BODY_BYTES + " bytes");
    }
    try {
      T value = JSON.readValue(body, type);
      if (value == null) {
        throw new ValidationException("body", "must be a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ValidationException("body", "is not the JSON expected: " + e.getOriginalMessage());
    }
  }

  /** Sends {@code body} as JSON with the status. */
  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sends a status without a body. */
  static void sendEmpty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Sends a failure: the desk's typed refusals with their message, anything else as a 500. */
  static void fail(HttpExchange exchange, Exception e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    int status;
    if (e instanceof ValidationException v) {
      status = 400;
      body.put("error", "invalid");
      body.put("field", v.field());
    } else if (e instanceof NotFoundException) {
      status = 404;
      body.put("error", "not-found");
    } else if (e instanceof AccessDeniedException || e instanceof Unauthenticated) {
      status = e instanceof Unauthenticated ? 401 : 403;
      body.put("error", status == 401 ? "sign-in" : "forbidden");
    } else if (e instanceof IllegalTransitionException
        || e instanceof TicketClosedException
        || e instanceof ConcurrentUpdateException
        || e instanceof CapacityExceededException) {
      status = 409;
      body.put("error", "conflict");
    } else if (e instanceof HelpDeskException) {
      status = 400;
      body.put("error", "refused");
    } else {
      log.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      status = 500;
      body.put("error", "internal");
      body.put("message", "Something went wrong on our side.");
      send(exchange, status, body);
      return;
    }
    body.put("message", e.getMessage());
    send(exchange, status, body);
  }

  /** The value of a request cookie, if sent. */
  static Optional<String> cookie(HttpExchange exchange, String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return Optional.of(pair.substring(eq + 1).strip());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Sets a session cookie: readable by no script, sent by the browser only to this site's own
   * requests.
   */
  static void setCookie(HttpExchange exchange, String name, String value) {
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
  }

  /** Who is not signed in (picked) for the part of the site they call. */
  static final class Unauthenticated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(String message) {
      super(message);
    }
  }
}
