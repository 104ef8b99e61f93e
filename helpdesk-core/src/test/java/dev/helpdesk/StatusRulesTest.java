package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusRulesTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @Test
  void aNewTicketIsNewAndUnassigned() {
    Ticket t = f.openByAna();
    assertEquals(Status.NEW, t.status());
    assertTrue(t.assignee().isEmpty());
    assertEquals(1, t.version());
  }

  @Test
  void assigningANewTicketOpensIt() {
    Ticket t = f.openByAna();
    Ticket assigned = desk.assign(BEA, t.id(), BEA_ID);
    assertEquals(Status.OPEN, assigned.status());
    assertEquals(Optional.of(BEA_ID), assigned.assignee());
    assertEquals(
        new TicketEvent.StatusChanged(t.id(), BEA, f.clock.instant(), Status.NEW, Status.OPEN),
        f.events.get(f.events.size() - 1));
  }

  @Test
  void reassigningAnOpenTicketKeepsItsStatus() {
    Ticket t = f.openAssigned();
    desk.changeStatus(BEA, t.id(), Status.ON_HOLD);
    Ticket moved = desk.assign(BEA, t.id(), CAL_ID);
    assertEquals(Status.ON_HOLD, moved.status());
    assertEquals(Optional.of(CAL_ID), moved.assignee());
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void nothingGoesBackToNew(Status from) {
    Ticket t = reach(from);
    if (from == Status.NEW) {
      assertEquals(t, desk.changeStatus(BEA, t.id(), Status.NEW), "same status is no change");
      return;
    }
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class, () -> desk.changeStatus(BEA, t.id(), Status.NEW));
    assertEquals(from, e.from());
    assertEquals(Status.NEW, e.to());
    assertTrue(e.getMessage().contains(t.key().value()), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"PENDING", "ON_HOLD", "SOLVED"})
  void aCustomerReplyOnAWaitingOrSolvedTicketOpensIt(Status waiting) {
    Ticket t = reach(waiting);
    Posted posted = desk.reply(ANA, t.id(), "Any news?");
    assertEquals(Status.OPEN, posted.ticket().status());
    assertTrue(posted.ticket().solvedAt().isEmpty(), "reopening clears solvedAt");
    TicketEvent last = f.events.get(f.events.size() - 1);
    assertEquals(
        new TicketEvent.StatusChanged(t.id(), ANA, f.clock.instant(), waiting, Status.OPEN), last);
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"PENDING", "ON_HOLD", "SOLVED"})
  void anAgentReplyDoesNotReopen(Status waiting) {
    Ticket t = reach(waiting);
    assertEquals(waiting, desk.reply(BEA, t.id(), "Still on it.").ticket().status());
  }

  @Test
  void aCustomerReplyOnANewTicketLeavesItNew() {
    Ticket t = f.openByAna();
    assertEquals(Status.NEW, desk.reply(ANA, t.id(), "Also, hello").ticket().status());
  }

  @Test
  void solvedRequiresAnAssignee() {
    Ticket t = f.openByAna();
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class, () -> desk.changeStatus(BEA, t.id(), Status.SOLVED));
    assertTrue(e.getMessage().contains("SOLVED requires an assignee"), e.getMessage());
    assertEquals(Status.NEW, f.tickets.byId(t.id()).orElseThrow().status());
  }

  @Test
  void aSolvedTicketCannotBeUnassigned() {
    Ticket t = reach(Status.SOLVED);
    ValidationException e =
        assertThrows(ValidationException.class, () -> desk.unassign(BEA, t.id()));
    assertEquals("assignee", e.field());
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void closedIsFinal(Status to) {
    Ticket closed = reach(Status.CLOSED);
    int history = f.historySize(closed);
    if (to != Status.CLOSED) {
      IllegalTransitionException e =
          assertThrows(
              IllegalTransitionException.class, () -> desk.changeStatus(BEA, closed.id(), to));
      assertTrue(e.getMessage().contains("CLOSED is final"), e.getMessage());
    }
    assertThrows(TicketClosedException.class, () -> desk.assign(BEA, closed.id(), CAL_ID));
    assertThrows(TicketClosedException.class, () -> desk.unassign(BEA, closed.id()));
    assertThrows(TicketClosedException.class, () -> desk.note(BEA, closed.id(), "late note"));
    assertThrows(TicketClosedException.class, () -> desk.reply(BEA, closed.id(), "late reply"));
    assertThrows(
        TicketClosedException.class,
        () -> desk.changePriority(BEA, closed.id(), dev.helpdesk.ticket.Priority.URGENT));
    assertEquals(closed, f.tickets.byId(closed.id()).orElseThrow());
    assertEquals(history, f.historySize(closed));
  }

  @Test
  void aCustomerWritingToAClosedTicketGetsALinkedFollowUp() {
    Ticket closed = reach(Status.CLOSED);
    Posted posted = desk.reply(ANA, closed.id(), "The seat is missing again.");
    assertTrue(posted.followUp());
    Ticket followUp = posted.ticket();
    assertEquals(Optional.of(closed.id()), followUp.followUpOf());
    assertEquals(Status.NEW, followUp.status());
    assertEquals(closed.requester(), followUp.requester());
    assertEquals(closed.subject(), followUp.subject());
    assertEquals("The seat is missing again.", posted.message().body());
    assertEquals(posted.message(), desk.ticket(ANA, followUp.id()).conversation().get(0));
    assertEquals(closed, f.tickets.byId(closed.id()).orElseThrow(), "the closed one is untouched");
  }

  @Test
  void aFollowUpTakesTheCustomerAsKnownNowNotTheClosedTicketsOldAddress() {
    Ticket closed = reach(Status.CLOSED);
    Customer moved =
        new Customer(
            closed.requester().id(),
            closed.requester().name(),
            EmailAddress.of("ana@new.example.com"));
    desk.open(ANA, NewTicket.builder().requester(moved).subject("My new address").build());

    Posted posted = desk.reply(ANA, closed.id(), "About the old trip.");

    assertEquals(moved, posted.ticket().requester());
    assertEquals(Optional.of(moved), desk.customerByEmail(BEA, moved.email()));
  }

  @Test
  void aFollowUpIsAcknowledgedOnlyWhenAsked() {
    Ticket closed = reach(Status.CLOSED);
    long queued = f.outbox.undelivered();
    assertTrue(desk.reply(ANA, closed.id(), MessageDraft.text("Quietly."), false).followUp());
    assertEquals(queued, f.outbox.undelivered(), "no acknowledgement");
    assertTrue(desk.reply(ANA, closed.id(), MessageDraft.text("Again."), true).followUp());
    assertEquals(queued + 1, f.outbox.undelivered(), "the acknowledgement is queued");
  }

  @Test
  void theSweepClosesSolvedTicketsAfterFourDays() {
    Ticket t = reach(Status.SOLVED);
    f.clock.advance(Duration.ofDays(4).minusSeconds(1));
    assertEquals(0, desk.closeSolvedTickets());
    assertEquals(Status.SOLVED, f.tickets.byId(t.id()).orElseThrow().status());
    f.clock.advance(Duration.ofSeconds(1));
    assertEquals(1, desk.closeSolvedTickets());
    Ticket closed = f.tickets.byId(t.id()).orElseThrow();
    assertEquals(Status.CLOSED, closed.status());
    TicketEvent last = f.events.get(f.events.size() - 1);
    assertEquals(Actor.system("close-sweep"), last.actor());
    assertEquals(0, desk.closeSolvedTickets(), "a second sweep finds nothing");
  }

  @Test
  void theClosePeriodIsConfigurable() {
    DeskFixture quick = new DeskFixture(b -> b.closeSolvedAfter(Duration.ofHours(1)));
    Ticket t = quick.openAssigned();
    quick.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    quick.clock.advance(Duration.ofHours(1));
    assertEquals(1, quick.desk.closeSolvedTickets());
  }

  @Test
  void aTicketReopenedAndSolvedAgainCountsFromTheLastSolve() {
    Ticket t = reach(Status.SOLVED);
    f.clock.advance(Duration.ofDays(3));
    desk.reply(ANA, t.id(), "Not quite.");
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.clock.advance(Duration.ofDays(2));
    assertEquals(0, desk.closeSolvedTickets());
    f.clock.advance(Duration.ofDays(2));
    assertEquals(1, desk.closeSolvedTickets());
  }

  @Test
  void theSweepClosesMoreThanOnePage() {
    for (int i = 0; i < 250; i++) {
      Ticket t = f.openAssigned();
      desk.changeStatus(BEA, t.id(), Status.SOLVED);
    }
    f.clock.advance(Duration.ofDays(5));
    assertEquals(250, desk.closeSolvedTickets());
    assertTrue(f.tickets.solvedBefore(f.clock.instant(), 10).isEmpty());
  }

  @Test
  void anApplicationCanSupplyItsOwnTable() {
    // A desk without ON_HOLD, where a solved ticket cannot be reopened by staff.
    StatusTransitions strict =
        StatusTransitions.builder()
            .allow(Status.NEW, Status.OPEN)
            .allow(Status.OPEN, Status.PENDING, Status.SOLVED)
            .allow(Status.PENDING, Status.OPEN, Status.SOLVED)
            .allow(Status.SOLVED, Status.CLOSED)
            .build();
    DeskFixture custom = new DeskFixture(b -> b.transitions(strict));
    Ticket t = custom.openAssigned();
    assertThrows(
        IllegalTransitionException.class,
        () -> custom.desk.changeStatus(BEA, t.id(), Status.ON_HOLD));
    custom.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    // The customer's reply does not reopen: the table has no SOLVED -> OPEN.
    assertEquals(Status.SOLVED, custom.desk.reply(ANA, t.id(), "thanks").ticket().status());
  }

  @Test
  void aTableCannotLeadBackToNewOrOutOfClosed() {
    ValidationException intoNew =
        assertThrows(
            ValidationException.class,
            () -> StatusTransitions.builder().allow(Status.OPEN, Status.NEW));
    assertEquals("transitions", intoNew.field());
    assertThrows(
        ValidationException.class,
        () -> StatusTransitions.builder().allow(Status.CLOSED, Status.OPEN));
  }

  @Test
  void theDefaultTableIsAsDocumented() {
    StatusTransitions d = StatusTransitions.defaults();
    assertTrue(d.allows(Status.SOLVED, Status.OPEN));
    assertTrue(d.allows(Status.SOLVED, Status.CLOSED));
    assertTrue(d.from(Status.CLOSED).isEmpty());
    for (Status s : Status.values()) {
      assertTrue(!d.allows(s, Status.NEW));
    }
  }

  @Test
  void anIllegalMoveChangesNothing() {
    Ticket t = f.openAssigned();
    Ticket pending = desk.changeStatus(BEA, t.id(), Status.PENDING);
    int events = f.events.size();
    assertThrows(
        IllegalTransitionException.class, () -> desk.changeStatus(BEA, t.id(), Status.NEW));
    assertEquals(pending, f.tickets.byId(t.id()).orElseThrow());
    assertEquals(events, f.events.size());
  }

  /** A ticket of Ana's in the given status, reached by legal moves. */
  private Ticket reach(Status status) {
    Ticket t = f.openByAna();
    switch (status) {
      case NEW:
        return t;
      case OPEN:
        return desk.assign(BEA, t.id(), BEA_ID);
      case PENDING:
      case ON_HOLD:
      case SOLVED:
        desk.assign(BEA, t.id(), BEA_ID);
        return desk.changeStatus(BEA, t.id(), status);
      case CLOSED:
        desk.assign(BEA, t.id(), BEA_ID);
        desk.changeStatus(BEA, t.id(), Status.SOLVED);
        return desk.changeStatus(BEA, t.id(), Status.CLOSED);
      default:
        throw new AssertionError(status);
    }
  }
}
