package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The desk's Micrometer meters:
 *
 * <ul>
 *   <li>{@code helpdesk.tickets.opened} and {@code helpdesk.tickets.solved}, counters tagged with
 *       the ticket's {@code channel};
 *   <li>{@code helpdesk.notifications.sent} and {@code helpdesk.notifications.failed}, counters
 *       tagged with the notification {@code kind}; {@code helpdesk.notifications.dead} and {@code
 *       helpdesk.notifications.backlog}, gauges of the outbox;
 *   <li>{@code helpdesk.sla.warnings} and {@code helpdesk.sla.breaches}, counters tagged with the
 *       SLA {@code target};
 *   <li>{@code helpdesk.queue.size}, a gauge per {@code group} of unassigned tickets ({@code none}
 *       for tickets without a group), refreshed every {@value #QUEUE_REFRESH_SECONDS} seconds;
 *   <li>{@code helpdesk.assignment.time}, a timer from a ticket's opening to its first assignment.
 * </ul>
 *
 * Counters count what this instance did; sum them across instances. The gauges read the shared
 * store, so every instance shows the same value.
 */
final class HelpDeskMeters
    implements MeterBinder, HelpDeskAutoConfiguration.NotifierDecorator, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(HelpDeskMeters.class);
  static final int QUEUE_REFRESH_SECONDS = 30;
  private static final Actor READER = Actor.system("helpdesk-metrics");
  private static final int REMEMBERED_TICKETS = 10_000;

  private final ObjectProvider<HelpDesk> deskProvider;
  private volatile HelpDesk desk;
  private final Outbox outbox;
  private final Map<TicketId, Opened> opened =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TicketId, Opened> eldest) {
          return size() > REMEMBERED_TICKETS;
        }
      };
  private final ExecutorService lookups =
      Executors.newSingleThreadExecutor(daemon("helpdesk-metrics-lookup"));
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(daemon("helpdesk-metrics-queue"));
  private volatile MeterRegistry registry;
  private volatile MultiGauge queue;

  /** What the meters need to know about a ticket opened earlier. */
  private record Opened(Channel channel, Instant at) {}

  /**
   * The desk is looked up when the meters are bound, since the desk is built with {@link #decorate}
   * around its notifier.
   */
  HelpDeskMeters(ObjectProvider<HelpDesk> desk, Outbox outbox) {
    this.deskProvider = desk;
    this.outbox = outbox;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.desk = deskProvider.getObject();
    this.registry = registry;
    Gauge.builder("helpdesk.notifications.backlog", outbox, Outbox::undelivered)
        .description("Notifications not yet delivered")
        .register(registry);
    Gauge.builder(
            "helpdesk.notifications.dead",
            desk,
            d -> d.deadLetters(HelpDeskHealthIndicator.DEAD_LETTER_LIMIT).size())
        .description("Notifications given up on (counted up to 1000)")
        .register(registry);
    queue =
        MultiGauge.builder("helpdesk.queue.size")
            .description("Unassigned tickets per group")
            .register(registry);
    desk.addListener(this::on);
    refreshQueue();
    refresher.scheduleWithFixedDelay(
        this::refreshQuietly, QUEUE_REFRESH_SECONDS, QUEUE_REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  /** Counts deliveries through {@code notifier}. */
  @Override
  public Notifier decorate(Notifier notifier) {
    return new Notifier() {
      @Override
      public void deliver(Notification notification) {
        try {
          notifier.deliver(notification);
        } catch (RuntimeException e) {
          count("helpdesk.notifications.failed", notification);
          throw e;
        }
        count("helpdesk.notifications.sent", notification);
      }

      @Override
      public void deliverEach(List<Notification> batch, Outcomes outcomes) {
        // Counted as each is reported, so the dispatcher still hears of every delivery at once.
        notifier.deliverEach(
            batch,
            new Outcomes() {
              @Override
              public void delivered(Notification notification) {
                count("helpdesk.notifications.sent", notification);
                outcomes.delivered(notification);
              }

              @Override
              public void failed(Notification notification, RuntimeException failure) {
                count("helpdesk.notifications.failed", notification);
                outcomes.failed(notification, failure);
              }
            });
      }
    };
  }

  private void count(String name, Notification notification) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter(name, "kind", tag(notification.kind().name())).increment();
    }
  }

  /** Re-reads the unassigned queue into {@code helpdesk.queue.size}. */
  void refreshQueue() {
    List<Ticket> unassigned = desk.unassignedQueue(READER);
    Map<String, Long> byGroup =
        unassigned.stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.group().map(g -> g.value()).orElse("none"),
                    TreeMap::new,
                    Collectors.counting()));
    queue.register(
        byGroup.entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("group", e.getKey()), e.getValue()))
            .toList(),
        true);
  }

  private void refreshQuietly() {
    try {
      refreshQueue();
    } catch (RuntimeException e) {
      log.warn("Could not read the unassigned queue for helpdesk.queue.size", e);
    }
  }

  private void on(TicketEvent event) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    if (event instanceof TicketEvent.Created created) {
      remember(created.ticketId(), new Opened(created.channel(), created.at()));
      r.counter("helpdesk.tickets.opened", "channel", tag(created.channel().name())).increment();
    } else if (event instanceof TicketEvent.StatusChanged changed
        && changed.to() == Status.SOLVED) {
      withOpened(
          changed.ticketId(),
          o ->
              r.counter("helpdesk.tickets.solved", "channel", tag(o.channel().name())).increment());
    } else if (event instanceof TicketEvent.Assigned assigned
        && assigned.from().isEmpty()
        && assigned.to().isPresent()) {
      withOpened(
          assigned.ticketId(),
          o ->
              Timer.builder("helpdesk.assignment.time")
                  .description("From a ticket's opening to its first assignment")
                  .register(r)
                  .record(Duration.between(o.at(), assigned.at())));
    } else if (event instanceof TicketEvent.SlaWarned warned) {
      r.counter("helpdesk.sla.warnings", "target", tag(warned.target().name())).increment();
    } else if (event instanceof TicketEvent.SlaBreached breached) {
      r.counter("helpdesk.sla.breaches", "target", tag(breached.target().name())).increment();
    }
  }

  private void remember(TicketId id, Opened what) {
    synchronized (opened) {
      opened.put(id, what);
    }
  }

  /**
   * Runs {@code use} with what is known of the ticket's opening: remembered from its {@code
   * Created} event, or (opened on another instance, or long ago) read from the store on another
   * thread, since events arrive while the transaction that made them is completing.
   */
  private void withOpened(TicketId id, java.util.function.Consumer<Opened> use) {
    Opened known;
    synchronized (opened) {
      known = opened.get(id);
    }
    if (known != null) {
      use.accept(known);
      return;
    }
    lookups.execute(
        () -> {
          try {
            Ticket ticket = desk.ticket(READER, id).ticket();
            Opened read = new Opened(ticket.channel(), ticket.createdAt());
            remember(id, read);
            use.accept(read);
          } catch (RuntimeException e) {
            log.debug("Could not read ticket {} for the meters", id, e);
          }
        });
  }

  private static String tag(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
    lookups.shutdownNow();
  }
}
