package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.TicketId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the host application ends the open live streams instead of waiting for them: with a
 * graceful shutdown that would wait ten minutes for open requests, closing the application returns
 * and the client's stream ends as a complete response.
 */
class LiveStreamsShutdownTest {

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void closingTheApplicationEndsOpenStreamsBeforeTheGracefulShutdownWaitsForThem()
      throws Exception {
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WebTestApplication.class)
            .properties(
                "server.port=0",
                "server.shutdown=graceful",
                "spring.lifecycle.timeout-per-shutdown-phase=10m",
                "spring.autoconfigure.exclude="
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "helpdesk.jobs.enabled=false")
            .run();
    List<String> lines = new ArrayList<>();
    try (Socket socket = new Socket("127.0.0.1", port(app))) {
      socket.setSoTimeout(60_000);
      TicketId id =
          app.getBean(HelpDesk.class)
              .open(
                  Actor.customer("ana@example.com"),
                  NewTicket.builder()
                      .requester("ana@example.com", "Ana Lima", "ana@example.com")
                      .subject("Seat missing")
                      .description("No seat shown on my e-ticket")
                      .build())
              .id();
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /helpdesk/api/tickets/"
                  + id
                  + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                  + "Authorization: Basic "
                  + Base64.getEncoder()
                      .encodeToString("ana@example.com:ana-pw".getBytes(StandardCharsets.UTF_8))
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line = in.readLine(); !line.contains("event:open"); line = in.readLine()) {
        lines.add(line);
      }
      assertThat(lines.get(0)).contains("200");
      assertThat(app.getBean(LiveStreams.class).openStreams()).isOne();

      app.close();

      // The stream's response was completed: its last chunk (a zero-length one) arrived.
      List<String> rest = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.equals("0"); line = in.readLine()) {
        rest.add(line);
      }
      assertThat(in.readLine()).as("the end of the chunked response after %s", rest).isEmpty();
    } finally {
      app.close();
    }
  }

  private static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }
}
