package dev.helpdesk.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentStrategy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.files.FileSystemAttachments;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.sla.CalendarRule;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.TicketMatch;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.webhook.Webhook;
import dev.helpdesk.webhook.WebhookEvent;
import dev.helpdesk.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Every condition and override of the auto-configuration, without a database. */
class HelpDeskAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  HelpDeskAutoConfiguration.class, HelpDeskActuatorAutoConfiguration.class));

  static Ticket open(HelpDesk desk) {
    return desk.open(
        Actor.customer("c-1"),
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Payment failed")
            .description("Card declined twice")
            .build());
  }

  @Test
  void withoutDataSourceTheDeskIsInMemory() {
    runner
        .withPropertyValues("helpdesk.ticket-key-prefix=BK")
        .run(
            context -> {
              assertThat(context).hasSingleBean(HelpDesk.class);
              assertThat(context).doesNotHaveBean(JpaHelpDeskStore.class);
              assertThat(context).doesNotHaveBean(HelpDeskSchema.class);
              Ticket ticket = open(context.getBean(HelpDesk.class));
              assertThat(ticket.key().value()).startsWith("BK-");
            });
  }

  @Test
  void switchedOffThereIsNoDesk() {
    runner
        .withPropertyValues("helpdesk.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HelpDesk.class));
  }

  @Test
  void anApplicationsOwnDeskWins() {
    HelpDesk own = HelpDesk.builder().build();
    runner
        .withBean(HelpDesk.class, () -> own)
        .run(context -> assertThat(context.getBean(HelpDesk.class)).isSameAs(own));
  }

  @Test
  void aClockBeanIsTheDesksClock() {
    Clock fixed = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    runner
        .withBean(Clock.class, () -> fixed)
        .run(
            context -> {
              Ticket ticket = open(context.getBean(HelpDesk.class));
              assertThat(ticket.createdAt()).isEqualTo(fixed.instant());
            });
  }

  @Test
  void anAssignmentStrategyBeanAssignsNewTickets() {
    runner
        .withBean(AssignmentStrategy.class, Strategies::leastLoaded)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea", "bea@desk.example"));
              assertThat(open(desk).assignee())
                  .hasValueSatisfying(a -> assertThat(a.value()).isEqualTo("a-7"));
            });
  }

  @Test
  void aNotifierBeanDeliversTheDesksNotifications() {
    List<Notification> sent = new CopyOnWriteArrayList<>();
    runner
        .withPropertyValues("helpdesk.jobs.enabled=false")
        .withBean(Notifier.class, () -> sent::add)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              open(desk);
              assertThat(desk.dispatchNotifications()).isPositive();
              assertThat(sent).isNotEmpty();
            });
  }

  @Test
  void webhookBeansAreRegisteredAndPostedTo() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          events.add(exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_HEADER));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/in";
      runner
          .withPropertyValues("helpdesk.jobs.enabled=false")
          .withBean(
              "crm",
              Webhook.class,
              () -> Webhook.of("crm", url, "whsec-0123456789abcdef", WebhookEvent.TICKET_CREATED))
          .run(
              context -> {
                HelpDesk desk = context.getBean(HelpDesk.class);
                open(desk);
                desk.dispatchNotifications();
                assertThat(events).containsExactly("ticket.created");
              });
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void fieldDefinitionBeansAreTheDesksDeclaredFields() {
    FieldDefinition seat = FieldDefinition.choice("seat_class", "Seat class", "first", "second");
    runner
        .withPropertyValues("helpdesk.jobs.enabled=false")
        .withBean("seat", FieldDefinition.class, () -> seat)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              assertThat(desk.fields()).containsExactly(seat);
              Ticket t = open(desk);
              ValidationException refused =
                  assertThrows(
                      ValidationException.class,
                      () ->
                          desk.setFields(
                              Actor.system("test"), t.id(), Map.of("seat_class", "third")));
              assertThat(refused.field()).isEqualTo("customFields.seat_class");
            });
  }

  @Test
  void ticketsWithoutTheirOutboxAreRefused() {
    runner
        .withBean(Outbox.class, InMemoryOutbox::new)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("Declare Tickets and Outbox beans together"));
  }

  @Test
  void slaPolicyBeansTurnOnTheMonitorOnTheConfiguredCalendar() {
    runner
        .withPropertyValues(
            "helpdesk.sla.zone=Europe/Berlin",
            "helpdesk.sla.opens=08:00",
            "helpdesk.sla.closes=18:00")
        .withBean(
            SlaPolicy.class,
            () -> SlaPolicy.named("standard").firstReply(Duration.ofHours(4)).build())
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              assertThat(desk.slaMonitor()).isPresent();
              Ticket ticket = open(desk);
              assertThat(desk.firstReplyDue(Actor.system("test"), ticket.id())).isPresent();
            });
  }

  @Test
  void calendarRuleBeansChooseATicketsCalendar() {
    BusinessCalendar newYork =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    Instant monday = Instant.parse("2026-03-02T09:00:00Z"); // 10:00 in Berlin, 04:00 in New York
    runner
        .withPropertyValues(
            "helpdesk.sla.zone=Europe/Berlin",
            "helpdesk.sla.opens=09:00",
            "helpdesk.sla.closes=17:00")
        .withBean(Clock.class, () -> Clock.fixed(monday, ZoneOffset.UTC))
        .withBean(
            SlaPolicy.class,
            () -> SlaPolicy.named("standard").firstReply(Duration.ofHours(4)).build())
        .withBean(
            CalendarRule.class, () -> new CalendarRule(TicketMatch.field("region", "us"), newYork))
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              Actor staff = Actor.system("test");
              Ticket berlin = open(desk);
              Ticket us =
                  desk.open(
                      Actor.customer("c-ana"),
                      NewTicket.builder()
                          .requester("c-ana", "Ana", "ana@example.com")
                          .subject("Seat")
                          .description("Missing.")
                          .field("region", "us")
                          .build());
              // Berlin 10:00-14:00 (13:00Z); New York 09:00-13:00 (18:00Z).
              assertThat(desk.firstReplyDue(staff, berlin.id()))
                  .contains(Instant.parse("2026-03-02T13:00:00Z"));
              assertThat(desk.firstReplyDue(staff, us.id()))
                  .contains(Instant.parse("2026-03-02T18:00:00Z"));
            });
  }

  @Test
  void aNotificationRuleIsSwitchedOffAndTheWindowSetByProperties() {
    List<Notification> sent = new CopyOnWriteArrayList<>();
    runner
        .withPropertyValues(
            "helpdesk.jobs.enabled=false",
            "helpdesk.notifications.customer-received.enabled=false",
            "helpdesk.notifications.coalescing-window=0s")
        .withBean(Notifier.class, () -> sent::add)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              Ticket t = open(desk);
              desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea", "bea@desk.example"));
              desk.assign(Actor.system("admin"), t.id(), dev.helpdesk.agent.AgentId.of("a-7"));
              desk.dispatchNotifications();
              assertThat(sent)
                  .extracting(Notification::kind)
                  .as("no acknowledgement; the assignment at once, with no window")
                  .containsExactly(dev.helpdesk.notification.NotificationKind.TICKET_ASSIGNED);
            });
  }

  @Test
  void aCoalescingWindowOutOfRangeNamesItsProperty() {
    runner
        .withPropertyValues("helpdesk.notifications.coalescing-window=2h")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("helpdesk.notifications.coalescing-window"));
  }

  @Test
  void aBadSlaCalendarNamesItsProperty() {
    runner
        .withPropertyValues("helpdesk.sla.opens=25:00")
        .withBean(
            SlaPolicy.class,
            () -> SlaPolicy.named("standard").firstReply(Duration.ofHours(4)).build())
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "Failed to bind properties under 'helpdesk.sla.opens'"));
  }

  @Test
  void listenersCustomizersAndSpringEventsHearTheDesk() {
    List<TicketEvent> heard = new CopyOnWriteArrayList<>();
    List<Object> springEvents = new CopyOnWriteArrayList<>();
    runner
        .withBean(TicketEventListener.class, () -> heard::add)
        .withBean(
            HelpDeskCustomizer.class, () -> builder -> builder.closeSolvedAfter(Duration.ofDays(9)))
        .withBean(
            "spring-listener",
            ApplicationListener.class,
            () ->
                (ApplicationListener<PayloadApplicationEvent<TicketEvent>>)
                    e -> springEvents.add(e.getPayload()))
        .run(
            context -> {
              Ticket ticket = open(context.getBean(HelpDesk.class));
              assertThat(heard).first().isInstanceOf(TicketEvent.Created.class);
              assertThat(springEvents)
                  .anySatisfy(
                      e ->
                          assertThat(e)
                              .isInstanceOfSatisfying(
                                  TicketEvent.Created.class,
                                  c -> assertThat(c.ticketId()).isEqualTo(ticket.id())));
            });
  }

  @Test
  void jobIntervalsComeFromPropertiesAndEachJobCanBeSwitchedOff() {
    runner
        .withPropertyValues(
            "helpdesk.jobs.dispatch.interval=2s", "helpdesk.jobs.close-sweep.enabled=false")
        .run(
            context -> {
              HelpDeskJobs jobs = context.getBean(HelpDeskJobs.class);
              Map<String, Duration> intervals =
                  jobs.jobs().stream()
                      .collect(java.util.stream.Collectors.toMap(DeskJob::name, DeskJob::interval));
              assertThat(intervals)
                  .containsEntry(DeskJobs.DISPATCH, Duration.ofSeconds(2))
                  .containsEntry(DeskJobs.QUEUE, Duration.ofSeconds(30))
                  .containsEntry(DeskJobs.PENDING_FOLLOW_UP, Duration.ofMinutes(5))
                  .doesNotContainKeys(DeskJobs.CLOSE_SWEEP, DeskJobs.MAIL_POLL)
                  .as("no retention without helpdesk.closed-ticket-retention-months")
                  .doesNotContainKey(DeskJobs.RETENTION);
            });
  }

  @Test
  void theRetentionMonthsPropertyGivesTheDeskARetentionAndItsJob() {
    runner
        .withPropertyValues(
            "helpdesk.closed-ticket-retention-months=24", "helpdesk.jobs.retention.interval=30m")
        .run(
            context -> {
              assertThat(context.getBean(HelpDesk.class).closedTicketRetention())
                  .contains(java.time.Period.ofMonths(24));
              assertThat(context.getBean(HelpDeskJobs.class).jobs())
                  .anyMatch(
                      j ->
                          j.name().equals(DeskJobs.RETENTION)
                              && j.interval().equals(Duration.ofMinutes(30)));
            });
    runner
        .withPropertyValues("helpdesk.closed-ticket-retention-months=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("helpdesk.closed-ticket-retention-months"));
  }

  @Test
  void thePendingFollowUpJobHasItsPropertiesAndRemindsWithAFollowUpBean() {
    dev.helpdesk.testing.SettableClock clock =
        dev.helpdesk.testing.SettableClock.at("2026-03-02T09:00:00Z");
    runner
        .withPropertyValues("helpdesk.jobs.pending-follow-up.interval=1m")
        .withBean(java.time.Clock.class, () -> clock)
        .withBean(
            dev.helpdesk.pending.PendingFollowUp.class,
            () ->
                dev.helpdesk.pending.PendingFollowUp.builder()
                    .firstReminder(Duration.ofHours(1))
                    .build())
        .run(
            context -> {
              HelpDeskJobs jobs = context.getBean(HelpDeskJobs.class);
              DeskJob job =
                  jobs.jobs().stream()
                      .filter(j -> j.name().equals(DeskJobs.PENDING_FOLLOW_UP))
                      .findFirst()
                      .orElseThrow();
              assertThat(job.interval()).isEqualTo(Duration.ofMinutes(1));
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(
                  Actor.system("admin"),
                  dev.helpdesk.agent.Agent.of("a-pf", "Pia", "pia@desk.example"));
              Ticket t =
                  desk.open(
                      Actor.customer("c-pf"),
                      NewTicket.builder()
                          .requester("c-pf", "Pat", "pat@example.com")
                          .subject("Refund")
                          .description("Please.")
                          .build());
              desk.assign(Actor.agent("a-pf"), t.id(), dev.helpdesk.agent.AgentId.of("a-pf"));
              desk.changeStatus(Actor.agent("a-pf"), t.id(), dev.helpdesk.ticket.Status.PENDING);
              assertThat(desk.followUpPendingTickets()).isZero();
              clock.advance(Duration.ofHours(1));
              assertThat(desk.followUpPendingTickets()).as("the bean's reminder").isOne();
            });
    runner
        .withPropertyValues("helpdesk.jobs.pending-follow-up.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(HelpDeskJobs.class).jobs())
                    .noneMatch(j -> j.name().equals(DeskJobs.PENDING_FOLLOW_UP)));
  }

  @Test
  void theNoReplyRuleComesFromPropertiesOnTheDeclaredStrategy() {
    dev.helpdesk.testing.SettableClock clock =
        dev.helpdesk.testing.SettableClock.at("2026-03-02T09:00:00Z");
    runner
        .withPropertyValues(
            "helpdesk.assignment.no-reply-within=1h",
            "helpdesk.assignment.no-reply-reassignments=1")
        .withBean(java.time.Clock.class, () -> clock)
        .withBean(AssignmentStrategy.class, Strategies::leastLoaded)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(Actor.system("admin"), Agent.of("a-1", "Jo", "jo@desk.example"));
              desk.saveAgent(Actor.system("admin"), Agent.of("a-2", "Sam", "sam@desk.example"));
              Ticket ticket = open(desk);
              assertThat(ticket.assignee()).isPresent();
              clock.advance(Duration.ofMinutes(59));
              assertThat(desk.escalateOverdue()).isZero();
              clock.advance(Duration.ofMinutes(1));
              assertThat(desk.escalateOverdue()).isOne();
              List<TicketEvent> history = desk.ticket(Actor.system("test"), ticket.id()).history();
              TicketEvent.Assigned last =
                  history.stream()
                      .filter(TicketEvent.Assigned.class::isInstance)
                      .map(TicketEvent.Assigned.class::cast)
                      .reduce((a, b) -> b)
                      .orElseThrow();
              assertThat(last.reason()).contains("no-reply");
              assertThat(last.to()).isPresent().isNotEqualTo(ticket.assignee());
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "helpdesk.assignment.no-reply-within=0s",
        "helpdesk.assignment.no-reply-within=400d",
        "helpdesk.assignment.no-reply-reassignments=2",
        "helpdesk.assignment.no-reply-reassignments=-1"
      })
  void aBadNoReplyRuleNamesItsProperty(String property) {
    String name = property.substring(0, property.indexOf('='));
    runner
        .withPropertyValues(
            property.contains("reassignments=-1")
                ? List.of(property, "helpdesk.assignment.no-reply-within=1h").toArray(String[]::new)
                : new String[] {property})
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining(name));
  }

  @Test
  void aWrongIntervalNamesItsProperty() {
    runner
        .withPropertyValues("helpdesk.jobs.queue.interval=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("helpdesk.jobs.queue.interval"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "helpdesk.outbox.batch-size=0",
        "helpdesk.outbox.lease=0s",
        "helpdesk.outbox.ack-max-messages=0",
        "helpdesk.outbox.ack-max-delay=-1ms"
      })
  void aWrongOutboxSettingNamesItsProperty(String setting) {
    String property = setting.substring(0, setting.indexOf('='));
    runner
        .withPropertyValues(setting)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining(property));
  }

  @Test
  void theRoleSettingsComeFromProperties() {
    Actor admin = Actor.system("admin");
    Actor.Agent bea = Actor.agent("a-bea");
    runner
        .withPropertyValues(
            "helpdesk.roles.enforce-supervisor-role=true",
            "helpdesk.roles.agents-see-own-groups=true",
            "helpdesk.roles.customers-see-organisation=true")
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(
                  admin,
                  Agent.of("a-bea", "Bea", "bea@desk.example")
                      .withGroups(Set.of(GroupId.of("rail"))));
              desk.saveCustomer(
                  admin,
                  new Customer(
                      CustomerId.of("c-1"),
                      "Ana",
                      EmailAddress.of("ana@example.com"),
                      Optional.of(OrganisationId.of("acme"))));
              desk.saveCustomer(
                  admin,
                  new Customer(
                      CustomerId.of("c-2"),
                      "Dan",
                      EmailAddress.of("dan@example.com"),
                      Optional.of(OrganisationId.of("acme"))));
              Ticket t = open(desk);
              // Supervisor role: an agent may not save agents (make herself a supervisor).
              assertThatThrownBy(
                      () -> desk.saveAgent(bea, Agent.of("a-bea", "Bea", "bea@desk.example")))
                  .isInstanceOf(AccessDeniedException.class);
              // Agents see their groups: the ticket is in none.
              assertThatThrownBy(() -> desk.ticket(bea, t.id()))
                  .isInstanceOf(NotFoundException.class);
              // Organisations: a colleague reads it.
              assertThat(desk.ticket(Actor.customer("c-2"), t.id()).ticket().id())
                  .isEqualTo(t.id());
            });
    runner.run(
        context -> {
          HelpDesk desk = context.getBean(HelpDesk.class);
          Ticket t = open(desk);
          desk.saveAgent(admin, Agent.of("a-bea", "Bea", "bea@desk.example"));
          desk.saveAgent(bea, Agent.of("a-bea", "Bea", "bea@desk.example"));
          assertThat(desk.ticket(bea, t.id()).ticket().id()).isEqualTo(t.id());
          assertThatThrownBy(() -> desk.ticket(Actor.customer("c-2"), t.id()))
              .as("off by default")
              .isInstanceOf(NotFoundException.class);
        });
  }

  @Test
  void theOutboxSettingsAreTakenWhenValid() {
    runner
        .withPropertyValues(
            "helpdesk.outbox.batch-size=500",
            "helpdesk.outbox.lease=30s",
            "helpdesk.outbox.ack-max-messages=1",
            "helpdesk.outbox.ack-max-delay=0ms")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(HelpDeskProperties.class).getOutbox().getLease())
                  .isEqualTo(java.time.Duration.ofSeconds(30));
            });
  }

  @Test
  void jobsCanBeSwitchedOffForThisInstance() {
    runner
        .withPropertyValues("helpdesk.jobs.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HelpDeskJobs.class));
  }

  @Test
  void theJobsRunOnTheirOwnSchedulerAndDeliver() {
    CountDownLatch delivered = new CountDownLatch(1);
    runner
        .withPropertyValues("helpdesk.jobs.dispatch.interval=100ms")
        .withBean(Notifier.class, () -> n -> delivered.countDown())
        .run(
            context -> {
              open(context.getBean(HelpDesk.class));
              assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            });
  }

  @Test
  void theJobsRunOnTheApplicationsTaskScheduler() {
    CountDownLatch delivered = new CountDownLatch(1);
    List<String> threads = new CopyOnWriteArrayList<>();
    runner
        .withPropertyValues("helpdesk.jobs.dispatch.interval=100ms")
        .withBean(
            TaskScheduler.class,
            () -> {
              ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
              scheduler.setThreadNamePrefix("app-scheduler-");
              scheduler.initialize();
              return scheduler;
            })
        .withBean(
            Notifier.class,
            () ->
                n -> {
                  threads.add(Thread.currentThread().getName());
                  delivered.countDown();
                })
        .run(
            context -> {
              open(context.getBean(HelpDesk.class));
              assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
              assertThat(threads).first().asString().startsWith("app-scheduler-");
            });
  }

  @Test
  void mailNeedsItsAddressesAndNamesTheMissingProperty() {
    runner
        .withPropertyValues("helpdesk.mail.host=localhost")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("helpdesk.mail.from"));
  }

  @Test
  void aTicketLinkWithoutPlaceholderNamesItsProperty() {
    runner
        .withPropertyValues(
            "helpdesk.mail.host=localhost",
            "helpdesk.mail.from=support@desk.example",
            "helpdesk.mail.ticket-link=https://desk.example/tickets",
            "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("helpdesk.mail.ticket-link"));
  }

  @Test
  void mailPropertiesGiveAMailNotifier() {
    runner
        .withPropertyValues(
            "helpdesk.mail.host=localhost",
            "helpdesk.mail.port=2525",
            "helpdesk.mail.security=none",
            "helpdesk.mail.from=support@desk.example",
            "helpdesk.mail.ticket-link=https://desk.example/tickets/{key}",
            "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}")
        .run(
            context -> {
              assertThat(context).hasSingleBean(MailNotifier.class);
              assertThat(context).doesNotHaveBean(dev.helpdesk.mail.inbound.ImapPoller.class);
            });
  }

  private static final String[] MAIL = {
    "helpdesk.mail.host=localhost",
    "helpdesk.mail.port=2525",
    "helpdesk.mail.security=none",
    "helpdesk.mail.from=support@desk.example",
    "helpdesk.mail.ticket-link=https://desk.example/tickets/{key}",
    "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}"
  };

  @Test
  void anAttachmentsDirectoryIsClearedOfHalfWrittenFilesACrashLeftAtStart(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path shard = java.nio.file.Files.createDirectories(dir.resolve("files/ab"));
    java.nio.file.Path crashed = java.nio.file.Files.writeString(shard.resolve("ab1.partial"), "x");
    java.nio.file.Files.setLastModifiedTime(
        crashed,
        java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofHours(3))));
    java.nio.file.Path writing = java.nio.file.Files.writeString(shard.resolve("ab2.partial"), "y");
    runner
        .withPropertyValues(
            "helpdesk.jobs.enabled=false", "helpdesk.attachments.directory=" + dir.resolve("files"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(crashed).doesNotExist();
              assertThat(writing).exists();
            });
  }

  @Test
  void anAttachmentsDirectoryKeepsTheDesksFilesThereAndTheMailReadsTheSameStore(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path files = dir.resolve("files");
    runner
        .withPropertyValues(MAIL)
        .withPropertyValues(
            "helpdesk.jobs.enabled=false",
            "helpdesk.attachments.directory=" + files,
            "helpdesk.attachments.max-file-size=1KB",
            "helpdesk.mail.attachment-limit=2MB",
            "helpdesk.mail.attachment-link="
                + "https://desk.example/api/tickets/{id}/messages/{message}/attachments/{index}")
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(Actor.system("admin"), Agent.of("a-1", "Bea", "bea@desk.example"));
              Ticket t = open(desk);
              dev.helpdesk.conversation.Message note =
                  desk.note(
                      Actor.agent("a-1"),
                      t.id(),
                      dev.helpdesk.conversation.MessageDraft.text("Log")
                          .attach(
                              new dev.helpdesk.conversation.NewAttachment(
                                  "log.txt", "text/plain", new byte[] {1, 2})));
              String ref = note.attachments().get(0).ref().value();
              assertThat(ref).startsWith("fs:");
              try (var all = java.nio.file.Files.walk(files)) {
                assertThat(all.filter(java.nio.file.Files::isRegularFile))
                    .extracting(f -> f.getFileName().toString())
                    .containsExactly(ref.substring(3));
              }
              assertThatThrownBy(
                      () ->
                          desk.note(
                              Actor.agent("a-1"),
                              t.id(),
                              dev.helpdesk.conversation.MessageDraft.text("Big")
                                  .attach(
                                      new dev.helpdesk.conversation.NewAttachment(
                                          "big.bin", "application/octet-stream", new byte[1025]))))
                  .isInstanceOf(ValidationException.class);
              MailNotifier notifier = context.getBean(MailNotifier.class);
              assertThat(notifier.files()).containsInstanceOf(FileSystemAttachments.class);
              assertThat(notifier.settings().attachmentLimit()).isEqualTo(2L * 1024 * 1024);
              assertThat(notifier.settings().attachmentLink())
                  .contains(
                      "https://desk.example/api/tickets/{id}/messages/{message}/attachments/{index}");
            });
  }

  @Test
  void withoutADirectoryTheMailReadsTheDesksDefaultStore() {
    runner
        .withPropertyValues(MAIL)
        .run(
            context -> {
              MailNotifier notifier = context.getBean(MailNotifier.class);
              assertThat(notifier.files())
                  .containsSame(
                      context.getBean(HelpDeskAutoConfiguration.DeskAttachments.class).store());
              assertThat(notifier.files()).containsInstanceOf(InMemoryAttachments.class);
              assertThat(notifier.settings().attachmentLimit())
                  .isEqualTo(dev.helpdesk.mail.MailSettings.DEFAULT_ATTACHMENT_LIMIT);
              assertThat(notifier.settings().attachmentLink()).isEmpty();
            });
  }

  @Test
  void anAttachmentStoreBeanIsTheDesksAndTheMailsStore() {
    InMemoryAttachments own = new InMemoryAttachments(5);
    runner
        .withPropertyValues(MAIL)
        .withPropertyValues("helpdesk.attachments.directory=/nonexistent/never/used")
        .withBean(dev.helpdesk.conversation.AttachmentStore.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(MailNotifier.class).files()).containsSame(own);
              assertThat(context.getBean(HelpDeskAutoConfiguration.DeskAttachments.class).store())
                  .isSameAs(own);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "helpdesk.attachments.max-file-size=0B",
        "helpdesk.mail.attachment-limit=-1B",
        "helpdesk.mail.attachment-link=https://desk.example/tickets/{id}/files"
      })
  void aWrongAttachmentSettingNamesItsProperty(String setting) {
    runner
        .withPropertyValues(MAIL)
        .withPropertyValues("helpdesk.attachments.directory=target/test-attachments", setting)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining(setting.substring(0, setting.indexOf('='))));
  }

  @Test
  void aPortBeanReplacesTheStoresAdapter() {
    dev.helpdesk.memory.InMemoryAgents agents = new dev.helpdesk.memory.InMemoryAgents();
    runner
        .withBean(dev.helpdesk.agent.Agents.class, () -> agents)
        .run(
            context -> {
              context
                  .getBean(HelpDesk.class)
                  .saveAgent(Actor.system("admin"), Agent.of("a-3", "Cem", "cem@desk.example"));
              assertThat(agents.byId(dev.helpdesk.agent.AgentId.of("a-3"))).isPresent();
            });
  }

  @Test
  void anAssignmentPolicyBeanWinsOverAStrategyBean() {
    runner
        .withBean(AssignmentStrategy.class, Strategies::leastLoaded)
        .withBean(
            dev.helpdesk.assignment.AssignmentPolicy.class,
            dev.helpdesk.assignment.AssignmentPolicy::manual)
        .run(
            context -> {
              HelpDesk desk = context.getBean(HelpDesk.class);
              desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea", "bea@desk.example"));
              assertThat(open(desk).assignee()).isEmpty();
            });
  }

  @Test
  void withImapTheMailboxIsPolledAsAJob() {
    runner
        .withPropertyValues(
            "helpdesk.mail.host=localhost",
            "helpdesk.mail.security=none",
            "helpdesk.mail.from=support@desk.example",
            "helpdesk.mail.ticket-link=https://desk.example/tickets/{key}",
            "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}",
            "helpdesk.mail.imap.host=localhost",
            "helpdesk.mail.imap.username=support",
            "helpdesk.mail.imap.password=secret",
            "helpdesk.jobs.mail-poll.interval=1h")
        .run(
            context -> {
              assertThat(context).hasSingleBean(dev.helpdesk.mail.inbound.ImapPoller.class);
              dev.helpdesk.mail.inbound.ImapPoller poller =
                  context.getBean(dev.helpdesk.mail.inbound.ImapPoller.class);
              assertThat(poller.leaseName()).isEqualTo("imap:support@localhost:993/INBOX");
              assertThat(poller.owner()).contains("/" + ProcessHandle.current().pid() + "/");
              assertThat(context.getBean(HelpDeskJobs.class).jobs())
                  .anySatisfy(
                      job -> {
                        assertThat(job.name()).isEqualTo(DeskJobs.MAIL_POLL);
                        assertThat(job.interval()).isEqualTo(Duration.ofHours(1));
                      });
            });
  }

  @Test
  void theImapLeaseAndOwnerComeFromProperties() {
    runner
        .withPropertyValues(
            "helpdesk.mail.host=localhost",
            "helpdesk.mail.security=none",
            "helpdesk.mail.from=support@desk.example",
            "helpdesk.mail.ticket-link=https://desk.example/tickets/{key}",
            "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}",
            "helpdesk.mail.imap.host=localhost",
            "helpdesk.mail.imap.username=support",
            "helpdesk.mail.imap.password=secret",
            "helpdesk.mail.imap.lease=45s",
            "helpdesk.mail.imap.owner=app-1")
        .run(
            context -> {
              dev.helpdesk.mail.inbound.ImapPoller poller =
                  context.getBean(dev.helpdesk.mail.inbound.ImapPoller.class);
              assertThat(poller.owner()).isEqualTo("app-1");
              assertThat(poller.lease()).isEqualTo(Duration.ofSeconds(45));
            });
  }

  @Test
  void aBadImapLeaseIsReportedByItsProperty() {
    runner
        .withPropertyValues(
            "helpdesk.mail.host=localhost",
            "helpdesk.mail.security=none",
            "helpdesk.mail.from=support@desk.example",
            "helpdesk.mail.ticket-link=https://desk.example/tickets/{key}",
            "helpdesk.mail.agent-ticket-link=https://desk.example/agent/{key}",
            "helpdesk.mail.imap.host=localhost",
            "helpdesk.mail.imap.username=support",
            "helpdesk.mail.imap.password=secret",
            "helpdesk.mail.imap.lease=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.mail.imap.lease"));
  }

  @Test
  void theHealthIndicatorCanBeSwitchedOff() {
    runner
        .withPropertyValues("management.health.helpdesk.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HelpDeskHealthIndicator.class));
  }

  @Test
  void healthAndMetersNeedTheirLibraries() {
    runner
        .withClassLoader(
            new org.springframework.boot.test.context.FilteredClassLoader(
                "org.springframework.boot.health", "io.micrometer"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(HelpDesk.class);
              assertThat(context).doesNotHaveBean(HelpDeskHealthIndicator.class);
              assertThat(context).doesNotHaveBean(HelpDeskMeters.class);
            });
  }

  @Test
  void anInMemoryDeskIsHealthyAndShowsItsBacklog() {
    runner.run(
        context -> {
          open(context.getBean(HelpDesk.class));
          var health = context.getBean(HelpDeskHealthIndicator.class).health();
          assertThat(health.getStatus())
              .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
          assertThat(health.getDetails()).containsKey("outboxBacklog");
        });
  }
}
