package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.CAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Files on internal notes: stored like a reply's, read by staff, never by customers. */
class NoteFilesTest {

  /** The files the desk holds right now, to see what it leaves behind. */
  private static final class Held implements AttachmentStore {
    final InMemoryAttachments store = new InMemoryAttachments(1024);
    final Set<AttachmentRef> live = ConcurrentHashMap.newKeySet();

    @Override
    public Attachment store(NewAttachment attachment) {
      Attachment a = store.store(attachment);
      live.add(a.ref());
      return a;
    }

    @Override
    public Optional<byte[]> read(AttachmentRef ref) {
      return store.read(ref);
    }

    @Override
    public void delete(AttachmentRef ref) {
      live.remove(ref);
      store.delete(ref);
    }
  }

  private final Held held = new Held();
  private final DeskFixture f = new DeskFixture(b -> b.attachments(held));
  private final HelpDesk desk = f.desk;

  private static MessageDraft noteWith(String name, String text) {
    return MessageDraft.text("Log from the booking system")
        .attach(new NewAttachment(name, "text/plain", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void staffReadANotesFilesAndTheCustomerNever() {
    Ticket t = f.openByAna();

    Message note = desk.note(BEA, t.id(), noteWith("booking.log", "seat 12A released"));

    assertEquals(Visibility.INTERNAL, note.visibility());
    Attachment file = note.attachments().get(0);
    assertEquals("booking.log", file.name());
    assertEquals(note, desk.ticket(BEA, t.id()).conversation().get(1));
    assertArrayEquals(
        "seat 12A released".getBytes(StandardCharsets.UTF_8),
        desk.attachment(CAL, t.id(), file.ref()).bytes());
    // The ticket's own customer does not learn the file exists, as for any file not on their view.
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> desk.attachment(ANA, t.id(), file.ref()));
    assertEquals(
        new NotFoundException("attachment", file.ref().value()).getMessage(), e.getMessage());
  }

  @Test
  void aCustomerMayNotWriteANoteAndNoFileIsStored() {
    Ticket t = f.openByAna();

    assertThrows(
        AccessDeniedException.class,
        () -> desk.note(ANA, t.id(), noteWith("fake.log", "all fine")));

    assertEquals(Set.of(), held.live);
  }

  @Test
  void aNoteThatCannotBeAddedLeavesNoFileBehind() {
    Ticket t = f.openByAna();
    desk.assign(BEA, t.id(), BEA_ID);
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.changeStatus(BEA, t.id(), Status.CLOSED);

    assertThrows(
        TicketClosedException.class, () -> desk.note(BEA, t.id(), noteWith("late.log", "x")));

    assertEquals(Set.of(), held.live);
  }

  @Test
  void whenOneFileIsRefusedTheOthersAreDeletedAndNoNoteIsAdded() {
    Ticket t = f.openByAna();
    MessageDraft draft =
        noteWith("small.log", "fits")
            .attach(new NewAttachment("huge.bin", "application/octet-stream", new byte[1025]));

    ValidationException e =
        assertThrows(ValidationException.class, () -> desk.note(BEA, t.id(), draft));

    assertEquals("attachment.content", e.field());
    assertEquals(Set.of(), held.live);
    assertEquals(1, desk.ticket(BEA, t.id()).conversation().size());
  }

  @Test
  void erasingTheCustomerDeletesTheFilesOfTheTeamsNotesToo() {
    Ticket t = f.openByAna();
    desk.note(BEA, t.id(), noteWith("booking.log", "Ana's seat, Ana's phone"));
    desk.reply(
        BEA,
        t.id(),
        MessageDraft.text("Your pass")
            .attach(new NewAttachment("pass.pdf", "application/pdf", new byte[] {1})));
    assertEquals(2, held.live.size());

    desk.eraseCustomer(BEA, dev.helpdesk.customer.CustomerId.of("c-ana"));

    assertEquals(Set.of(), held.live);
  }

  @Test
  void aTextNoteStillCarriesNoFiles() {
    Ticket t = f.openByAna();

    assertEquals(java.util.List.of(), desk.note(BEA, t.id(), "Called the customer").attachments());
  }
}
