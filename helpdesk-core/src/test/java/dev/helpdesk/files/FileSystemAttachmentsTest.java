package dev.helpdesk.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.contract.AttachmentStoreContract;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port's contract, and what the file store adds: its directory cannot be left. */
class FileSystemAttachmentsTest extends AttachmentStoreContract {

  @TempDir Path root;

  private Path directory() {
    return root.resolve("attachments");
  }

  @Override
  protected AttachmentStore attachments() {
    return new FileSystemAttachments(directory());
  }

  private static NewAttachment text(String name, String content) {
    return new NewAttachment(name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
  }

  private List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void eachAttachmentIsOneFileUnderTheDirectoryNamedByItsRef() throws IOException {
    FileSystemAttachments store = new FileSystemAttachments(directory());

    Attachment a = store.store(text("a.txt", "alpha"));

    String uuid = a.ref().value().substring("fs:".length());
    Path file = directory().resolve(uuid.substring(0, 2)).resolve(uuid);
    assertEquals(List.of(file), filesUnder(directory()));
    assertEquals("alpha", Files.readString(file));
  }

  @Test
  void anotherInstanceOnTheSameDirectoryReadsWhatTheFirstStored() {
    Attachment a = new FileSystemAttachments(directory()).store(text("a.txt", "kept"));

    FileSystemAttachments restarted = new FileSystemAttachments(directory());

    assertEquals("kept", new String(restarted.read(a.ref()).orElseThrow(), StandardCharsets.UTF_8));
    restarted.delete(a.ref());
    assertTrue(new FileSystemAttachments(directory()).read(a.ref()).isEmpty());
  }

  @Test
  void noRefItDidNotIssueReadsOrDeletesAFile() throws IOException {
    // A file beside the directory, and one inside it under a name a crafted ref might reach.
    Path secret = root.resolve("secret");
    Files.writeString(secret, "not an attachment");
    FileSystemAttachments store = new FileSystemAttachments(directory());
    Attachment real = store.store(text("a.txt", "real"));
    String uuid = real.ref().value().substring("fs:".length());
    List<String> crafted =
        List.of(
            "fs:../secret",
            "fs:../../secret",
            "fs:" + secret,
            "fs:" + uuid.toUpperCase(java.util.Locale.ROOT),
            "fs:" + uuid + "/..",
            "fs:" + uuid.substring(0, 2) + "/" + uuid,
            "file:" + uuid,
            uuid,
            "fs:" + uuid + " ");

    for (String ref : crafted) {
      assertTrue(store.read(new AttachmentRef(ref)).isEmpty(), ref);
      store.delete(new AttachmentRef(ref));
    }

    assertEquals("not an attachment", Files.readString(secret));
    assertEquals("real", new String(store.read(real.ref()).orElseThrow(), StandardCharsets.UTF_8));
  }

  @Test
  void anyOtherTextAsARefNamesNoFile() throws IOException {
    Path secret = root.resolve("secret");
    Files.writeString(secret, "not an attachment");
    FileSystemAttachments store = new FileSystemAttachments(directory());
    Attachment real = store.store(text("a.txt", "real"));

    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 60))
        .assuming(s -> !s.isBlank() && !s.equals(real.ref().value()))
        .checkAssert(
            s -> {
              AttachmentRef ref = new AttachmentRef(s);
              assertTrue(store.read(ref).isEmpty(), s);
              store.delete(ref);
            });

    assertTrue(Files.exists(secret));
    assertArrayEquals(
        "real".getBytes(StandardCharsets.UTF_8), store.read(real.ref()).orElseThrow());
  }

  @Test
  void aFileOverTheLimitIsRefusedAndNothingIsWritten() throws IOException {
    FileSystemAttachments store = new FileSystemAttachments(directory(), 4);

    assertArrayEquals(
        "1234".getBytes(StandardCharsets.UTF_8),
        store.read(store.store(text("ok.txt", "1234")).ref()).orElseThrow());
    ValidationException e =
        assertThrows(ValidationException.class, () -> store.store(text("big.txt", "12345")));

    assertEquals("attachment.content", e.field());
    assertEquals(1, filesUnder(directory()).size());
  }

  @Test
  void noTemporaryFileIsLeftAfterStoring() throws IOException {
    FileSystemAttachments store = new FileSystemAttachments(directory());
    for (int i = 0; i < 5; i++) {
      store.store(text("f" + i + ".txt", "content " + i));
    }

    List<Path> files = filesUnder(directory());
    assertEquals(5, files.size());
    assertTrue(files.stream().noneMatch(p -> p.toString().endsWith(".partial")), files.toString());
  }

  @Test
  void leftoversOfACrashAreRemovedWhenOldButWritesInProgressAndStoredFilesAreKept()
      throws IOException {
    FileSystemAttachments store = new FileSystemAttachments(directory());
    Attachment kept = store.store(text("kept.txt", "kept"));
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Path shard = directory().resolve("ab");
    Files.createDirectories(shard);
    Path crashed = Files.writeString(shard.resolve("ab12.partial"), "half");
    Files.setLastModifiedTime(crashed, FileTime.from(now.minus(Duration.ofHours(2))));
    Path writing = Files.writeString(shard.resolve("ab34.partial"), "still being written");
    Files.setLastModifiedTime(writing, FileTime.from(now.minus(Duration.ofMinutes(1))));
    Path notOurs = Files.writeString(directory().resolve("notes.partial"), "not in a shard");
    Files.setLastModifiedTime(notOurs, FileTime.from(now.minus(Duration.ofDays(9))));

    assertEquals(1, store.removeLeftovers(now.minus(Duration.ofHours(1))));

    assertFalse(Files.exists(crashed));
    assertTrue(Files.exists(writing));
    assertTrue(Files.exists(notOurs));
    assertArrayEquals(
        "kept".getBytes(StandardCharsets.UTF_8), store.read(kept.ref()).orElseThrow());
    assertEquals(0, store.removeLeftovers(now.minus(Duration.ofHours(1))));
  }

  @Test
  void theDirectoryIsCreatedAndTheLimitMustBePositive() {
    Path nested = root.resolve("a/b/c");

    new FileSystemAttachments(nested);

    assertTrue(Files.isDirectory(nested));
    assertEquals(
        "maxBytes",
        assertThrows(ValidationException.class, () -> new FileSystemAttachments(nested, 0))
            .field());
  }
}
