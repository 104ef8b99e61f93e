package dev.helpdesk.web;

import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.live.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this instance. Each is a Server-Sent Events response held open
 * asynchronously (it ties up no request thread), fed by a desk subscription from the desk's own
 * delivery thread. Bounded per principal and in total: a stream over either bound is refused with
 * 429 before anything is subscribed. A stream that completes, times out or fails (the browser went
 * away: the next heartbeat's write fails) is unsubscribed and gives its place back.
 *
 * <p>When the application stops, the streams end first, before the web server's graceful shutdown
 * waits for open requests: a stream is a request that never ends on its own, so the server would
 * otherwise wait out its whole shutdown timeout (30 s by default) for them. Clients reconnect, to
 * another instance. Streams asked for after that are refused with 503.
 */
final class LiveStreams implements AutoCloseable, SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

  private final int perPrincipal;
  private final int total;
  private final Duration timeout;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Integer> byPrincipal = new ConcurrentHashMap<>();
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats;
  private volatile boolean running;

  LiveStreams(int perPrincipal, int total, Duration timeout, Duration heartbeat) {
    this.perPrincipal = perPrincipal;
    this.total = total;
    this.timeout = timeout;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "helpdesk-web-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = heartbeat.toMillis();
    heartbeats.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens a stream for {@code principal}: reserves a place, subscribes with {@code subscribe}
   * (which may refuse, as the desk's access rules say) and answers the emitter the controller
   * returns.
   *
   * @throws WebRefusal 429 {@code too-many-streams} over a bound, 503 {@code shutting-down} once
   *     the application is stopping
   */
  SseEmitter open(
      String principal, String apiPath, Function<LiveListener, Subscription> subscribe) {
    if (!running) {
      throw WebRefusal.shuttingDown();
    }
    reserve(principal);
    Stream stream = new Stream(principal, new SseEmitter(timeout.toMillis()), apiPath);
    try {
      stream.subscription = subscribe.apply(stream::deliver);
    } catch (RuntimeException refused) {
      stream.release();
      throw refused;
    }
    streams.add(stream);
    stream.emitter.onCompletion(stream::release);
    stream.emitter.onTimeout(stream::finish);
    stream.emitter.onError(e -> stream.release());
    // The first event tells the client the stream is live, and sends the headers at once.
    stream.send(
        SseEmitter.event().name("open").comment("live").data("{}", MediaType.APPLICATION_JSON));
    return stream.emitter;
  }

  /** How many streams are open now, for tests and diagnostics. */
  int openStreams() {
    return open.get();
  }

  private void reserve(String principal) {
    int now = open.incrementAndGet();
    if (now > total) {
      open.decrementAndGet();
      throw WebRefusal.tooManyStreams("on this server", Duration.ofSeconds(30));
    }
    boolean[] over = {false};
    byPrincipal.compute(
        principal,
        (who, count) -> {
          int mine = count == null ? 0 : count;
          if (mine >= perPrincipal) {
            over[0] = true;
            return count;
          }
          return mine + 1;
        });
    if (over[0]) {
      open.decrementAndGet();
      throw WebRefusal.tooManyStreams("for this user", Duration.ofSeconds(30));
    }
  }

  private void beat() {
    for (Stream stream : streams) {
      stream.send(SseEmitter.event().comment("heartbeat"));
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream; runs before the web server's graceful shutdown (a later phase). */
  @Override
  public void stop() {
    running = false;
    for (Stream stream : streams) {
      stream.finish();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    stop();
    heartbeats.shutdownNow();
  }

  /** One open stream: its emitter, its subscription and its place in the bounds. */
  private final class Stream {
    final String principal;
    final SseEmitter emitter;
    final String apiPath;
    final AtomicBoolean released = new AtomicBoolean();
    volatile Subscription subscription;

    Stream(String principal, SseEmitter emitter, String apiPath) {
      this.principal = principal;
      this.emitter = emitter;
      this.apiPath = apiPath;
    }

    void deliver(LiveUpdate update) {
      Views.UpdateView view = Views.UpdateView.of(update, apiPath);
      send(SseEmitter.event().name(view.type()).data(view, MediaType.APPLICATION_JSON));
    }

    void send(SseEmitter.SseEventBuilder event) {
      if (released.get()) {
        return;
      }
      try {
        emitter.send(event);
      } catch (IOException | IllegalStateException gone) {
        // The client went away (or the stream already ended): stop feeding it.
        LOG.debug("live stream of {} closed: {}", principal, gone.toString());
        release();
        try {
          emitter.completeWithError(gone);
        } catch (IllegalStateException alreadyDone) {
          // nothing left to complete
        }
      }
    }

    /** Ends the stream normally (timeout, shutdown); the client reconnects if it wants. */
    void finish() {
      release();
      try {
        emitter.complete();
      } catch (IllegalStateException alreadyDone) {
        // completed elsewhere first
      }
    }

    void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      streams.remove(this);
      Optional.ofNullable(subscription).ifPresent(Subscription::close);
      byPrincipal.computeIfPresent(principal, (who, count) -> count <= 1 ? null : count - 1);
      open.decrementAndGet();
    }
  }
}
