package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.AssignmentStrategy;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.files.FileSystemAttachments;
import dev.helpdesk.jpa.JpaHelpDeskStore;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.jpa.store.PostgreSqlDatabase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.NotificationRule;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.sla.CalendarRule;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.sla.calendar.Holidays;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketEventListener;
import dev.helpdesk.ticket.TicketKeys;
import dev.helpdesk.webhook.Webhook;
import jakarta.persistence.EntityManagerFactory;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.cfg.SchemaToolingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * A desk in a Spring Boot application: in memory when the application has no {@code DataSource};
 * otherwise on its database, through its {@code EntityManagerFactory} and transaction manager, so
 * that desk changes made inside an application's {@code @Transactional} method commit or roll back
 * with it. Every part the desk is built from is replaced by declaring a bean of its type; {@link
 * HelpDeskCustomizer} beans have the last word. Ticket events are republished as Spring application
 * events once their transaction committed.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "helpdesk.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HelpDeskProperties.class)
@Import({HelpDeskMailConfiguration.class, HelpDeskJobsConfiguration.class})
public class HelpDeskAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HelpDeskAutoConfiguration.class);

  /** How old a half-written attachment file must be to be removed at start. */
  static final Duration LEFTOVERS_AFTER = Duration.ofHours(1);

  /** Created by Spring Boot. */
  HelpDeskAutoConfiguration() {}

  /** The desk's tables and entities on the application's database. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSingleCandidate(DataSource.class)
  static class Schema {

    /** Spring Boot's beans that run an application's own migrations. */
    static final List<String> APPLICATION_MIGRATIONS =
        List.of(
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer",
            "liquibase.integration.spring.SpringLiquibase");

    @Bean
    @ConditionalOnMissingBean
    HelpDeskSchema helpDeskSchema(DataSource dataSource, HelpDeskProperties properties) {
      HelpDeskProperties.Schema schema = properties.getSchema();
      return new HelpDeskSchema(
          dataSource,
          HelpDeskSchema.detect(dataSource),
          schema.getHistoryTable(),
          schema.isMigrate());
    }

    /**
     * Orders the desk's schema between the application's migrations and JPA: after the
     * application's own Flyway or Liquibase (on an empty database they would otherwise find the
     * desk's tables and refuse a schema without their history), before every entity manager factory
     * (so Hibernate never meets a database without the desk's tables).
     */
    @Bean
    static BeanFactoryPostProcessor helpDeskSchemaOrder() {
      return factory -> {
        String[] schemas = factory.getBeanNamesForType(HelpDeskSchema.class, true, false);
        ClassLoader loader = factory.getBeanClassLoader();
        for (String schema : schemas) {
          List<String> before = new ArrayList<>();
          for (String type : APPLICATION_MIGRATIONS) {
            if (ClassUtils.isPresent(type, loader)) {
              Class<?> migrations = ClassUtils.resolveClassName(type, loader);
              before.addAll(List.of(factory.getBeanNamesForType(migrations, true, false)));
            }
          }
          dependOn(factory.getBeanDefinition(schema), before);
        }
        for (String emf : factory.getBeanNamesForType(EntityManagerFactory.class, true, false)) {
          dependOn(factory.getBeanDefinition(emf), List.of(schemas));
        }
      };
    }

    private static void dependOn(BeanDefinition definition, List<String> beans) {
      List<String> dependsOn = new ArrayList<>(beans);
      if (definition.getDependsOn() != null) {
        dependsOn.addAll(0, List.of(definition.getDependsOn()));
      }
      definition.setDependsOn(dependsOn.stream().distinct().toArray(String[]::new));
    }

    /**
     * Keeps Hibernate's own schema tool ({@code spring.jpa.hibernate.ddl-auto}) off the desk's
     * tables, unless the application chose a filter of its own.
     */
    @Bean
    HibernatePropertiesCustomizer helpDeskTablesLeftToFlyway() {
      return properties ->
          properties.putIfAbsent(
              SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER, new DeskTablesFilter());
    }

    /** Adds the desk's entities to the application's persistence unit, whatever it scans. */
    @Bean
    EntityManagerFactoryBuilderCustomizer helpDeskEntities() {
      return builder ->
          builder.setPersistenceUnitPostProcessors(
              unit -> JpaHelpDeskStore.MANAGED_CLASSES.forEach(unit::addManagedClassName));
    }
  }

  /** The JPA store, joined to the application's transactions. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnBean(EntityManagerFactory.class)
  static class Jpa {

    @Bean
    @ConditionalOnMissingBean
    JpaHelpDeskStore helpDeskStore(
        EntityManagerFactory factory,
        PlatformTransactionManager transactionManager,
        HelpDeskSchema schema) {
      SpringTransactions joined = SpringTransactions.joining(factory, transactionManager);
      return JpaHelpDeskStore.of(
          schema.database(),
          joined,
          SpringTransactions.separate(factory, transactionManager),
          new SpringUnitOfWork(joined.template()));
    }
  }

  /** Republishes ticket events as Spring application events, after commit. */
  @Bean
  SpringEventRepublisher helpDeskEventRepublisher(ApplicationEventPublisher publisher) {
    return new SpringEventRepublisher(publisher);
  }

  /**
   * Where tickets and their notifications are kept: the application's own {@code Tickets} and
   * {@code Outbox} beans, else the JPA store, else memory.
   */
  @Bean
  DeskStorage helpDeskStorage(
      ObjectProvider<JpaHelpDeskStore> store,
      ObjectProvider<Tickets> tickets,
      ObjectProvider<Outbox> outbox) {
    Tickets ownTickets = tickets.getIfUnique();
    Outbox ownOutbox = outbox.getIfUnique();
    if ((ownTickets == null) != (ownOutbox == null)) {
      // The ticket store writes notifications into its outbox in the same transaction.
      throw new IllegalStateException(
          "Declare Tickets and Outbox beans together (the tickets write into the outbox in one"
              + " transaction); found only "
              + (ownTickets != null ? "Tickets" : "Outbox"));
    }
    JpaHelpDeskStore jpa = store.getIfAvailable();
    if (ownTickets != null) {
      return new DeskStorage(ownTickets, ownOutbox, Optional.ofNullable(jpa));
    }
    if (jpa != null) {
      return new DeskStorage(jpa.tickets(), jpa.outbox(), Optional.of(jpa));
    }
    InMemoryOutbox memory = new InMemoryOutbox();
    return new DeskStorage(new InMemoryTickets(memory), memory, Optional.empty());
  }

  /**
   * Where attachment bytes are kept: the application's own {@code AttachmentStore} bean, else a
   * directory when {@code helpdesk.attachments.directory} is set, else the JPA store's table, else
   * memory. One store for the desk and for the mail that carries the files.
   */
  @Bean
  DeskAttachments helpDeskAttachments(
      HelpDeskProperties properties,
      DeskStorage storage,
      ObjectProvider<AttachmentStore> own,
      ObjectProvider<Clock> clock) {
    AttachmentStore declared = own.getIfUnique();
    if (declared != null) {
      return new DeskAttachments(declared);
    }
    HelpDeskProperties.Attachments files = properties.getAttachments();
    if (files.getDirectory() != null) {
      DataSize max = files.getMaxFileSize();
      if (max == null || max.toBytes() <= 0) {
        throw PropertyErrors.invalid("helpdesk.attachments.max-file-size", max, "must be positive");
      }
      try {
        FileSystemAttachments store =
            new FileSystemAttachments(files.getDirectory(), max.toBytes());
        // What a crash of this or another instance left half-written; an hour is far longer
        // than any write in progress takes.
        int removed =
            store.removeLeftovers(
                clock.getIfUnique(Clock::systemUTC).instant().minus(LEFTOVERS_AFTER));
        if (removed > 0) {
          log.info("Removed {} half-written attachment files left by a crash", removed);
        }
        return new DeskAttachments(store);
      } catch (UncheckedIOException e) {
        throw PropertyErrors.invalid(
            "helpdesk.attachments.directory",
            files.getDirectory(),
            "cannot be created or used: " + e.getCause());
      }
    }
    return new DeskAttachments(
        storage
            .jpa()
            .<AttachmentStore>map(JpaHelpDeskStore::attachments)
            .orElseGet(InMemoryAttachments::new));
  }

  /** The attachment store the desk is built with. */
  record DeskAttachments(AttachmentStore store) {}

  /** The tickets and outbox the desk is built on, and the JPA store when it is on a database. */
  record DeskStorage(Tickets tickets, Outbox outbox, Optional<JpaHelpDeskStore> jpa) {}

  /**
   * The change relay the desk is connected to other instances by, chosen by {@code
   * helpdesk.live.relay}: an application's own {@code ChangeRelay} bean, else one over the desk's
   * database. The desk starts it when it is built and closes it when the context closes.
   */
  @Bean
  DeskRelay helpDeskRelay(
      HelpDeskProperties properties,
      DeskStorage storage,
      ObjectProvider<ChangeRelay> own,
      ObjectProvider<DataSource> dataSource) {
    ChangeRelay declared = own.getIfUnique();
    if (declared != null) {
      return new DeskRelay(Optional.of(declared));
    }
    HelpDeskProperties.Live live = properties.getLive();
    HelpDeskProperties.Relay choice = live.getRelay();
    if (choice == HelpDeskProperties.Relay.NONE) {
      return new DeskRelay(Optional.empty());
    }
    DataSource source = dataSource.getIfUnique();
    if (storage.jpa().isEmpty() || source == null) {
      if (choice == HelpDeskProperties.Relay.AUTO) {
        return new DeskRelay(Optional.empty()); // in memory: one instance by nature
      }
      throw PropertyErrors.invalid(
          "helpdesk.live.relay", choice, "needs the desk on the application's database");
    }
    JpaHelpDeskStore jpa = storage.jpa().get();
    RelaySettings settings =
        PropertyErrors.at(
            "helpdesk.live.poll-interval",
            live.getPollInterval(),
            () -> RelaySettings.DEFAULTS.withPollInterval(live.getPollInterval()));
    boolean postgreSql = jpa.database() instanceof PostgreSqlDatabase;
    if (choice == HelpDeskProperties.Relay.POSTGRESQL && !postgreSql) {
      throw PropertyErrors.invalid(
          "helpdesk.live.relay",
          choice,
          "needs PostgreSQL (the database is " + jpa.database() + ")");
    }
    ChangeRelay relay =
        choice == HelpDeskProperties.Relay.POLLING || !postgreSql
            ? jpa.pollingRelay(source, settings)
            : jpa.postgreSqlRelay(source, settings);
    return new DeskRelay(Optional.of(relay));
  }

  /** The change relay the desk is built with; empty for a single instance. */
  record DeskRelay(Optional<ChangeRelay> relay) {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  HelpDesk helpDesk(
      HelpDeskProperties properties,
      DeskStorage storage,
      DeskRelay relay,
      DeskAttachments attachments,
      BeanFactory beans,
      ObjectProvider<TicketEventListener> listeners,
      ObjectProvider<HelpDeskCustomizer> customizers) {
    HelpDeskBuilder builder = HelpDesk.builder();
    String prefix = properties.getTicketKeyPrefix();
    storage.jpa().ifPresent(jpa -> jpa.configure(builder));
    PropertyErrors.run(
        "helpdesk.ticket-key-prefix",
        prefix,
        () ->
            builder.ticketKeys(
                storage
                    .jpa()
                    .<TicketKeys>map(jpa -> jpa.ticketKeys(prefix))
                    .orElseGet(() -> new InMemoryTicketKeys(prefix, 1000))));
    builder.tickets(storage.tickets(), storage.outbox());
    builder.attachments(attachments.store());
    if (properties.getCloseSolvedAfter() != null) {
      PropertyErrors.run(
          "helpdesk.close-solved-after",
          properties.getCloseSolvedAfter(),
          () -> builder.closeSolvedAfter(properties.getCloseSolvedAfter()));
    }
    if (properties.getClosedTicketRetentionMonths() != null) {
      PropertyErrors.run(
          "helpdesk.closed-ticket-retention-months",
          properties.getClosedTicketRetentionMonths(),
          () -> builder.eraseClosedTicketsAfterMonths(properties.getClosedTicketRetentionMonths()));
    }
    outbox(builder, properties.getOutbox());
    notifications(builder, properties.getNotifications());
    HelpDeskProperties.Roles roles = properties.getRoles();
    builder
        .enforceSupervisorRole(roles.isEnforceSupervisorRole())
        .agentsSeeOwnGroups(roles.isAgentsSeeOwnGroups())
        .customersSeeOrganisation(roles.isCustomersSeeOrganisation());
    new Parts(beans).applyTo(builder, properties);
    relay.relay().ifPresent(builder::changeRelay);
    listeners.orderedStream().forEach(builder::listener);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /** The notification table's switches and the coalescing window. */
  private static void notifications(
      HelpDeskBuilder builder, HelpDeskProperties.Notifications notifications) {
    String window = "helpdesk.notifications.coalescing-window";
    NotificationPolicy policy =
        PropertyErrors.at(
            window,
            notifications.getCoalescingWindow(),
            () ->
                NotificationPolicy.defaults()
                    .coalescingWindow(notifications.getCoalescingWindow()));
    for (NotificationRule rule : NotificationRule.ALL) {
      HelpDeskProperties.Rule switched = notifications.byName().get(rule.name());
      policy = policy.enabled(rule, switched.isEnabled());
    }
    builder.notifications(policy);
  }

  /** The dispatcher's settings, each refused with the name of its property. */
  private static void outbox(HelpDeskBuilder builder, HelpDeskProperties.Outbox outbox) {
    PropertyErrors.run(
        "helpdesk.outbox.batch-size",
        outbox.getBatchSize(),
        () -> builder.dispatchBatch(outbox.getBatchSize()));
    PropertyErrors.run(
        "helpdesk.outbox.lease", outbox.getLease(), () -> builder.dispatchLease(outbox.getLease()));
    AckWindow window;
    try {
      window = new AckWindow(outbox.getAckMaxMessages(), outbox.getAckMaxDelay());
    } catch (ValidationException e) {
      boolean messages = "maxMessages".equals(e.field());
      throw PropertyErrors.invalid(
          messages ? "helpdesk.outbox.ack-max-messages" : "helpdesk.outbox.ack-max-delay",
          messages ? outbox.getAckMaxMessages() : outbox.getAckMaxDelay(),
          e.getMessage());
    }
    builder.dispatchAckWindow(window);
  }

  /**
   * Every part of a desk an application may declare as a bean. A part declared overrides the
   * store's or the desk's default; the rest stay as they are.
   */
  record Parts(BeanFactory beans) {

    private <T> ObjectProvider<T> bean(Class<T> type) {
      return beans.getBeanProvider(type);
    }

    void applyTo(HelpDeskBuilder builder, HelpDeskProperties properties) {
      bean(Clock.class).ifUnique(builder::clock);
      bean(TicketKeys.class).ifUnique(builder::ticketKeys);
      bean(Agents.class).ifUnique(builder::agents);
      bean(Customers.class).ifUnique(builder::customers);
      bean(SlaTimers.class).ifUnique(builder::slaTimers);
      bean(PendingFollowUps.class).ifUnique(builder::pendingFollowUps);
      // A PendingFollowUp bean switches reminders and the auto-solve of pending tickets on.
      bean(PendingFollowUp.class).ifUnique(builder::pendingFollowUp);
      bean(MetricsQueries.class).ifUnique(builder::metrics);
      bean(UnitOfWork.class).ifUnique(builder::unitOfWork);
      Notifier chosen = bean(Notifier.class).getIfUnique();
      NotifierDecorator decorator = bean(NotifierDecorator.class).getIfUnique();
      if (chosen != null) {
        builder.notifier(decorator == null ? chosen : decorator.decorate(chosen));
      }
      AssignmentPolicy policy = bean(AssignmentPolicy.class).getIfUnique();
      if (policy == null) {
        AssignmentStrategy strategy = bean(AssignmentStrategy.class).getIfUnique();
        if (strategy != null) {
          policy = AssignmentPolicy.builder().strategy(strategy).build();
        }
      }
      policy = noReply(policy, properties.getAssignment());
      if (policy != null) {
        builder.assignment(policy);
      }
      sla(builder, properties);
      bean(KnowledgeBase.class).ifUnique(builder::knowledgeBase);
      bean(StatusTransitions.class).ifUnique(builder::transitions);
      bean(RetryPolicy.class).ifUnique(builder::retryPolicy);
      bean(Macro.class).orderedStream().forEach(builder::macro);
      List<FieldDefinition> fields = bean(FieldDefinition.class).orderedStream().toList();
      if (!fields.isEmpty()) {
        builder.fields(fields.toArray(FieldDefinition[]::new));
      }
      bean(Webhook.class).orderedStream().forEach(builder::webhook);
      bean(BadRatingAction.class).ifUnique(builder::onBadRating);
    }

    /**
     * The policy with the no-reply rule of {@code helpdesk.assignment.no-reply-*}, if set (on a
     * desk that assigns by hand when no policy is declared); each value refused with the name of
     * its property.
     */
    private static AssignmentPolicy noReply(
        AssignmentPolicy policy, HelpDeskProperties.Assignment assignment) {
      Duration within = assignment.getNoReplyWithin();
      int reassignments = assignment.getNoReplyReassignments();
      if (within == null) {
        if (reassignments != 0) {
          throw PropertyErrors.invalid(
              "helpdesk.assignment.no-reply-reassignments",
              reassignments,
              "needs helpdesk.assignment.no-reply-within");
        }
        return policy;
      }
      NoReplyRule rule;
      try {
        rule = new NoReplyRule(within, reassignments);
      } catch (ValidationException e) {
        boolean count = "reassignments".equals(e.field());
        throw PropertyErrors.invalid(
            count
                ? "helpdesk.assignment.no-reply-reassignments"
                : "helpdesk.assignment.no-reply-within",
            count ? reassignments : within,
            e.getMessage());
      }
      return (policy != null ? policy : AssignmentPolicy.manual()).withNoReply(rule);
    }

    private void sla(HelpDeskBuilder builder, HelpDeskProperties properties) {
      SlaSettings settings = bean(SlaSettings.class).getIfUnique();
      if (settings != null) {
        builder.sla(settings);
        return;
      }
      List<SlaPolicy> policies = bean(SlaPolicy.class).orderedStream().toList();
      if (policies.isEmpty()) {
        return;
      }
      BusinessCalendar businessCalendar =
          bean(BusinessCalendar.class).getIfUnique(() -> calendarOf(properties));
      SlaSettings.Builder sla = SlaSettings.builder(businessCalendar);
      policies.forEach(sla::policy);
      // In bean order, like the policies: the first rule that matches a ticket chooses its
      // calendar.
      bean(CalendarRule.class).orderedStream().forEach(sla::calendar);
      builder.sla(sla.build());
    }

    private BusinessCalendar calendarOf(HelpDeskProperties properties) {
      HelpDeskProperties.Sla sla = properties.getSla();
      return PropertyErrors.at(
          "helpdesk.sla.opens",
          sla.getOpens() + "-" + sla.getCloses(),
          () -> {
            BusinessCalendar.Builder calendar =
                BusinessCalendar.builder(sla.getZone()).weekdays(sla.getOpens(), sla.getCloses());
            bean(Holidays.class).ifUnique(calendar::holidays);
            return calendar.build();
          });
    }
  }

  /** Publishes each ticket event to the application context, as the event object itself. */
  static final class SpringEventRepublisher implements TicketEventListener {
    private final ApplicationEventPublisher publisher;

    SpringEventRepublisher(ApplicationEventPublisher publisher) {
      this.publisher = publisher;
    }

    @Override
    public void on(TicketEvent event) {
      publisher.publishEvent(event);
    }
  }

  /** Wraps the notifier the desk delivers through (the metrics count deliveries this way). */
  @FunctionalInterface
  interface NotifierDecorator {
    Notifier decorate(Notifier notifier);
  }
}
