package dev.helpdesk.examples.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent Events response. Producers {@link #send} from any thread; the HTTP thread that
 * opened the stream {@link #pump}s frames to the browser until the browser goes away or the stream
 * is closed. A stream whose browser does not keep up is closed rather than buffered without bound:
 * the browser's EventSource reconnects and the page reloads its state.
 */
final class EventStream implements AutoCloseable {

  /** Frames a slow browser may fall behind by before its stream is dropped. */
  static final int MAX_BACKLOG = 256;

  /** Queued by {@link #close()} only to wake the pump; never written. */
  private static final String WAKE_UP = "";

  private final HttpExchange exchange;
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /**
   * A stream that will answer {@code exchange}. Events sent before {@link #pump} starts are kept
   * and written first, so a subscription can be made (and refused with a proper error answer)
   * before the response begins.
   */
  EventStream(HttpExchange exchange) {
    this.exchange = exchange;
  }

  /** Queues one event of {@code type} with {@code data} as JSON; false once closed. */
  boolean send(String type, Object data) {
    if (closed) {
      return false;
    }
    if (frames.size() >= MAX_BACKLOG) {
      close();
      return false;
    }
    String json;
    try {
      json = Http.JSON.writeValueAsString(data); // one line: JSON escapes every line break
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write event " + type, e);
    }
    frames.add("event: " + type + "\ndata: " + json + "\n\n");
    return true;
  }

  /**
   * Writes queued frames until the stream is closed or the browser is gone, with a comment line
   * every {@code heartbeat} so that a vanished browser is noticed (the write fails).
   */
  void pump(Duration heartbeat) {
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      // Ask the browser to reconnect quickly, and tell the page it is connected.
      write("retry: 1000\nevent: ready\ndata: {}\n\n");
      while (!closed) {
        String frame = frames.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
          write(": keep-alive\n\n");
        } else if (!frame.isEmpty()) {
          write(frame);
        }
      }
    } catch (IOException e) {
      // The browser went away: nothing to tell anyone.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
      exchange.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    frames.add(WAKE_UP);
  }

  private void write(String frame) throws IOException {
    OutputStream out = exchange.getResponseBody();
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
