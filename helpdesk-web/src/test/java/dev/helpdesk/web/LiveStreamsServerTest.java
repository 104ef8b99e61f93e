package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.ticket.TicketId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API on a real server (Tomcat with four request threads): the CSRF cookie a page's script
 * reads, live streams that deliver updates and hide internal notes, and stream bounds that leave
 * the server answering ordinary requests with more streams open than it has threads.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
      "server.tomcat.threads.max=4",
      "server.tomcat.threads.min-spare=1",
      "helpdesk.web.streams.per-principal=2",
      "helpdesk.web.streams.total=5",
      "helpdesk.web.streams.heartbeat=200ms",
    })
class LiveStreamsServerTest {

  @LocalServerPort int port;
  @Autowired HelpDesk desk;
  @Autowired LiveStreams streams;

  final List<Socket> open = new ArrayList<>();

  @BeforeEach
  void agents() {
    desk.saveAgent(Actor.system("test"), Agent.of("agent-1", "Alex Agent", "alex@example.com"));
  }

  /**
   * Closes this test's streams and waits until the server has given their places back (a heartbeat
   * finds each one gone), so that the next test starts under its bounds again.
   */
  @AfterEach
  void closeStreams() throws IOException, InterruptedException {
    for (Socket s : open) {
      s.close();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (streams.openStreams() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(streams.openStreams()).as("streams still open after the test").isZero();
  }

  /** A client with its own cookie jar, signed in with HTTP Basic. */
  final class Client {
    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    final String user;
    final String password;

    Client(String user, String password) {
      this.user = user;
      this.password = password;
    }

    String basic() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", basic());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body, String csrfHeader) throws Exception {
      HttpRequest.Builder r =
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (csrfHeader != null) {
        r.header("X-XSRF-TOKEN", csrfHeader);
      }
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrfCookie() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElseThrow();
    }

    /** Raises a ticket the way a page's script does: read the cookie, echo it in a header. */
    String raise(String subject) throws Exception {
      get("/helpdesk/api/me");
      HttpResponse<String> r =
          postJson(
              "/helpdesk/api/tickets",
              "{\"subject\":\"" + subject + "\",\"description\":\"No seat shown\"}",
              csrfCookie());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      return JsonPath.read(r.body(), "$.ticket.id");
    }

    /** Opens a stream on a raw socket, so that the test decides when the client goes away. */
    Stream stream(String path) throws IOException {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      open.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: "
                  + basic()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new Stream(socket);
    }
  }

  /** The lines a stream has sent so far, read on a thread of its own. */
  static final class Stream {
    final Socket socket;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final String status;

    Stream(Socket socket) throws IOException {
      this.socket = socket;
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.status = in.readLine();
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException closed) {
                  // the test closed the socket
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a line containing {@code text}; returns every line read up to it. */
    List<String> until(String text) throws InterruptedException {
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (line.contains(text)) {
            return seen;
          }
        }
      }
      throw new AssertionError("no line with '" + text + "' in " + seen);
    }
  }

  @Test
  void thePagesScriptReadsTheCsrfCookieAndAForgedTokenIsRefused() throws Exception {
    Client ana = new Client("ana@example.com", "ana-pw");
    ana.get("/helpdesk/api/me");
    HttpCookie cookie =
        ana.cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow();
    assertThat(cookie.isHttpOnly()).isFalse();
    ana.raise("Seat missing");
    HttpResponse<String> forged =
        ana.postJson("/helpdesk/api/tickets", "{\"subject\":\"Forged\"}", "not-the-token");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat((String) JsonPath.read(forged.body(), "$.code")).isEqualTo("csrf");
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/helpdesk/api/me"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void aCustomersStreamCarriesRepliesButNeverInternalNotes() throws Exception {
    Client ana = new Client("ana@example.com", "ana-pw");
    String id = ana.raise("Seat missing, live");
    Stream stream = ana.stream("/helpdesk/api/tickets/" + id + "/stream");
    assertThat(stream.status).contains("200");
    stream.until("event:open");
    TicketId ticket = TicketId.parse(id);
    desk.note(Actor.agent("agent-1"), ticket, "Internal: VIP customer");
    desk.reply(Actor.agent("agent-1"), ticket, "Your seat is 12A");
    List<String> lines = stream.until("Your seat is 12A");
    assertThat(lines).anyMatch(l -> l.contains("event:message"));
    assertThat(String.join("\n", lines)).doesNotContain("VIP");
    // Heartbeats keep an idle stream alive.
    stream.until(":heartbeat");
  }

  @Test
  void streamsAreBoundedAndNeverStarveOrdinaryRequests() throws Exception {
    Client ana = new Client("ana@example.com", "ana-pw");
    Client ben = new Client("ben@example.com", "ben-pw");
    Client agent = new Client("agent-1", "agent-pw");
    String anasTicket = ana.raise("Seat, streamed");
    String bensTicket = ben.raise("Seat, streamed too");
    String queue = "/helpdesk/api/agents/me/queue/stream";
    int before = streams.openStreams();
    assertThat(before).isZero();

    Stream first = ana.stream("/helpdesk/api/tickets/" + anasTicket + "/stream");
    ana.stream("/helpdesk/api/tickets/" + anasTicket + "/stream").until("event:open");
    first.until("event:open");
    // Ana's third stream is over her bound.
    HttpResponse<String> third = ana.get("/helpdesk/api/tickets/" + anasTicket + "/stream");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat((String) JsonPath.read(third.body(), "$.code")).isEqualTo("too-many-streams");
    assertThat(third.headers().firstValue("Retry-After")).isPresent();

    ben.stream("/helpdesk/api/tickets/" + bensTicket + "/stream").until("event:open");
    ben.stream("/helpdesk/api/tickets/" + bensTicket + "/stream").until("event:open");
    agent.stream(queue).until("event:open");
    assertThat(streams.openStreams()).isEqualTo(5);
    // The server's bound is reached: the agent, under their own bound, is refused too.
    HttpResponse<String> overall = agent.get(queue);
    assertThat(overall.statusCode()).isEqualTo(429);

    // Five streams are open on four request threads, and ordinary requests still answer.
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> me = agent.get("/helpdesk/api/me");
      assertThat(me.statusCode()).isEqualTo(200);
    }
    assertThat(ana.get("/helpdesk/api/tickets/" + anasTicket).statusCode()).isEqualTo(200);

    // A client that goes away gives its place back once a heartbeat finds it gone.
    first.socket.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (streams.openStreams() > 4 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(streams.openStreams()).isEqualTo(4);
    ana.stream("/helpdesk/api/tickets/" + anasTicket + "/stream").until("event:open");
  }
}
