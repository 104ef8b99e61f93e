package dev.helpdesk.examples.booking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches {@code /api/} requests by method and path pattern. A handler returns the JSON body of
 * a 200 answer, {@link #NO_CONTENT}, or {@link #STREAMED} when it answered the exchange itself (an
 * event stream); whatever it throws becomes an error answer through {@link Http#fail}.
 */
final class Router implements HttpHandler {

  /** Answer 204 with no body. */
  static final Object NO_CONTENT = new Object();

  /** The handler has answered (and closed) the exchange itself. */
  static final Object STREAMED = new Object();

  /** A request matched to a route: the exchange and the path's captured groups. */
  record Request(HttpExchange exchange, Matcher path) {
    String group(int i) {
      return path.group(i);
    }

    <T> T body(Class<T> type) throws IOException {
      return Http.read(exchange, type);
    }
  }

  @FunctionalInterface
  interface Handler {
    Object handle(Request request) throws Exception;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router get(String path, Handler handler) {
    return add("GET", path, handler);
  }

  Router post(String path, Handler handler) {
    return add("POST", path, handler);
  }

  private Router add(String method, String path, Handler handler) {
    routes.add(new Route(method, Pattern.compile(path), handler));
    return this;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean pathKnown = false;
      for (Route route : routes) {
        Matcher m = route.path().matcher(path);
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (!route.method().equals(exchange.getRequestMethod())) {
          continue;
        }
        answer(exchange, route, m);
        return;
      }
      Http.sendEmpty(exchange, pathKnown ? 405 : 404);
    }
  }

  private static void answer(HttpExchange exchange, Route route, Matcher m) throws IOException {
    Object result;
    try {
      result = route.handler().handle(new Request(exchange, m));
    } catch (Exception e) {
      Http.fail(exchange, e);
      return;
    }
    if (result == STREAMED) {
      return;
    }
    if (result == NO_CONTENT) {
      Http.sendEmpty(exchange, 204);
    } else {
      Http.send(exchange, 200, result);
    }
  }
}
