package dev.helpdesk.examples.booking;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jobs.DeskScheduler;
import dev.helpdesk.jobs.JobIntervals;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small booking application with the desk embedded, ready to click through: a customer site, an
 * agent console and a mailbox, served by the JDK's HTTP server on loopback.
 *
 * <p>Everything is embedded and in-process: the shop's bookings and the desk's tables in one H2
 * database (the desk through {@code helpdesk-jpa}, the shop through plain JDBC), mail through an
 * embedded GreenMail server (SMTP out, IMAP in), and the desk's time-driven work (sending mail,
 * reading the support mailbox, SLA timers, the queue, the close sweep) on a scheduled executor.
 * {@link #close()} stops all of it.
 */
public final class BookingDemo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BookingDemo.class);

  /** Short intervals, so that a demo feels immediate. */
  static final JobIntervals DEMO_INTERVALS =
      JobIntervals.production()
          .with(DeskJobs.DISPATCH, Duration.ofSeconds(1))
          .with(DeskJobs.MAIL_POLL, Duration.ofSeconds(2))
          .with(DeskJobs.SLA_MONITOR, Duration.ofSeconds(5))
          .with(DeskJobs.QUEUE, Duration.ofSeconds(10))
          .with(DeskJobs.ESCALATION, Duration.ofMinutes(1))
          .with(DeskJobs.CLOSE_SWEEP, Duration.ofMinutes(1));

  /** The address customers write to and the desk sends from. */
  static final String SUPPORT_ADDRESS = "support@desk.example";

  private final List<AutoCloseable> closers = new ArrayList<>();
  private URI url;
  private HelpDesk desk;
  private GreenMail mail;
  private Bookings bookings;
  private Live live;

  private BookingDemo() {}

  /**
   * Starts the demo on {@code port} of the loopback interface (0 for any free port).
   *
   * @throws UncheckedIOException if the port is taken
   */
  public static BookingDemo start(int port) {
    BookingDemo demo = new BookingDemo();
    try {
      demo.startAll(port, DEMO_INTERVALS);
      return demo;
    } catch (RuntimeException | Error e) {
      demo.close();
      throw e;
    }
  }

  /** Where the customer site is, e.g. {@code http://localhost:8080/}. */
  public URI url() {
    return url;
  }

  HelpDesk desk() {
    return desk;
  }

  private void startAll(int port, JobIntervals intervals) {
    // The server binds first: the desk's mails link to its address.
    HttpServer server = bind(port);
    url = URI.create("http://localhost:" + server.getAddress().getPort() + "/");

    // 1. One embedded database for the shop and the desk, each schema applied by Flyway.
    JdbcConnectionPool pool =
        JdbcConnectionPool.create(
            "jdbc:h2:mem:booking-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    closers.add(() -> shutDown(pool));
    migrate(pool, "classpath:db/booking", "booking_schema_history");
    migrate(pool, "classpath:db/helpdesk/h2", "helpdesk_schema_history");
    bookings = new Bookings(pool);
    DemoData.bookings(bookings, LocalDate.now(DemoData.zone()));

    // 2. The desk's persistence: JPA over the same pool.
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory(
            JpaHelpDeskStore.PERSISTENCE_UNIT,
            Map.of(
                "jakarta.persistence.nonJtaDataSource", pool,
                "hibernate.jdbc.time_zone", "UTC",
                "hibernate.hbm2ddl.auto", "validate"));
    closers.add(emf::close);
    JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, Database.h2());

    // 3. Mail: GreenMail on loopback; the desk sends over its SMTP and reads its IMAP.
    mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    closers.add(mail::stop);
    mail.setUser(SUPPORT_ADDRESS, "support", "support");
    MailSettings mailSettings =
        MailSettings.builder()
            .smtp("127.0.0.1", mail.getSmtp().getPort())
            .security(MailSettings.Security.NONE)
            .from(SUPPORT_ADDRESS, "Northwind Journeys Support")
            .ticketLink(url + "?ticket={id}")
            .agentTicketLink(url + "console.html?ticket={id}")
            .satisfactionLink(url + "?ticket={id}&rate=1")
            .zone(DemoData.zone())
            .build();

    // 4. The desk: automatic assignment by skill, SLAs around the clock, instant answers from
    // the help centre, macros, mail out.
    InMemoryKnowledgeBase articles = DemoData.knowledgeBase();
    HelpDeskBuilder builder =
        store
            .configure(HelpDesk.builder())
            .knowledgeBase(articles)
            .notifier(new MailNotifier(mailSettings))
            .assignment(
                AssignmentPolicy.builder()
                    .strategy(
                        Strategies.chain(
                            Strategies.skills(
                                Strategies.skillsFromTags(), Strategies.leastLoaded()),
                            Strategies.leastLoaded()))
                    .escalationGroup(DemoData.SUPERVISORS)
                    .build())
            .sla(
                SlaSettings.builder(BusinessCalendar.alwaysOpen())
                    .policy(
                        SlaPolicy.named("standard")
                            .firstReply(Duration.ofHours(1))
                            .nextReply(Duration.ofHours(2))
                            .resolution(Duration.ofDays(2))
                            .warning(WarningLead.before(Duration.ofMinutes(15)))
                            .build())
                    .onWarning(Escalation.notifyAssignee())
                    .onBreach(Escalation.raisePriority(), Escalation.notifySupervisors())
                    .build());
    DemoData.macros().forEach(builder::macro);
    desk = builder.build();
    closers.add(desk::close); // ends live subscriptions and their delivery threads
    Agents agents = store.agents();
    Views views = new Views(agents);
    live = new Live(desk, views);
    SupportSite site = new SupportSite(desk, bookings);
    DemoData.agents(desk);
    DemoData.conversations(site, desk);

    MailIntake intake = new MailIntake(desk, IntakeSettings.from(mailSettings));
    ImapPoller poller =
        new ImapPoller(
            ImapSettings.of("127.0.0.1", mail.getImap().getPort(), "support", "support")
                .withoutSsl(),
            intake);

    // 5. The desk's time-driven work: mail out and in, SLA timers, the queue, the sweeps.
    List<DeskJob> jobs = new ArrayList<>(DeskJobs.standard(desk, intervals));
    intervals.job(DeskJobs.MAIL_POLL, () -> poller.pollOnce().size()).ifPresent(jobs::add);
    DeskScheduler scheduler = DeskScheduler.start(jobs);
    closers.add(scheduler::close);

    // 6. The site.
    Identity identity = new Identity(bookings, agents);
    Router api = new Router();
    new CustomerApi(desk, bookings, site, identity, views, live, articles).register(api);
    new ConsoleApi(desk, agents, bookings, identity, views, live).register(api);
    new MailboxApi(
            mail,
            SUPPORT_ADDRESS,
            address ->
                bookings.customers().stream().anyMatch(c -> c.email().equalsIgnoreCase(address)))
        .register(api);
    server.createContext("/api/", api);
    server.createContext("/", new StaticFiles());
    // Event streams hold a thread each while open: a bounded pool, refusing beyond it.
    ThreadPoolExecutor http =
        new ThreadPoolExecutor(
            2, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("demo-http"));
    server.setExecutor(http);
    server.start();
    closers.add(
        () -> {
          live.closeAll(); // ends the event streams, whose threads would otherwise wait
          server.stop(0);
          http.shutdownNow();
        });
    log.info("Booking demo started at {}", url);
  }

  private static HttpServer bind(int port) {
    try {
      return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on port " + port + " (" + e.getMessage() + "); pick another one", e);
    }
  }

  /**
   * Applies the scripts under {@code location} with a history table of their own: the shop and the
   * desk share one schema, so the second to migrate finds tables it did not make and must start
   * from an empty baseline instead of refusing.
   */
  private static void migrate(JdbcConnectionPool pool, String location, String historyTable) {
    Flyway.configure()
        .dataSource(pool)
        .locations(location)
        .table(historyTable)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private static void shutDown(JdbcConnectionPool pool) throws SQLException {
    // DB_CLOSE_DELAY=-1 keeps an in-memory database for the JVM's life: end it explicitly.
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("shutdown");
    } finally {
      pool.dispose();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops everything, newest first; safe to call twice. */
  @Override
  public void close() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        log.warn("Stopping part of the demo failed", e);
      }
    }
    closers.clear();
  }
}
