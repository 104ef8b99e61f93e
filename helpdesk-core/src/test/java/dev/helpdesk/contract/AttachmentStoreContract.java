package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttachmentStore} adapter must do. Size limits are each store's own and are not
 * part of this suite; the largest file it stores is {@value #LARGEST_FILE_TESTED} bytes.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link
 * #attachments()}:
 *
 * <pre>{@code
 * class FileSystemAttachmentsTest extends AttachmentStoreContract {
 *   @TempDir Path dir;
 *
 *   protected AttachmentStore attachments() { return new FileSystemAttachments(dir); }
 * }
 * }</pre>
 *
 * <p>The suite calls {@link #attachments()} once before each test.
 */
public abstract class AttachmentStoreContract {

  /** The largest file this suite stores, in bytes. */
  public static final int LARGEST_FILE_TESTED = 64 * 1024;

  /** An attachment store holding nothing, fresh for the current test. */
  protected abstract AttachmentStore attachments();

  private AttachmentStore store;

  @BeforeEach
  void createStore() {
    store = attachments();
  }

  @Test
  void storedBytesCanBeReadBackWithTheirMetadata() {
    byte[] content = "%PDF-1.7 ticket receipt".getBytes(StandardCharsets.US_ASCII);

    Attachment stored = store.store(new NewAttachment("receipt.pdf", "application/pdf", content));

    assertEquals("receipt.pdf", stored.name());
    assertEquals("application/pdf", stored.mediaType());
    assertEquals(content.length, stored.size());
    assertArrayEquals(content, store.read(stored.ref()).orElseThrow());
  }

  @Test
  void largerBinaryContentIsStoredByteForByte() {
    byte[] content = new byte[LARGEST_FILE_TESTED];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + 7);
    }

    Attachment stored = store.store(new NewAttachment("scan.png", "image/png", content));

    assertEquals(content.length, stored.size());
    assertArrayEquals(content, store.read(stored.ref()).orElseThrow());
  }

  @Test
  void emptyFileIsStoredAsEmpty() {
    Attachment stored = store.store(new NewAttachment("empty.txt", "text/plain", new byte[0]));

    assertEquals(0, stored.size());
    assertArrayEquals(new byte[0], store.read(stored.ref()).orElseThrow());
  }

  @Test
  void changingTheInputArrayAfterStoringDoesNotChangeTheStoredBytes() {
    byte[] content = {1, 2, 3, 4};
    Attachment stored =
        store.store(new NewAttachment("a.bin", "application/octet-stream", content));

    content[0] = 99;

    assertArrayEquals(new byte[] {1, 2, 3, 4}, store.read(stored.ref()).orElseThrow());
  }

  @Test
  void changingTheArrayReadDoesNotChangeTheStoredBytes() {
    Attachment stored =
        store.store(new NewAttachment("a.bin", "application/octet-stream", new byte[] {1, 2, 3}));

    store.read(stored.ref()).orElseThrow()[0] = 99;

    assertArrayEquals(new byte[] {1, 2, 3}, store.read(stored.ref()).orElseThrow());
  }

  @Test
  void eachStoreGetsItsOwnRefEvenForEqualContent() {
    byte[] content = {5, 6, 7};

    Attachment first = store.store(new NewAttachment("a.bin", "application/octet-stream", content));
    Attachment second =
        store.store(new NewAttachment("a.bin", "application/octet-stream", content));
    store.delete(first.ref());

    assertNotEquals(first.ref(), second.ref());
    assertArrayEquals(content, store.read(second.ref()).orElseThrow());
  }

  @Test
  void deletedBytesAreGoneAndOthersStay() {
    Attachment gone = store.store(new NewAttachment("gone.txt", "text/plain", new byte[] {1}));
    Attachment kept = store.store(new NewAttachment("kept.txt", "text/plain", new byte[] {2}));

    store.delete(gone.ref());

    assertTrue(store.read(gone.ref()).isEmpty());
    assertArrayEquals(new byte[] {2}, store.read(kept.ref()).orElseThrow());
  }

  @Test
  void deletingTwiceOrDeletingWhatWasNeverStoredDoesNothing() {
    Attachment stored = store.store(new NewAttachment("a.txt", "text/plain", new byte[] {1}));
    store.delete(stored.ref());

    store.delete(stored.ref());
    store.delete(new AttachmentRef("never-stored"));

    assertTrue(store.read(stored.ref()).isEmpty());
  }

  @Test
  void readingAnUnknownRefIsEmpty() {
    store.store(new NewAttachment("a.txt", "text/plain", new byte[] {1}));

    assertTrue(store.read(new AttachmentRef("never-stored")).isEmpty());
  }
}
