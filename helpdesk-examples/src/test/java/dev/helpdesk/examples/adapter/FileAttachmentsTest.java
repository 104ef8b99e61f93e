package dev.helpdesk.examples.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.NewAttachment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file adapter does beyond the port's contract (see FileAttachmentsContractTest). */
class FileAttachmentsTest {

  @TempDir Path folder;

  @Test
  void aReferenceItDidNotIssueNamesNoFileOutsideItsFolder() throws IOException {
    Path secret = folder.getParent().resolve("secret-" + folder.getFileName());
    Files.writeString(secret, "not an attachment");
    FileAttachments store = new FileAttachments(folder, 100);

    assertEquals(
        Optional.empty(), store.read(new AttachmentRef("file:../" + secret.getFileName())));
    store.delete(new AttachmentRef("file:../" + secret.getFileName()));
    assertTrue(Files.exists(secret));
    Files.delete(secret);
  }

  @Test
  void aFileOverTheLimitIsRefusedAndNothingIsWritten() throws IOException {
    FileAttachments store = new FileAttachments(folder, 4);
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                store.store(
                    new NewAttachment(
                        "big.txt", "text/plain", "12345".getBytes(StandardCharsets.UTF_8))));
    assertEquals("attachment.content", e.field());
    try (var files = Files.list(folder)) {
      assertEquals(0, files.count());
    }
  }
}
