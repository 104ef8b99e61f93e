package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Links between tickets: made by staff, kept at both ends, shown to customers only between theirs.
 */
class LinkTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  private Ticket closed() {
    Ticket t = f.openAssigned();
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    return desk.changeStatus(BEA, t.id(), Status.CLOSED);
  }

  private static List<TicketEvent> links(List<TicketEvent> history) {
    return history.stream()
        .filter(e -> e instanceof TicketEvent.Linked || e instanceof TicketEvent.Unlinked)
        .toList();
  }

  @Test
  void aLinkShowsAtBothTicketsAndIsRecordedInBothHistoriesAtOnce() {
    Ticket a = f.openByAna();
    Ticket b = f.openByAna();

    Ticket after = desk.link(BEA, a.id(), b.id(), LinkKind.RELATED);

    assertEquals(a.version() + 1, after.version());
    assertEquals(b.version() + 1, f.tickets.byId(b.id()).orElseThrow().version());
    assertEquals(
        List.of(new TicketLink(LinkKind.RELATED, true, b.id(), b.key(), b.requester().id())),
        desk.ticket(BEA, a.id()).links());
    assertEquals(
        List.of(new TicketLink(LinkKind.RELATED, false, a.id(), a.key(), a.requester().id())),
        desk.ticket(BEA, b.id()).links());
    assertEquals(1, links(f.tickets.history(a.id())).size());
    assertEquals(1, links(f.tickets.history(b.id())).size());
    assertEquals(desk.ticket(ANA, a.id()).links(), desk.ticket(BEA, a.id()).links(), "both Ana's");
  }

  @Test
  void aFollowUpOfAClosedTicketIsLinkedAtBothEndsAndTheClosedOneIsUntouched() {
    Ticket closed = closed();

    Posted posted = desk.reply(ANA, closed.id(), "It happened again.");

    Ticket followUp = posted.ticket();
    assertEquals(
        List.of(TicketLink.outgoing(LinkKind.FOLLOW_UP, closed)),
        desk.ticket(ANA, followUp.id()).links());
    assertEquals(
        List.of(TicketLink.incoming(LinkKind.FOLLOW_UP, followUp)),
        desk.ticket(ANA, closed.id()).links());
    assertEquals(closed, f.tickets.byId(closed.id()).orElseThrow());
    assertEquals(List.of(), links(f.tickets.history(closed.id())));
  }

  @Test
  void anOpenTicketMayBeLinkedToAClosedOneWhoseHistoryStaysAsItWas() {
    Ticket closed = closed();
    Ticket open = f.openByAna();
    int closedHistory = f.historySize(closed);

    desk.link(BEA, open.id(), closed.id(), LinkKind.FOLLOW_UP);

    assertEquals(closedHistory, f.historySize(closed));
    assertEquals(closed, f.tickets.byId(closed.id()).orElseThrow());
    assertEquals(
        List.of(TicketLink.incoming(LinkKind.FOLLOW_UP, open)),
        desk.ticket(BEA, closed.id()).links());
    Ticket other = closed();
    assertThrows(
        TicketClosedException.class,
        () -> desk.link(BEA, closed.id(), other.id(), LinkKind.RELATED),
        "two closed tickets: neither history could record it");
  }

  @Test
  void aCustomerSeesNoLinkToAnotherCustomersTicket() {
    Ticket anas = f.openByAna();
    Ticket bobs = desk.open(BOB, request("c-bob").build());
    desk.link(BEA, anas.id(), bobs.id(), LinkKind.RELATED);

    TicketDetails forAna = desk.ticket(ANA, anas.id());
    assertEquals(List.of(), forAna.links());
    assertEquals(List.of(), links(forAna.history()), "nor the event naming Bob's ticket");
    assertEquals(List.of(), desk.ticket(BOB, bobs.id()).links());
    assertEquals(1, desk.ticket(BEA, anas.id()).links().size());
    assertEquals(1, links(desk.ticket(BEA, anas.id()).history()).size());
  }

  @Test
  void onlyStaffLinkTicketsThatExistAndAreNotLinkedYet() {
    Ticket a = f.openByAna();
    Ticket b = f.openByAna();
    int size = f.historySize(a);

    assertThrows(
        AccessDeniedException.class, () -> desk.link(ANA, a.id(), b.id(), LinkKind.RELATED));
    assertThrows(
        NotFoundException.class, () -> desk.link(BEA, a.id(), TicketId.random(), LinkKind.RELATED));
    assertThrows(
        NotFoundException.class, () -> desk.link(BEA, TicketId.random(), a.id(), LinkKind.RELATED));
    ValidationException self =
        assertThrows(
            ValidationException.class, () -> desk.link(BEA, a.id(), a.id(), LinkKind.RELATED));
    assertEquals("to", self.field());
    assertEquals(size, f.historySize(a));

    desk.link(BEA, a.id(), b.id(), LinkKind.RELATED);
    ValidationException again =
        assertThrows(
            ValidationException.class, () -> desk.link(BEA, b.id(), a.id(), LinkKind.FOLLOW_UP));
    assertTrue(again.getMessage().contains("linked already"), again.getMessage());
  }

  @Test
  void unlinkRemovesTheLinkFromBothEnds() {
    Ticket a = f.openByAna();
    Ticket b = f.openByAna();
    desk.link(BEA, a.id(), b.id(), LinkKind.FOLLOW_UP);

    desk.unlink(BEA, b.id(), a.id());

    assertEquals(List.of(), desk.ticket(BEA, a.id()).links());
    assertEquals(List.of(), desk.ticket(BEA, b.id()).links());
    assertTrue(links(f.tickets.history(a.id())).get(1) instanceof TicketEvent.Unlinked);
    assertThrows(NotFoundException.class, () -> desk.unlink(BEA, a.id(), b.id()));
    assertThrows(AccessDeniedException.class, () -> desk.unlink(ANA, a.id(), b.id()));
  }

  @Test
  void aTicketHoldsAtMostTheMostLinks() {
    Ticket hub = f.openByAna();
    for (int i = 0; i < HelpDesk.MAX_LINKS; i++) {
      desk.link(BEA, hub.id(), f.openByAna().id(), LinkKind.RELATED);
    }
    Ticket one = f.openByAna();
    ValidationException full =
        assertThrows(
            ValidationException.class, () -> desk.link(BEA, one.id(), hub.id(), LinkKind.RELATED));
    assertEquals("links", full.field());
    assertEquals(List.of(), desk.ticket(BEA, one.id()).links());
  }
}
