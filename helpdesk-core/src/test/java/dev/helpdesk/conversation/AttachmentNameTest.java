package dev.helpdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.common.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Attachment names are file names, never paths. */
class AttachmentNameTest {

  @ParameterizedTest
  @CsvSource({
    "../../etc/passwd, passwd",
    "..\\..\\windows\\win.ini, win.ini",
    "/tmp/receipt.pdf, receipt.pdf",
    "receipt.pdf, receipt.pdf",
    "my seat (2).png, my seat (2).png"
  })
  void aPathIsCutToItsFileName(String given, String kept) {
    assertEquals(kept, new NewAttachment(given, "image/png", new byte[] {1}).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../", "uploads/", "a\\..", "a/ "})
  void aNameThatIsNoFileIsRefusedByName(String given) {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> new NewAttachment(given, "image/png", new byte[] {1}));
    assertEquals("attachment.name", e.field());
  }

  @Test
  void aStoredNameReadsBackUnchanged() {
    Attachment a = new Attachment("receipt.pdf", "application/pdf", 3, new AttachmentRef("r-1"));
    assertEquals("receipt.pdf", a.name());
  }
}
