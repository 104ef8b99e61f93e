package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.jpa.agent.JpaAgents;
import dev.helpdesk.jpa.customer.JpaCustomers;
import dev.helpdesk.jpa.sla.JpaSlaTimers;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone store keeps one ticket change in one transaction: the ticket with its messages,
 * events and notifications, the customer record a new ticket writes, and the SLA timers the change
 * moves. A failure of any part (here a port that fails after its own write went out) leaves none of
 * them behind.
 */
abstract class OneTransactionPerChangeScenario {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** A store over an empty database. */
  abstract JpaHelpDeskStore freshStore();

  /** The database the store is over, for looking into its tables. */
  abstract TestDatabase db();

  private JpaHelpDeskStore store;
  private final SettableClock clock = SettableClock.at(T0.toString());

  @BeforeEach
  void setUp() {
    store = freshStore();
  }

  private static NewTicket request(String customer) {
    return NewTicket.builder()
        .requester(customer, "Customer " + customer, customer + "@example.com")
        .subject("Seat reservation missing")
        .description("My seat is not on the ticket.")
        .priority(Priority.HIGH)
        .build();
  }

  private static SlaSettings sla() {
    return SlaSettings.builder(BusinessCalendar.alwaysOpen())
        .policy(
            SlaPolicy.named("all")
                .priorities(Priority.values())
                .firstReply(Duration.ofHours(1))
                .resolution(Duration.ofHours(8))
                .build())
        .build();
  }

  @Test
  void aCustomerRecordThatCannotBeWrittenTakesTheNewTicketWithIt() {
    Customers failing =
        new Customers() {
          final JpaCustomers real = store.customers();

          @Override
          public void save(Customer customer) {
            real.save(customer); // the row is written (and flushed) in the unit ...
            throw new IllegalStateException("database went away"); // ... and then it fails
          }

          @Override
          public Optional<Customer> byId(CustomerId id) {
            return real.byId(id);
          }

          @Override
          public Optional<Customer> byEmail(dev.helpdesk.common.EmailAddress email) {
            return real.byEmail(email);
          }
        };
    HelpDesk desk = store.configure(HelpDesk.builder()).clock(clock).customers(failing).build();

    assertThrows(
        IllegalStateException.class, () -> desk.open(Actor.customer("c-1"), request("c-1")));

    assertEquals(List.of(), store.tickets().byRequester(CustomerId.of("c-1"), 10));
    assertEquals(Optional.empty(), store.customers().byId(CustomerId.of("c-1")));
    assertEquals(0, store.outbox().undelivered(), "no acknowledgement was queued");
  }

  @Test
  void anEraseWhoseCustomerRecordCannotBeWrittenLeavesNothingErased() {
    Customers failingOnErase =
        new Customers() {
          final JpaCustomers real = store.customers();

          @Override
          public void save(Customer customer) {
            real.save(customer);
            if (customer.name().equals(Erasure.NAME)) {
              // The tickets, their outbox entries and the audit record are written by now.
              throw new IllegalStateException("database went away");
            }
          }

          @Override
          public Optional<Customer> byId(CustomerId id) {
            return real.byId(id);
          }

          @Override
          public Optional<Customer> byEmail(dev.helpdesk.common.EmailAddress email) {
            return real.byEmail(email);
          }
        };
    HelpDesk desk =
        store.configure(HelpDesk.builder()).clock(clock).customers(failingOnErase).build();
    Ticket t = desk.open(Actor.customer("c-1"), request("c-1"));
    desk.messageThreads().remember("<m-1@c-1.example.com>", t.id());
    long pending = store.outbox().undelivered();

    assertThrows(
        IllegalStateException.class,
        () -> desk.eraseCustomer(Actor.system("privacy-officer"), CustomerId.of("c-1")));

    assertEquals(t, store.tickets().byId(t.id()).orElseThrow());
    assertEquals(
        "My seat is not on the ticket.", store.tickets().conversation(t.id()).get(0).body());
    assertEquals("Customer c-1", store.customers().byId(CustomerId.of("c-1")).orElseThrow().name());
    assertEquals(Optional.of(t.id()), store.messageThreads().ticketOf("<m-1@c-1.example.com>"));
    assertEquals(pending, store.outbox().undelivered(), "the acknowledgement is still to send");
    assertEquals(0, db().count("hd_ticket", "erased_at is not null"));
    assertEquals(
        List.of(),
        desk.staffAudit(Actor.system("privacy-officer"), AuditQuery.newest(10)).stream()
            .filter(r -> r.action() == StaffAction.CUSTOMER_ERASED)
            .toList(),
        "the record went with the erase");
    assertTrue(
        StoredValues.containing(db(), List.of("c-1@example.com")).size() >= 2,
        "the address is still on the ticket and the customer record");
  }

  @Test
  void slaTimersThatCannotBeWrittenTakeTheChangeWithThem() {
    JpaSlaTimers real = store.slaTimers();
    boolean[] fail = {false};
    SlaTimers failing =
        new SlaTimers() {
          @Override
          public void save(TicketTimers timers) {
            real.save(timers);
            if (fail[0]) {
              throw new IllegalStateException("database went away");
            }
          }

          @Override
          public Optional<TicketTimers> byTicket(TicketId ticketId) {
            return real.byTicket(ticketId);
          }

          @Override
          public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
            return real.claimDue(now, limit, claimedUntil);
          }
        };
    HelpDesk desk =
        store.configure(HelpDesk.builder()).clock(clock).sla(sla()).slaTimers(failing).build();
    Ticket ticket = desk.open(Actor.customer("c-1"), request("c-1"));
    TicketTimers before = real.byTicket(ticket.id()).orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    fail[0] = true;

    assertThrows(
        IllegalStateException.class,
        () -> desk.changePriority(Actor.system("ops"), ticket.id(), Priority.LOW));

    assertEquals(Optional.of(ticket), store.tickets().byId(ticket.id()));
    assertEquals(Optional.of(before), real.byTicket(ticket.id()));
    assertEquals(1, store.outbox().undelivered(), "only the acknowledgement");
  }

  @Test
  void manyFirstTicketsOfOneNewCustomerAtOnceAreAllOpened() throws Exception {
    HelpDesk desk = store.configure(HelpDesk.builder()).clock(clock).build();
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Ticket>> opened = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        opened.add(
            pool.submit(
                () -> {
                  go.await();
                  return desk.open(Actor.customer("c-new"), request("c-new"));
                }));
      }
      go.countDown();
      for (Future<Ticket> f : opened) {
        assertTrue(f.get(60, TimeUnit.SECONDS).id() != null);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(threads, store.tickets().byRequester(CustomerId.of("c-new"), 50).size());
    assertTrue(store.customers().byId(CustomerId.of("c-new")).isPresent());
  }

  @Test
  void staffChangesAreAuditedInTheDatabaseWithTheirActor() {
    HelpDesk desk = store.configure(HelpDesk.builder()).clock(clock).build();
    Actor admin = Actor.system("admin");
    desk.saveAgent(admin, Agent.of("a-audit", "Audited Agent", "audited@desk.example"));
    clock.advance(Duration.ofSeconds(1));
    desk.setAvailability(Actor.agent("a-audit"), AgentId.of("a-audit"), Availability.OFFLINE);

    List<AuditRecord> records = desk.staffAudit(admin, AuditQuery.newest(10).about("a-audit"));
    assertEquals(
        List.of(StaffAction.AVAILABILITY_CHANGED, StaffAction.AGENT_SAVED),
        records.stream().map(AuditRecord::action).toList());
    assertEquals(Actor.agent("a-audit"), records.get(0).actor());
    assertEquals(admin, records.get(1).actor());
    assertEquals("Audited Agent", records.get(1).after().get("name"));
    assertEquals(
        List.of(records.get(1)),
        store.auditLog().list(AuditQuery.newest(10).by(admin).about("a-audit")));
  }

  @Test
  void anAgentThatCannotBeSavedTakesItsAuditRecordWithIt() {
    JpaAgents real = store.agents();
    Agents failing =
        new Agents() {
          @Override
          public void save(Agent agent) {
            real.save(agent); // the audit record and the agent are written in the unit ...
            throw new IllegalStateException("database went away"); // ... and then it fails
          }

          @Override
          public Optional<Agent> byId(AgentId id) {
            return real.byId(id);
          }

          @Override
          public List<Agent> all() {
            return real.all();
          }
        };
    HelpDesk desk = store.configure(HelpDesk.builder()).clock(clock).agents(failing).build();

    assertThrows(
        IllegalStateException.class,
        () ->
            desk.saveAgent(
                Actor.system("admin"), Agent.of("a-lost", "Lost Agent", "lost@desk.example")));

    assertEquals(Optional.empty(), real.byId(AgentId.of("a-lost")));
    assertEquals(List.of(), store.auditLog().list(AuditQuery.newest(10).about("a-lost")));
  }
}
