package dev.helpdesk.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.contract.AttachmentStoreContract;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import org.junit.jupiter.api.Test;

class InMemoryAttachmentsTest extends AttachmentStoreContract {

  @Override
  protected AttachmentStore attachments() {
    return new InMemoryAttachments();
  }

  @Test
  void fileOfExactlyTheLimitIsStored() {
    InMemoryAttachments small = new InMemoryAttachments(8);

    Attachment stored =
        small.store(new NewAttachment("a.bin", "application/octet-stream", new byte[8]));

    assertArrayEquals(new byte[8], small.read(stored.ref()).orElseThrow());
  }

  @Test
  void fileOverTheLimitIsRefusedNamingTheContent() {
    InMemoryAttachments small = new InMemoryAttachments(8);

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> small.store(new NewAttachment("a.bin", "application/octet-stream", new byte[9])));

    assertEquals("attachment.content", e.field());
  }

  @Test
  void defaultLimitIsTenMebibytes() {
    InMemoryAttachments store = new InMemoryAttachments();
    byte[] tooBig = new byte[(int) InMemoryAttachments.DEFAULT_MAX_BYTES + 1];

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> store.store(new NewAttachment("big.bin", "application/octet-stream", tooBig)));

    assertEquals("attachment.content", e.field());
  }

  @Test
  void limitMustBePositive() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> new InMemoryAttachments(0));

    assertEquals("maxBytes", e.field());
  }
}
