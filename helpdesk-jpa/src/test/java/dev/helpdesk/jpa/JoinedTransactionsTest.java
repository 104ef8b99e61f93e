package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.contract.ContractFixtures;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The desk inside the application's transactions: it commits and rolls back with them. */
class JoinedTransactionsTest {

  private static final TestDatabase DB = TestDatabase.H2;

  private final JpaHelpDeskStore standalone = DB.freshStore();
  private final ApplicationTransactions app =
      new ApplicationTransactions(DB.entityManagerFactory());
  private final JpaHelpDeskStore joined =
      JpaHelpDeskStore.joined(app::current, DB.entityManagerFactory(), DB.database());

  @Test
  void aChangeCommitsWithTheApplicationsTransaction() {
    TicketChange change = opening();

    app.inTransaction(
        () -> {
          joined.tickets().save(change);
          joined.agents().save(Agent.of("a-1", "Ana", "ana@desk.example.com"));
          // Inside the transaction the desk reads its own writes.
          assertTrue(joined.tickets().byId(change.after().id()).isPresent());
          return null;
        });

    assertEquals(Optional.of(change.after()), standalone.tickets().byId(change.after().id()));
    assertEquals(1, standalone.outbox().undelivered());
    assertTrue(standalone.agents().byId(AgentId.of("a-1")).isPresent());
  }

  @Test
  void aChangeRollsBackWithTheApplicationsTransaction() {
    TicketChange change = opening();

    assertThrows(
        IllegalStateException.class,
        () ->
            app.inTransaction(
                () -> {
                  joined.tickets().save(change);
                  throw new IllegalStateException("the application's own step failed");
                }));

    assertEquals(Optional.empty(), standalone.tickets().byId(change.after().id()));
    assertEquals(0, standalone.outbox().undelivered());
    assertEquals(0, DB.count("hd_ticket_event", "1=1"));
  }

  @Test
  void savingWithoutATransactionIsRefused() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> joined.tickets().save(opening()));

    assertTrue(e.getMessage().contains("transaction"), e.getMessage());
    assertEquals(0, DB.count("hd_ticket", "1=1"));
  }

  /**
   * In joined mode the desk publishes after the application's commit: a rolled-back transaction
   * tells no listener and no live subscriber, and leaves the roster's loads as they were; a
   * committed one tells them once it has committed.
   */
  @Test
  void theDeskPublishesOnlyWhatTheApplicationCommits() {
    List<TicketEvent> heard = new CopyOnWriteArrayList<>();
    List<dev.helpdesk.live.LiveUpdate> live = new CopyOnWriteArrayList<>();
    Actor admin = Actor.system("admin");
    Actor bea = Actor.agent("a-bea");
    HelpDesk desk =
        joined
            .configure(HelpDesk.builder())
            .listener(heard::add)
            .liveExecutor(Runnable::run)
            .assignment(
                dev.helpdesk.assignment.AssignmentPolicy.builder()
                    .strategy(dev.helpdesk.assignment.Strategies.leastLoaded())
                    .build())
            .build();
    app.inTransaction(
        () -> {
          desk.saveAgent(
              admin,
              Agent.of("a-bea", "Bea", "bea@desk.example.com")
                  .withCapacity(dev.helpdesk.agent.Capacity.of(1)));
          return null;
        });
    Ticket first = app.inTransaction(() -> desk.open(Actor.customer("c-1"), request("c-1")));
    assertTrue(first.assignee().isPresent());
    app.inTransaction(() -> desk.subscribe(bea, first.id(), live::add));
    heard.clear();

    assertThrows(
        IllegalStateException.class,
        () ->
            app.inTransaction(
                () -> {
                  desk.reply(bea, first.id(), "rolled back");
                  desk.changeStatus(bea, first.id(), Status.SOLVED);
                  throw new IllegalStateException("the application's own step failed");
                }));
    assertEquals(List.of(), heard);
    assertEquals(List.of(), live);

    app.inTransaction(
        () -> {
          desk.reply(bea, first.id(), "kept");
          assertEquals(List.of(), heard, "nothing is published before the commit");
          return null;
        });
    assertEquals(1, heard.stream().filter(e -> e instanceof TicketEvent.MessageAdded).count());
    assertEquals(1, live.size());

    // Solving frees Bea's one slot only if the solve commits: the roster follows the database.
    assertThrows(
        IllegalStateException.class,
        () ->
            app.inTransaction(
                () -> {
                  desk.changeStatus(bea, first.id(), Status.SOLVED);
                  throw new IllegalStateException("rolled back");
                }));
    Ticket second = app.inTransaction(() -> desk.open(Actor.customer("c-2"), request("c-2")));
    assertTrue(second.assignee().isEmpty(), "Bea is still full: the solve was rolled back");
  }

  private static NewTicket request(String customer) {
    return NewTicket.builder()
        .requester(customer, "Customer " + customer, customer + "@example.com")
        .subject("Seat missing")
        .build();
  }

  private static TicketChange opening() {
    TicketId id = TicketId.random();
    var key = dev.helpdesk.ticket.TicketKey.of("HD", 5);
    return TicketEdit.open(
            id,
            key,
            NewTicket.builder()
                .requester("c-1", "Ana", "ana@example.com")
                .subject("Refund")
                .build(),
            Optional.empty(),
            Actor.customer("c-1"),
            ContractFixtures.T0,
            StatusTransitions.defaults())
        .notify(ContractFixtures.notification(id, key, ContractFixtures.T0))
        .done();
  }
}
