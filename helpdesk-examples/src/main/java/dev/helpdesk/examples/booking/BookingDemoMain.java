package dev.helpdesk.examples.booking;

import java.net.URI;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the booking demo ({@link BookingDemoApplication}) and keeps it running until Ctrl-C:
 * {@code mvn -q -pl helpdesk-examples -am compile exec:java} from the repository root. The port is
 * 8080 unless {@code -Dport=...} or the environment variable {@code PORT} says otherwise.
 */
public final class BookingDemoMain {

  private BookingDemoMain() {}

  /** Starts the demo and prints where it is and who can sign in; Ctrl-C stops it. */
  public static void main(String[] args) {
    int port = port(System.getProperty("port"), System.getenv("PORT"));
    // Hibernate logs through jboss-logging, which would pick java.util.logging and print its
    // start-up INFO lines; through slf4j, simplelogger.properties keeps the console to warnings.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    ConfigurableApplicationContext demo = BookingDemoApplication.start(port, args);
    URI url =
        BookingDemoApplication.url(
            demo.getEnvironment().getProperty("local.server.port", Integer.class, port));
    System.out.println();
    System.out.println("Booking demo running at " + url + " (password of every user: demo)");
    System.out.println(
        "  customer site: " + url + "  as ana@example.com, ben@example.com, chloe@example.com");
    System.out.println("  agent console: " + url.resolve("agent") + "  as bea, cal, sue");
    System.out.println("  mailbox:       " + url.resolve("mailbox") + "  as operator");
    System.out.println("Press Ctrl-C to stop.");
  }

  /** The port asked for by system property, else by environment, else 8080. */
  static int port(String property, String environment) {
    String value =
        property != null && !property.isBlank()
            ? property
            : environment != null && !environment.isBlank() ? environment : "8080";
    try {
      int port = Integer.parseInt(value.strip());
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The port must be a number from 0 to 65535 (was '" + value + "')", e);
    }
  }
}
