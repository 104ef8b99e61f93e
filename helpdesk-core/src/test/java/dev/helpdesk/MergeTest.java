package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAL;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging a customer's duplicate into another of their tickets. */
class MergeTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @Test
  void theDuplicatesPublicMessagesJoinTheTargetAndTheDuplicateIsClosedAndLinked() {
    Ticket into = f.openAssigned();
    f.clock.advance(Duration.ofMinutes(5));
    Ticket dup = f.openByAna();
    f.clock.advance(Duration.ofMinutes(5));
    desk.reply(CAL, dup.id(), "Which train was it?");
    desk.note(CAL, dup.id(), "Probably the same as the other one.");
    f.clock.advance(Duration.ofMinutes(5));
    List<Message> dupConversation = f.tickets.conversation(dup.id());
    List<TicketEvent> dupHistory = f.tickets.history(dup.id());
    List<Message> intoConversation = f.tickets.conversation(into.id());
    List<TicketEvent> intoHistory = f.tickets.history(into.id());

    Ticket after = desk.merge(BEA, dup.id(), into.id());

    assertEquals(into.version() + 1, after.version());
    assertEquals(into.status(), after.status(), "carried messages do not reopen or move it");
    List<Message> conversation = f.tickets.conversation(into.id());
    assertEquals(intoConversation, conversation.subList(0, intoConversation.size()));
    List<Message> carried = conversation.subList(intoConversation.size(), conversation.size());
    List<Message> publicOnes = dupConversation.stream().filter(Message::isPublic).toList();
    assertEquals(2, publicOnes.size());
    assertEquals(publicOnes.size(), carried.size(), "internal notes stay on the duplicate");
    for (int i = 0; i < carried.size(); i++) {
      Message original = publicOnes.get(i);
      Message copy = carried.get(i);
      assertNotEquals(original.id(), copy.id());
      assertEquals(original.author(), copy.author());
      assertEquals(original.at(), copy.at());
      assertEquals(original.body(), copy.body());
      assertEquals(original.attachments(), copy.attachments());
    }
    List<TicketEvent> history = f.tickets.history(into.id());
    assertEquals(intoHistory, history.subList(0, intoHistory.size()), "its history is kept");
    TicketEvent.Merged merged = (TicketEvent.Merged) history.get(intoHistory.size());
    assertEquals(dup.id(), merged.duplicate());
    assertEquals(dup.key(), merged.duplicateKey());
    assertEquals(carried.stream().map(Message::id).toList(), merged.carried());
    assertTrue(
        history.stream()
            .noneMatch(
                e -> e instanceof TicketEvent.MessageAdded m && m.at().equals(f.clock.instant())),
        "carried messages are no new replies");

    Ticket closed = f.tickets.byId(dup.id()).orElseThrow();
    assertEquals(Status.CLOSED, closed.status());
    List<TicketEvent> closedHistory = f.tickets.history(dup.id());
    assertEquals(dupHistory, closedHistory.subList(0, dupHistory.size()));
    assertTrue(
        closedHistory.contains(
            new TicketEvent.MergedInto(dup.id(), BEA, f.clock.instant(), into.id(), into.key())));
    assertEquals(
        new TicketEvent.StatusChanged(dup.id(), BEA, f.clock.instant(), Status.NEW, Status.CLOSED),
        closedHistory.get(closedHistory.size() - 1));
    assertEquals(
        List.of(TicketLink.outgoing(LinkKind.RELATED, into)), desk.ticket(ANA, dup.id()).links());
    assertEquals(
        List.of(TicketLink.incoming(LinkKind.RELATED, closed)),
        desk.ticket(ANA, into.id()).links());
  }

  @Test
  void aMergedDuplicateCannotBeMergedOrMergedIntoAgain() {
    Ticket into = f.openByAna();
    Ticket dup = f.openByAna();
    Ticket third = f.openByAna();
    desk.merge(BEA, dup.id(), into.id());

    assertThrows(TicketClosedException.class, () -> desk.merge(BEA, dup.id(), third.id()));
    assertThrows(TicketClosedException.class, () -> desk.merge(BEA, third.id(), dup.id()));
    assertEquals(Status.NEW, f.tickets.byId(third.id()).orElseThrow().status());
  }

  @Test
  void onlyStaffMergeTwoExistingTicketsOfOneCustomer() {
    Ticket anas = f.openByAna();
    Ticket anasOther = f.openByAna();
    Ticket bobs = desk.open(BOB, request("c-bob").build());

    assertThrows(AccessDeniedException.class, () -> desk.merge(ANA, anasOther.id(), anas.id()));
    ValidationException other =
        assertThrows(ValidationException.class, () -> desk.merge(BEA, bobs.id(), anas.id()));
    assertEquals("into", other.field());
    assertTrue(other.getMessage().contains("same requester"), other.getMessage());
    ValidationException self =
        assertThrows(ValidationException.class, () -> desk.merge(BEA, anas.id(), anas.id()));
    assertEquals("into", self.field());
    assertThrows(NotFoundException.class, () -> desk.merge(BEA, anas.id(), TicketId.random()));

    for (Ticket t : List.of(anas, anasOther, bobs)) {
      assertEquals(t, f.tickets.byId(t.id()).orElseThrow(), "nothing changed");
    }
  }

  @Test
  void mergingFreesTheDuplicatesAgent() {
    Ticket into = f.openByAna();
    Ticket dup = f.openAssigned();
    assertEquals(1, desk.queueOf(BEA, BEA_ID).size());

    desk.merge(BEA, dup.id(), into.id());

    assertEquals(List.of(), desk.queueOf(BEA, BEA_ID));
  }

  @Test
  void bothTicketsChangeInOneWriteOrNotAtAll() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets real = new InMemoryTickets(outbox);
    RefusingSaveAll store = new RefusingSaveAll(real);
    DeskFixture refusing = new DeskFixture(b -> b.tickets(store, outbox));
    Ticket into = refusing.openByAna();
    Ticket dup = refusing.openByAna();

    assertThrows(
        ConcurrentUpdateException.class, () -> refusing.desk.merge(BEA, dup.id(), into.id()));

    assertEquals(into, real.byId(into.id()).orElseThrow());
    assertEquals(dup, real.byId(dup.id()).orElseThrow());
    assertEquals(3, store.attempts, "re-read and retried, then given up");
  }

  /** Saves one change as the store does, but refuses every list of changes as stale. */
  private static final class RefusingSaveAll extends DelegatingTickets {
    int attempts;

    RefusingSaveAll(InMemoryTickets delegate) {
      super(delegate);
    }

    @Override
    public void saveAll(List<TicketChange> changes) {
      attempts++;
      throw new ConcurrentUpdateException("ticket", changes.get(0).after().id().toString(), 0);
    }
  }

  /** Unused message ids are random: two merges never collide. */
  @Test
  void carriedMessagesGetFreshIds() {
    Ticket into = f.openByAna();
    Ticket dup = f.openByAna();
    MessageId original = f.tickets.conversation(dup.id()).get(0).id();
    desk.merge(BEA, dup.id(), into.id());
    List<Message> conversation = f.tickets.conversation(into.id());
    assertNotEquals(original, conversation.get(conversation.size() - 1).id());
  }
}
