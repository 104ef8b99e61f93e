package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.contract.ContractFixtures;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
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
