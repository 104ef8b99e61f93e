package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentContent;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a customer sees of their own ticket, and of files on it. */
class CustomerViewTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  private Ticket taggedAndRouted() {
    Ticket t = desk.open(ANA, DeskFixture.request("c-ana").tag("refund-risk").build());
    desk.changeGroup(BEA, t.id(), GroupId.of("escalations-team"));
    return t;
  }

  @Test
  void customersDoNotSeeTheTeamsTagsAndGroup() {
    Ticket t = taggedAndRouted();
    TicketDetails own = desk.ticket(ANA, t.id());
    assertEquals(Set.of(), own.ticket().tags());
    assertEquals(Optional.empty(), own.ticket().group());
    for (TicketEvent e : own.history()) {
      assertTrue(!(e instanceof TicketEvent.GroupChanged), "group change shown: " + e);
      if (e instanceof TicketEvent.Created c) {
        assertEquals(Set.of(), c.tags());
        assertEquals(Optional.empty(), c.group());
      }
    }
    assertEquals(Set.of(), desk.ticketsOf(ANA, CustomerId.of("c-ana")).get(0).tags());
    assertEquals(Set.of(), desk.reply(ANA, t.id(), "Any news?").ticket().tags());

    Ticket staff = desk.ticket(BEA, t.id()).ticket();
    assertEquals(Set.of("refund-risk"), staff.tags());
    assertEquals(Optional.of(GroupId.of("escalations-team")), staff.group());
  }

  @Test
  void filesAreHandedOutWithTheSameCheckAsTheirMessage() {
    Ticket t = f.openByAna();
    byte[] bytes = "PNG...".getBytes(StandardCharsets.UTF_8);
    Posted posted =
        desk.reply(
            ANA,
            t.id(),
            new MessageDraft(
                "Here is my receipt",
                List.of(new NewAttachment("receipt.png", "image/png", bytes))));
    Attachment file = posted.message().attachments().get(0);

    AttachmentContent own = desk.attachment(ANA, t.id(), file.ref());
    assertArrayEquals(bytes, own.bytes());
    assertEquals("receipt.png", own.attachment().name());
    assertArrayEquals(bytes, desk.attachment(BEA, t.id(), file.ref()).bytes());

    // Another customer learns nothing, as for a ticket that does not exist.
    NotFoundException other =
        assertThrows(NotFoundException.class, () -> desk.attachment(BOB, t.id(), file.ref()));
    assertEquals(
        new NotFoundException("ticket", t.id().toString()).getMessage(), other.getMessage());
    // A file is reachable only through a ticket whose conversation carries it.
    Ticket bobs = desk.open(BOB, DeskFixture.request("c-bob").build());
    assertThrows(NotFoundException.class, () -> desk.attachment(BOB, bobs.id(), file.ref()));
    assertThrows(
        NotFoundException.class,
        () -> desk.attachment(ANA, t.id(), new AttachmentRef("no-such-file")));
  }
}
