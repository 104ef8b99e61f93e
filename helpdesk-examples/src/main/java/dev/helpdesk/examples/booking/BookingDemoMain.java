package dev.helpdesk.examples.booking;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the booking demo and keeps it running until Ctrl-C: {@code mvn -q -pl helpdesk-examples
 * -am compile exec:java} from the repository root. The port is 8080 unless {@code -Dport=...} or
 * the environment variable {@code PORT} says otherwise.
 */
public final class BookingDemoMain {

  private BookingDemoMain() {}

  /** Starts the demo, prints where it is, and waits for the JVM to be stopped. */
  public static void main(String[] args) throws InterruptedException {
    int port = port(System.getProperty("port"), System.getenv("PORT"));
    // Hibernate logs through jboss-logging, which would pick java.util.logging and print its
    // start-up INFO lines; through slf4j, simplelogger.properties keeps the console to warnings.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    BookingDemo demo = BookingDemo.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  demo.close();
                  stopped.countDown();
                },
                "demo-shutdown"));
    System.out.println();
    System.out.println("Booking demo running at " + demo.url());
    System.out.println("  customer site: " + demo.url());
    System.out.println("  agent console: " + demo.url().resolve("console.html"));
    System.out.println("  mailbox:       " + demo.url().resolve("mailbox.html"));
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
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
