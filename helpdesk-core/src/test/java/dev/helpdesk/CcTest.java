package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.privacy.Erasure;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * People copied on a ticket: who may copy them, what they receive (public staff replies, each in a
 * notification of its own, never notes, never their own), and how their replies are relayed.
 */
class CcTest {

  private static final Actor INTAKE = Actor.system("mail-intake");
  private static final Cc BO = Cc.of("bo@example.org", "Bo Berg");
  private static final Cc LI = Cc.of("li@example.net");

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  private List<TicketEvent> ccEvents(Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(e -> e instanceof TicketEvent.CcAdded || e instanceof TicketEvent.CcRemoved)
        .toList();
  }

  private List<String> repliesTo(List<Notification> sent) {
    return sent.stream()
        .filter(n -> n.kind() == NotificationKind.AGENT_REPLIED)
        .map(n -> n.recipient().email().value())
        .toList();
  }

  @Test
  void theRequesterCopiesSomeoneAndTheChangeIsInTheHistoryTheyMaySee() {
    Ticket t = f.openByAna();
    Ticket after = desk.addCc(ANA, t.id(), BO);
    assertEquals(List.of(BO), after.ccs());
    assertEquals(t.version() + 1, after.version());
    assertEquals(List.of(BO), desk.ticket(BEA, t.id()).ticket().ccs());
    List<TicketEvent> events = ccEvents(t);
    assertEquals(List.of(new TicketEvent.CcAdded(t.id(), ANA, f.clock.instant(), BO)), events);
    assertTrue(
        desk.ticket(ANA, t.id()).history().contains(events.get(0)), "the customer sees it too");
    assertTrue(f.events.contains(events.get(0)), "listeners are told");
  }

  @Test
  void aStaffReplyGoesToTheCustomerAndToEachCcInANotificationOfItsOwn() {
    Ticket t = f.openAssigned();
    desk.addCc(BEA, t.id(), BO);
    desk.addCc(ANA, t.id(), LI);
    f.deliver();
    desk.reply(BEA, t.id(), "Your seat is 42A.");
    List<Notification> sent = f.deliverHeld();
    assertEquals(List.of("c-ana@example.com", "bo@example.org", "li@example.net"), repliesTo(sent));
    Notification toBo = sent.get(1);
    assertEquals("Bo Berg", toBo.recipient().name());
    assertEquals("Your seat is 42A.", toBo.values().get(Notification.BODY));
    assertEquals("Bea Agent", toBo.values().get(Notification.AUTHOR));
    assertEquals("li@example.net", sent.get(2).recipient().name(), "no name: the address");
  }

  @Test
  void aCcGetsNoInternalNoteNorTheCustomersOwnReply() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), BO);
    f.deliver();
    desk.note(BEA, t.id(), "Refund approved internally");
    desk.reply(ANA, t.id(), "Any news?");
    // The assignee hears the customer's reply; the CC hears nothing.
    List<Notification> sent = f.deliverHeld();
    assertEquals(
        List.of(NotificationKind.CUSTOMER_REPLIED), sent.stream().map(Notification::kind).toList());
    assertEquals("bea@desk.example", sent.get(0).recipient().email().value());
  }

  @Test
  void anAgentCopiedOnATicketIsNotSentTheirOwnReply() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), Cc.of("BEA@desk.example", "Bea at home"));
    desk.addCc(ANA, t.id(), LI);
    f.deliver();
    desk.reply(BEA, t.id(), "On it.");
    assertEquals(List.of("c-ana@example.com", "li@example.net"), repliesTo(f.deliverHeld()));
  }

  @Test
  void addressesAreComparedIgnoringCaseSoACcIsAddedOnceAndRemovedInAnyCase() {
    Ticket t = f.openByAna();
    Ticket once = desk.addCc(ANA, t.id(), BO);
    assertEquals(once, desk.addCc(BEA, t.id(), Cc.of("BO@Example.ORG", "Bo again")));
    assertEquals(1, ccEvents(t).size());
    Ticket removed = desk.removeCc(BEA, t.id(), EmailAddress.of("Bo@EXAMPLE.org"));
    assertEquals(List.of(), removed.ccs());
    TicketEvent.CcRemoved event = (TicketEvent.CcRemoved) ccEvents(t).get(1);
    assertEquals(BO, event.cc(), "as it was copied");
    assertEquals(BEA, event.actor());
    assertEquals(removed, desk.removeCc(BEA, t.id(), EmailAddress.of("bo@example.org")));
    assertEquals(2, ccEvents(t).size(), "removing what is not there changes nothing");
  }

  @Test
  void aRemovedCcGetsNoFurtherReplies() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), BO);
    desk.addCc(ANA, t.id(), LI);
    desk.removeCc(ANA, t.id(), BO.email());
    f.deliver();
    desk.reply(BEA, t.id(), "Done.");
    assertEquals(List.of("c-ana@example.com", "li@example.net"), repliesTo(f.deliverHeld()));
  }

  @Test
  void atMostTwentyAreCopiedAndTheTwentyFirstIsRefusedNamingCcs() {
    Ticket t = f.openByAna();
    for (int i = 0; i < Ticket.MAX_CCS; i++) {
      desk.addCc(ANA, t.id(), Cc.of("p" + i + "@example.org"));
    }
    int history = f.historySize(t);
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> desk.addCc(ANA, t.id(), Cc.of("one@more.org")));
    assertEquals("ccs", e.field(), e.getMessage());
    assertEquals(history, f.historySize(t));
    assertEquals(Ticket.MAX_CCS, desk.ticket(BEA, t.id()).ticket().ccs().size());
  }

  @Test
  void theRequestersOwnAddressIsNoCc() {
    Ticket t = f.openByAna();
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> desk.addCc(BEA, t.id(), Cc.of("C-ANA@example.com", "Ana")));
    assertEquals("ccs", e.field());
    assertEquals(List.of(), desk.ticket(BEA, t.id()).ticket().ccs());
  }

  @Test
  void malformedAddressesAndNamesAreRefusedNamingTheField() {
    assertEquals(
        "email", assertThrows(ValidationException.class, () -> Cc.of("not an address")).field());
    assertEquals(
        "cc.name",
        assertThrows(ValidationException.class, () -> Cc.of("x@y.org", "Bo\r\nBcc: z@y.org"))
            .field());
    assertEquals(Optional.empty(), Cc.of("x@y.org", "  ").name(), "a blank name is none");
  }

  @Test
  void anotherCustomerNeitherSeesNorCopiesOnTheTicketEvenWhenCopiedOnIt() {
    Ticket t = f.openByAna();
    desk.addCc(ANA, t.id(), Cc.of("c-bob@example.com", "Bob"));
    assertThrows(NotFoundException.class, () -> desk.addCc(BOB, t.id(), LI));
    assertThrows(NotFoundException.class, () -> desk.removeCc(BOB, t.id(), LI.email()));
    assertThrows(NotFoundException.class, () -> desk.ticket(BOB, t.id()));
    assertEquals(1, desk.ticket(BEA, t.id()).ticket().ccs().size());
  }

  @Test
  void aColleagueWhoReadsTheTicketThroughTheOrganisationMayNotChangeItsCcs() {
    DeskFixture org = new DeskFixture(b -> b.customersSeeOrganisation(true));
    Actor admin = Actor.system("admin");
    OrganisationId acme = OrganisationId.of("acme");
    org.desk.saveCustomer(
        admin,
        new Customer(
            CustomerId.of("c-ana"),
            "Ana",
            EmailAddress.of("c-ana@example.com"),
            Optional.of(acme)));
    org.desk.saveCustomer(
        admin,
        new Customer(
            CustomerId.of("c-dan"), "Dan", EmailAddress.of("dan@example.com"), Optional.of(acme)));
    Ticket t = org.desk.open(ANA, request("c-ana").build());
    Actor dan = Actor.customer("c-dan");
    assertEquals(t.id(), org.desk.ticket(dan, t.id()).ticket().id(), "Dan reads it");
    assertThrows(AccessDeniedException.class, () -> org.desk.addCc(dan, t.id(), LI));
    assertThrows(AccessDeniedException.class, () -> org.desk.removeCc(dan, t.id(), LI.email()));
  }

  @Test
  void aClosedTicketTakesNoCcChange() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), BO);
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.changeStatus(BEA, t.id(), Status.CLOSED);
    assertThrows(TicketClosedException.class, () -> desk.addCc(ANA, t.id(), LI));
    assertThrows(TicketClosedException.class, () -> desk.removeCc(ANA, t.id(), BO.email()));
  }

  @Test
  void aCcsReplyRelayedByTheIntakeIsAPublicReplyFromThemThatReopensAPendingTicket() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), BO);
    desk.changeStatus(BEA, t.id(), Status.PENDING);
    f.deliverHeld();
    Customer bo = new Customer(CustomerId.of("mail:bo@example.org"), "Bo", BO.email());
    Posted posted = desk.replyFromCc(INTAKE, t.id(), bo, MessageDraft.text("Seat 42A is fine."));
    Message m = posted.message();
    assertEquals(Actor.customer("mail:bo@example.org"), m.author());
    assertEquals(Visibility.PUBLIC, m.visibility());
    assertEquals(Status.OPEN, posted.ticket().status(), "like a customer's answer");
    assertTrue(desk.ticket(ANA, t.id()).conversation().contains(m), "the customer reads it");
    assertEquals(
        List.of(NotificationKind.CUSTOMER_REPLIED),
        f.deliverHeld().stream().map(Notification::kind).toList(),
        "only the assignee hears it: no customer is mailed another's words");
  }

  @Test
  void onlyACopiedAddressIsRelayedAndOnlyByStaffOrSystems() {
    Ticket t = f.openByAna();
    desk.addCc(ANA, t.id(), BO);
    Customer stranger =
        new Customer(
            CustomerId.of("mail:eve@example.org"), "Eve", EmailAddress.of("eve@example.org"));
    int history = f.historySize(t);
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> desk.replyFromCc(INTAKE, t.id(), stranger, MessageDraft.text("Hi")));
    assertEquals("cc", e.field());
    Customer bo = new Customer(CustomerId.of("c-ana"), "Bo", BO.email());
    assertThrows(
        AccessDeniedException.class,
        () -> desk.replyFromCc(ANA, t.id(), bo, MessageDraft.text("Posing as Bo")));
    assertEquals(history, f.historySize(t));
  }

  @Test
  void theCustomersExportListsThePeopleCopiedOnTheirTickets() {
    Ticket t = f.openByAna();
    desk.addCc(ANA, t.id(), BO);
    desk.addCc(ANA, t.id(), LI);
    String json = desk.exportCustomer(ANA, CustomerId.of("c-ana"));
    assertTrue(
        json.contains(
            "\"ccs\":[{\"email\":\"bo@example.org\",\"name\":\"Bo Berg\"},"
                + "{\"email\":\"li@example.net\",\"name\":null}]"),
        json);
  }

  @Test
  void erasingTheRequesterErasesThePeopleTheyCopiedFromTheTicketAndItsHistory() {
    Ticket t = f.openAssigned();
    desk.addCc(ANA, t.id(), BO);
    desk.removeCc(ANA, t.id(), BO.email());
    desk.addCc(ANA, t.id(), LI);
    desk.reply(BEA, t.id(), "Queued for Li too");
    desk.eraseCustomer(Actor.system("privacy"), CustomerId.of("c-ana"));
    Ticket erased = desk.ticket(BEA, t.id()).ticket();
    assertEquals(List.of(), erased.ccs());
    for (TicketEvent e : ccEvents(t)) {
      Cc cc = e instanceof TicketEvent.CcAdded a ? a.cc() : ((TicketEvent.CcRemoved) e).cc();
      assertEquals(Erasure.EMAIL, cc.email(), e.toString());
    }
    assertEquals(List.of(), repliesTo(f.deliverHeld()), "the reply to Li waited and is dropped");
  }
}
