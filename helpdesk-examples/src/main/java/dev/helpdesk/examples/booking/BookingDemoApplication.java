package dev.helpdesk.examples.booking;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.spring.HelpDeskCustomizer;
import dev.helpdesk.ticket.FieldDefinition;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A small travel shop with the desk embedded, ready to click through: a Spring Boot application on
 * the starter's desk and {@code helpdesk-web}, behind its own form login. Customers see their
 * bookings, each page with the customer widget; agents work in the agent console; the demo's
 * operator reads every mail the desk sent in the mailbox page.
 *
 * <p>Everything is embedded and in-process: the shop's bookings and the desk's tables in one H2
 * database (the desk through the starter's JPA store, the shop through plain JDBC), and mail
 * through an embedded GreenMail server (SMTP out, IMAP in).
 */
@SpringBootApplication
public class BookingDemoApplication {

  /** The address customers write to and the desk sends from. */
  static final String SUPPORT_ADDRESS = "support@desk.example";

  /**
   * Starts GreenMail and then the application on {@code port} of the loopback interface; closing
   * the context stops both. Command-line arguments ({@code --server.port=...}) override the demo's
   * settings.
   */
  public static ConfigurableApplicationContext start(int port, String... args) {
    GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    try {
      mail.setUser(SUPPORT_ADDRESS, "support", "support");
      SpringApplication app = new SpringApplication(BookingDemoApplication.class);
      app.setDefaultProperties(settings(port, mail));
      app.addInitializers(
          context -> {
            context.getBeanFactory().registerSingleton("demoMail", mail);
            context.addApplicationListener(
                event -> {
                  if (event instanceof ContextClosedEvent) {
                    mail.stop();
                  }
                });
          });
      return app.run(args);
    } catch (RuntimeException | Error e) {
      mail.stop();
      throw e;
    }
  }

  /** Where the demo is when it listens on {@code port}. */
  static URI url(int port) {
    return URI.create("http://localhost:" + port + "/");
  }

  private static Map<String, Object> settings(int port, GreenMail mail) {
    URI url = url(port);
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", port);
    p.put("server.address", "127.0.0.1");
    p.put("spring.main.banner-mode", "off");
    p.put("logging.level.org.apache", "warn");
    // One embedded database for the shop and the desk; the shop's schema comes first.
    p.put("spring.datasource.url", "jdbc:h2:mem:booking-demo-" + UUID.randomUUID());
    p.put("spring.datasource.username", "sa");
    p.put("spring.flyway.locations", "classpath:db/booking");
    p.put("spring.flyway.table", "booking_schema_history");
    p.put("spring.jpa.open-in-view", false);
    // Mail over the embedded GreenMail: SMTP out, the support mailbox read over IMAP.
    p.put("helpdesk.mail.host", "127.0.0.1");
    p.put("helpdesk.mail.port", mail.getSmtp().getPort());
    p.put("helpdesk.mail.security", "none");
    p.put("helpdesk.mail.from", SUPPORT_ADDRESS);
    p.put("helpdesk.mail.from-name", "Northwind Journeys Support");
    p.put("helpdesk.mail.ticket-link", url + "?ticket={id}");
    p.put("helpdesk.mail.agent-ticket-link", url + "agent?ticket={id}");
    p.put("helpdesk.mail.zone", DemoData.zone().getId());
    p.put("helpdesk.mail.imap.host", "127.0.0.1");
    p.put("helpdesk.mail.imap.port", mail.getImap().getPort());
    p.put("helpdesk.mail.imap.ssl", false);
    p.put("helpdesk.mail.imap.username", "support");
    p.put("helpdesk.mail.imap.password", "support");
    // Short intervals, so that a demo feels immediate.
    p.put("helpdesk.jobs.dispatch.interval", "1s");
    p.put("helpdesk.jobs.mail-poll.interval", "2s");
    p.put("helpdesk.jobs.sla-monitor.interval", "5s");
    p.put("helpdesk.jobs.queue.interval", "10s");
    p.put("helpdesk.jobs.escalation.interval", "1m");
    p.put("helpdesk.jobs.close-sweep.interval", "1m");
    // Changes to one ticket for one person a few seconds apart still go out as one mail.
    p.put("helpdesk.notifications.coalescing-window", "3s");
    return p;
  }

  @Bean
  Bookings bookings(DataSource data) {
    return new Bookings(data);
  }

  /** The help centre: articles the desk offers as instant answers when a query comes in. */
  @Bean
  KnowledgeBase helpCentre() {
    return DemoData.knowledgeBase();
  }

  /** SLAs around the clock: a first reply within an hour, a solution within two days. */
  @Bean
  SlaSettings slaSettings() {
    return SlaSettings.builder(BusinessCalendar.alwaysOpen())
        .policy(
            SlaPolicy.named("standard")
                .firstReply(Duration.ofHours(1))
                .nextReply(Duration.ofHours(2))
                .resolution(Duration.ofDays(2))
                .warning(WarningLead.before(Duration.ofMinutes(15)))
                .build())
        .onWarning(Escalation.notifyAssignee())
        .onBreach(Escalation.raisePriority())
        .build();
  }

  /** The replies agents use often, in the console's macro list. */
  @Bean
  HelpDeskCustomizer demoMacros() {
    return builder -> DemoData.macros().forEach(builder::macro);
  }

  /** The fields the booking pages send and agents file in the console. */
  @Bean
  HelpDeskCustomizer demoFields() {
    return builder -> builder.fields(DemoData.fields().toArray(FieldDefinition[]::new));
  }

  /** The shop's customers and bookings, the desk's agents, two conversations under way. */
  @Bean
  ApplicationRunner demoData(HelpDesk desk, Bookings bookings) {
    return args -> {
      DemoData.bookings(bookings, LocalDate.now(DemoData.zone()));
      DemoData.agents(desk);
      DemoData.conversations(new SupportSite(desk, bookings), desk);
    };
  }
}
