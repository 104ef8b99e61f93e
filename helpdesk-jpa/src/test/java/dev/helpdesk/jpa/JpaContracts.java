package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.common.Leases;
import dev.helpdesk.contract.AgentsContract;
import dev.helpdesk.contract.AttachmentStoreContract;
import dev.helpdesk.contract.AuditLogContract;
import dev.helpdesk.contract.CapacityGuardContract;
import dev.helpdesk.contract.CcContract;
import dev.helpdesk.contract.CustomersContract;
import dev.helpdesk.contract.DeskMetricsContract;
import dev.helpdesk.contract.LeasesContract;
import dev.helpdesk.contract.MessageThreadsContract;
import dev.helpdesk.contract.MetricsQueriesContract;
import dev.helpdesk.contract.NoReplyDeadlinesContract;
import dev.helpdesk.contract.OutboxContract;
import dev.helpdesk.contract.PendingFollowUpsContract;
import dev.helpdesk.contract.PrivacyContract;
import dev.helpdesk.contract.SlaTimersContract;
import dev.helpdesk.contract.TagsAndFieldsContract;
import dev.helpdesk.contract.TicketKeysContract;
import dev.helpdesk.contract.TicketSearchContract;
import dev.helpdesk.contract.TicketsContract;
import dev.helpdesk.contract.WebhooksContract;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.pending.PendingFollowUps;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.TicketKeys;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The core's port contract suites against one database, standalone and joined to the application's
 * transactions. Subclassed once per database, after db-scheduler's compatibility suites: the same
 * assertions hold everywhere.
 */
abstract class JpaContracts {

  /** The database every suite of the subclass runs against. */
  abstract TestDatabase db();

  private JpaHelpDeskStore store;

  private JpaHelpDeskStore store() {
    if (store == null) {
      store = db().freshStore();
    }
    return store;
  }

  @Nested
  class StandaloneTickets extends TicketsContract {
    @Override
    protected Tickets tickets() {
      return store().tickets();
    }

    @Override
    protected Outbox outbox() {
      return store().outbox();
    }
  }

  /** The ticket store joined to transactions the application opens around each call. */
  @Nested
  class JoinedTickets extends TicketsContract {
    private ApplicationTransactions app;
    private JpaHelpDeskStore joined;

    @Override
    protected Tickets tickets() {
      store();
      app = new ApplicationTransactions(db().entityManagerFactory());
      joined = JpaHelpDeskStore.joined(app::current, db().entityManagerFactory(), db().database());
      return app.wrap(Tickets.class, joined.tickets());
    }

    @Override
    protected Outbox outbox() {
      return joined.outbox();
    }
  }

  /** Search; every example of its property starts from empty tables. */
  @Nested
  class Search extends TicketSearchContract {
    private JpaHelpDeskStore fresh;

    @Override
    protected Tickets tickets() {
      fresh = db().freshStore();
      return fresh.tickets();
    }

    @Override
    protected SlaTimers slaTimers() {
      return fresh.slaTimers();
    }

    @Override
    protected int examples() {
      return 25;
    }
  }

  /** The kept queue and unsolved counts, their recount and their migration. */
  @Nested
  class KeptCounts extends KeptCountsContract {
    @Override
    TestDatabase db() {
      return JpaContracts.this.db();
    }
  }

  /** The backfill of {@code V9__search_sla.sql}. */
  @Nested
  class SearchSlaMigration {
    @Test
    void theScriptGivesTicketsStoredBeforeItTheirSlaState() throws Exception {
      SlaStateBackfill.check(db());
    }
  }

  @Nested
  class StandaloneOutbox extends OutboxContract {
    @Override
    protected Outbox outbox() {
      return store().outbox();
    }
  }

  @Nested
  class StandaloneMessageThreads extends MessageThreadsContract {
    @Override
    protected MessageThreads threads() {
      return store().messageThreads();
    }
  }

  @Nested
  class StandaloneAuditLog extends AuditLogContract {
    @Override
    protected AuditLog auditLog() {
      return store().auditLog();
    }
  }

  @Nested
  class StandaloneLeases extends LeasesContract {
    @Override
    protected Leases leases() {
      return store().leases();
    }
  }

  @Nested
  class StandaloneAgents extends AgentsContract {
    @Override
    protected Agents agents() {
      return store().agents();
    }
  }

  @Nested
  class StandaloneCustomers extends CustomersContract {
    @Override
    protected Customers customers() {
      return store().customers();
    }
  }

  @Nested
  class StandaloneAttachments extends AttachmentStoreContract {
    @Override
    protected AttachmentStore attachments() {
      return store().attachments();
    }
  }

  @Nested
  class SequenceKeys extends TicketKeysContract {
    @Override
    protected TicketKeys keys() {
      return store().ticketKeys();
    }
  }

  @Nested
  class StandaloneCapacityGuards extends CapacityGuardContract {
    @Override
    protected Tickets newTickets() {
      return store().tickets();
    }
  }

  /** Guards checked inside transactions the application opens around each call. */
  @Nested
  class JoinedCapacityGuards extends CapacityGuardContract {
    @Override
    protected Tickets newTickets() {
      store();
      ApplicationTransactions app = new ApplicationTransactions(db().entityManagerFactory());
      JpaHelpDeskStore joined =
          JpaHelpDeskStore.joined(app::current, db().entityManagerFactory(), db().database());
      return app.wrap(Tickets.class, joined.tickets());
    }
  }

  @Nested
  class StandaloneSlaTimers extends SlaTimersContract {
    @Override
    protected SlaTimers newStore() {
      return store().slaTimers();
    }
  }

  @Nested
  class StandalonePendingFollowUps extends PendingFollowUpsContract {
    @Override
    protected PendingFollowUps newStore() {
      return store().pendingFollowUps();
    }
  }

  @Nested
  class StandaloneNoReplyDeadlines extends NoReplyDeadlinesContract {
    @Override
    protected NoReplyDeadlines newStore() {
      return store().noReplyDeadlines();
    }
  }

  @Nested
  class StandaloneMetrics extends MetricsQueriesContract {
    @Override
    protected Tickets tickets() {
      return store().tickets();
    }

    @Override
    protected MetricsQueries metrics() {
      return store().metrics();
    }
  }

  /**
   * Facts written, and figures read, inside transactions the application opens around each call.
   */
  @Nested
  class JoinedMetrics extends MetricsQueriesContract {
    private JpaHelpDeskStore joined;
    private ApplicationTransactions app;

    @Override
    protected Tickets tickets() {
      store();
      app = new ApplicationTransactions(db().entityManagerFactory());
      joined = JpaHelpDeskStore.joined(app::current, db().entityManagerFactory(), db().database());
      return app.wrap(Tickets.class, joined.tickets());
    }

    @Override
    protected MetricsQueries metrics() {
      return app.wrap(MetricsQueries.class, joined.metrics());
    }
  }

  /** The metrics property through a whole desk on this database, a fresh store per sequence. */
  @Nested
  class DeskMetrics extends DeskMetricsContract {
    @Override
    protected HelpDeskBuilder withFreshStore(HelpDeskBuilder builder) {
      return db().freshStore().configure(builder);
    }

    @Override
    protected int examples() {
      return 25;
    }
  }

  /** Tags and custom fields changed through a whole desk on this database, a fresh store each. */
  @Nested
  class TagsAndFields extends TagsAndFieldsContract {
    @Override
    protected void withFreshStore(HelpDeskBuilder builder) {
      db().freshStore().configure(builder);
    }
  }

  /** People copied on tickets through a whole desk on this database, a fresh store each. */
  @Nested
  class Ccs extends CcContract {
    @Override
    protected Outbox withFreshStore(HelpDeskBuilder builder) {
      JpaHelpDeskStore fresh = db().freshStore();
      fresh.configure(builder);
      return fresh.outbox();
    }
  }

  /** Webhooks through a whole desk on this database, against the JDK's HTTP server. */
  @Nested
  class Webhooks extends WebhooksContract {
    @Override
    protected Outbox withFreshStore(HelpDeskBuilder builder) {
      JpaHelpDeskStore fresh = db().freshStore();
      fresh.configure(builder);
      return fresh.outbox();
    }
  }

  /**
   * Erase, export and retention through a whole desk on this database; after an erase, SQL finds
   * none of the customer's values in any desk table.
   */
  @Nested
  class Privacy extends PrivacyContract {
    @Override
    protected Outbox withFreshStore(HelpDeskBuilder builder) {
      JpaHelpDeskStore fresh = db().freshStore();
      fresh.configure(builder);
      return fresh.outbox();
    }

    @Override
    protected void noPersonalValueStored(List<String> personal) {
      List<String> words = new java.util.ArrayList<>(personal);
      words.add("quartz"); // the surname alone, as search words and file bytes hold it
      assertEquals(List.of(), StoredValues.containing(db(), words));
    }

    @Test
    void theSqlCheckFindsAValueBeforeTheErase() {
      db().freshStore();
      assertEquals(List.of(), StoredValues.containing(db(), List.of("quartz")));
      db().freshStore()
          .customers()
          .save(
              new dev.helpdesk.customer.Customer(
                  dev.helpdesk.customer.CustomerId.of("c-ana"),
                  "Ana Quartz",
                  dev.helpdesk.common.EmailAddress.of("ana@example.com")));
      assertEquals(1, StoredValues.containing(db(), List.of("quartz")).size());
    }
  }

  @Nested
  class EveryEventType extends EveryEventTypeContract {
    @Override
    protected Tickets tickets() {
      return store().tickets();
    }
  }

  @Nested
  class AgentAssignmentFields extends AgentAssignmentFieldsContract {
    @Override
    protected Agents agents() {
      return store().agents();
    }
  }

  @Nested
  class NoReplyOnTheDatabase extends NoReplyScenario {
    @Override
    JpaHelpDeskStore freshStore() {
      return store();
    }
  }

  @Nested
  class PendingFollowUpsOnTheDatabase extends PendingFollowUpScenario {
    @Override
    JpaHelpDeskStore freshStore() {
      return store();
    }
  }

  @Nested
  class SlaCalendarSwitch extends SlaCalendarSwitchScenario {
    @Override
    JpaHelpDeskStore freshStore() {
      return store();
    }
  }

  @Nested
  class OneTransactionPerChange extends OneTransactionPerChangeScenario {
    @Override
    JpaHelpDeskStore freshStore() {
      return store();
    }

    @Override
    TestDatabase db() {
      return JpaContracts.this.db();
    }
  }
}
