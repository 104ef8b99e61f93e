package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Applying macros: one atomic change, under the usual rules, with the usual notifications. */
class MacrosTest {

  static final Macro REFUND =
      Macro.builder("refund-issued")
          .reply(
              "Hello {{customer.name}}, we refunded booking {{booking_reference}} ({{ticket.key}}).\n"
                  + "{{agent.name}}")
          .status(Status.PENDING)
          .priority(Priority.LOW)
          .group("billing")
          .tag("refund")
          .build();

  static final Macro THANKS = Macro.builder("thanks").reply("Thank you!").build();

  static final Macro CLOSE_IT = Macro.builder("solve").reply("Done.").status(Status.SOLVED).build();

  private DeskFixture desk() {
    return new DeskFixture(b -> b.macro(REFUND).macro(THANKS).macro(CLOSE_IT));
  }

  private Ticket openWithBooking(DeskFixture f) {
    return f.desk.open(ANA, request("c-ana").bookingReference("BK-77").tag("rail").build());
  }

  @Test
  void theDeskListsItsMacrosInTheOrderGiven() {
    assertEquals(List.of(REFUND, THANKS, CLOSE_IT), desk().desk.macros());
    ValidationException twice =
        assertThrows(
            ValidationException.class, () -> HelpDesk.builder().macro(THANKS).macro(THANKS));
    assertTrue(twice.getMessage().contains("'thanks' is taken"), twice.getMessage());
  }

  @Test
  void applyingRepliesAndSetsTheFieldsInOneChange() {
    DeskFixture f = desk();
    Ticket t = f.desk.assign(BEA, openWithBooking(f).id(), DeskFixture.BEA_ID);
    f.deliver();
    int historyBefore = f.historySize(t);
    Posted posted = f.desk.applyMacro(BEA, t.id(), "refund-issued");
    Ticket after = posted.ticket();
    assertEquals(t.version() + 1, after.version(), "one change");
    assertEquals(
        "Hello Name of c-ana, we refunded booking BK-77 (" + t.key() + ").\nBea Agent",
        posted.message().body());
    assertEquals(Visibility.PUBLIC, posted.message().visibility());
    assertEquals(BEA, posted.message().author());
    assertEquals(Status.PENDING, after.status());
    assertEquals(Priority.LOW, after.priority());
    assertEquals(Optional.of(GroupId.of("billing")), after.group());
    assertEquals(Set.of("rail", "refund"), after.tags());
    List<TicketEvent> added =
        f.desk.ticket(BEA, t.id()).history().subList(historyBefore, f.historySize(t));
    assertEquals(
        List.of(
            TicketEvent.MacroApplied.class,
            TicketEvent.MessageAdded.class,
            TicketEvent.PriorityChanged.class,
            TicketEvent.GroupChanged.class,
            TicketEvent.TagsChanged.class,
            TicketEvent.StatusChanged.class),
        added.stream().map(Object::getClass).toList());
    assertEquals("refund-issued", ((TicketEvent.MacroApplied) added.get(0)).macro());
    List<Notification> mail = f.deliverHeld();
    assertEquals(
        List.of(NotificationKind.AGENT_REPLIED),
        mail.stream().map(Notification::kind).toList(),
        "one change, one mail to the customer");
    assertEquals(
        List.of(NotificationKind.AGENT_REPLIED, NotificationKind.STATUS_CHANGED),
        mail.get(0).coalescedKinds());
    assertEquals(posted.message().body(), mail.get(0).values().get(Notification.BODY));
  }

  @Test
  void theCustomerSeesTheReplyButNotTheMacroNorTheTags() {
    DeskFixture f = desk();
    Ticket t = openWithBooking(f);
    f.desk.assign(BEA, t.id(), DeskFixture.BEA_ID);
    f.desk.applyMacro(BEA, t.id(), "refund-issued");
    TicketDetails seen = f.desk.ticket(ANA, t.id());
    assertTrue(seen.conversation().stream().anyMatch(m -> m.body().startsWith("Hello")));
    assertTrue(
        seen.history().stream()
            .noneMatch(
                e ->
                    e instanceof TicketEvent.MacroApplied || e instanceof TicketEvent.TagsChanged));
  }

  @Test
  void aBrokenRuleRefusesTheWholeMacroAndStoresNothing() {
    DeskFixture f = desk();
    Ticket t = openWithBooking(f); // unassigned: SOLVED needs an assignee
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class, () -> f.desk.applyMacro(BEA, t.id(), "solve"));
    assertTrue(e.getMessage().contains("SOLVED requires an assignee"));
    Ticket now = f.tickets.byId(t.id()).orElseThrow();
    assertEquals(t.version(), now.version());
    assertEquals(1, f.tickets.conversation(t.id()).size(), "no reply stored");
  }

  @Test
  void aTicketWithoutTheBookingReferenceTheMacroNeedsIsRefused() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> f.desk.applyMacro(BEA, t.id(), "refund-issued"));
    assertEquals("booking_reference", e.field());
    assertEquals(1, f.tickets.byId(t.id()).orElseThrow().version());
  }

  @Test
  void customersMayNotApplyMacrosAndUnknownNamesAreNotFound() {
    DeskFixture f = desk();
    Ticket t = openWithBooking(f);
    assertThrows(AccessDeniedException.class, () -> f.desk.applyMacro(ANA, t.id(), "thanks"));
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> f.desk.applyMacro(BEA, t.id(), "thx"));
    assertEquals("macro", e.kind());
  }

  @Test
  void aClosedTicketTakesNoMacro() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    f.desk.applyMacro(BEA, t.id(), "solve");
    f.clock.advance(Duration.ofDays(5));
    f.desk.closeSolvedTickets();
    assertThrows(TicketClosedException.class, () -> f.desk.applyMacro(BEA, t.id(), "thanks"));
  }
}
