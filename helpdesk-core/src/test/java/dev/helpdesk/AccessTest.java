package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AccessTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @Test
  void aCustomerSeesAndRepliesToTheirOwnTicket() {
    Ticket t = f.openByAna();
    assertEquals(t, desk.ticket(ANA, t.id()).ticket());
    assertEquals(t, desk.ticket(ANA, t.key()).ticket());
    desk.reply(ANA, t.id(), "More details");
    assertEquals(
        List.of(desk.ticket(ANA, t.id()).ticket()), desk.ticketsOf(ANA, CustomerId.of("c-ana")));
  }

  @Test
  void aCustomerCannotTouchAnotherCustomersTicket() {
    Ticket t = f.openByAna();
    int history = f.historySize(t);
    assertLooksUnknown(() -> desk.ticket(BOB, t.id()), t.id().toString());
    assertLooksUnknown(() -> desk.ticket(BOB, t.key()), t.key().value());
    assertLooksUnknown(() -> desk.reply(BOB, t.id(), "I am Ana, honest"), t.id().toString());
    assertLooksUnknown(() -> desk.rate(BOB, t.id(), Rating.GOOD, null), t.id().toString());
    assertLooksUnknown(() -> desk.note(BOB, t.id(), "hi"), t.id().toString());
    assertLooksUnknown(() -> desk.changeStatus(BOB, t.id(), Status.SOLVED), t.id().toString());
    assertLooksUnknown(() -> desk.escalate(BOB, t.id(), "angry"), t.id().toString());
    assertLooksUnknown(() -> desk.subscribe(BOB, t.id(), u -> {}), t.id().toString());
    assertRefused(BOB, () -> desk.ticketsOf(BOB, CustomerId.of("c-ana")));
    assertEquals(history, f.historySize(t));
  }

  @Test
  void aCustomerCannotOpenATicketForSomeoneElse() {
    assertRefused(BOB, () -> desk.open(BOB, DeskFixture.request("c-ana").build()));
    assertTrue(f.tickets.byRequester(CustomerId.of("c-ana"), 10).isEmpty());
  }

  @Test
  void anAgentOrTheSystemMayOpenForACustomer() {
    Ticket byAgent = desk.open(BEA, DeskFixture.request("c-ana").build());
    Ticket bySystem = desk.open(Actor.system("mail-intake"), DeskFixture.request("c-ana").build());
    assertEquals(2, desk.ticketsOf(ANA, CustomerId.of("c-ana")).size());
    assertEquals(CustomerId.of("c-ana"), byAgent.requester().id());
    assertEquals(CustomerId.of("c-ana"), bySystem.requester().id());
  }

  @Test
  void customersDoNotWorkTickets() {
    Ticket t = f.openAssigned();
    int history = f.historySize(t);
    assertRefused(ANA, () -> desk.note(ANA, t.id(), "note to self"));
    assertRefused(ANA, () -> desk.assign(ANA, t.id(), BEA_ID));
    assertRefused(ANA, () -> desk.assign(ANA, t.id(), AgentId.of("a-who-knows")));
    assertRefused(ANA, () -> desk.unassign(ANA, t.id()));
    assertRefused(ANA, () -> desk.changeStatus(ANA, t.id(), Status.SOLVED));
    assertRefused(ANA, () -> desk.changePriority(ANA, t.id(), Priority.URGENT));
    assertRefused(ANA, () -> desk.clearGroup(ANA, t.id()));
    assertRefused(ANA, () -> desk.queueOf(ANA, BEA_ID));
    assertRefused(ANA, () -> desk.unassignedQueue(ANA));
    assertEquals(history, f.historySize(t));
  }

  @Test
  void aCustomerNeverSeesInternalNotes() {
    Ticket t = f.openAssigned();
    desk.note(BEA, t.id(), "Customer sounds upset; refund likely.");
    desk.reply(BEA, t.id(), "We are on it.");

    TicketDetails asCustomer = desk.ticket(ANA, t.id());
    assertTrue(
        asCustomer.conversation().stream().allMatch(m -> m.visibility() == Visibility.PUBLIC));
    assertEquals(2, asCustomer.conversation().size());
    assertFalse(
        asCustomer.history().stream()
            .anyMatch(
                e ->
                    e instanceof TicketEvent.MessageAdded m
                        && m.visibility() == Visibility.INTERNAL));

    TicketDetails asAgent = desk.ticket(BEA, t.id());
    assertEquals(3, asAgent.conversation().size());
    assertEquals(Visibility.INTERNAL, asAgent.conversation().get(1).visibility());
  }

  @Test
  void internalNotesAreNeverMailedToTheCustomer() {
    Ticket t = f.openAssigned();
    f.deliver();
    desk.note(BEA, t.id(), "Secret: the provider lost the payment.");
    assertTrue(f.deliver().isEmpty());
  }

  @Test
  void anUnknownAgentCannotAct() {
    Ticket t = f.openByAna();
    Actor ghost = Actor.agent("a-ghost");
    assertRefused(ghost, () -> desk.ticket(ghost, t.id()));
    assertRefused(ghost, () -> desk.assign(ghost, t.id(), AgentId.of("a-bea")));
    assertRefused(ghost, () -> desk.note(ghost, t.id(), "hi"));
  }

  /**
   * Another customer's ticket is answered exactly as a ticket that does not exist: keys are
   * sequential, and any other answer would tell a customer how many tickets the desk holds.
   */
  private void assertLooksUnknown(Executable call, String named) {
    NotFoundException e = assertThrows(NotFoundException.class, call);
    assertEquals(new NotFoundException("ticket", named).getMessage(), e.getMessage());
  }

  private static void assertRefused(Actor actor, Executable call) {
    AccessDeniedException e = assertThrows(AccessDeniedException.class, call);
    assertEquals(actor, e.actor());
    assertTrue(e.getMessage().startsWith(actor.describe() + " may not"), e.getMessage());
  }
}
