package dev.helpdesk.examples.adapter;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An adapter of the {@link AttachmentStore} port written outside the library: attachment bytes as
 * files in one folder, one file per attachment, named by a random UUID. It passes the core's {@code
 * AttachmentStoreContract} (see {@code FileAttachmentsTest}), which is all the desk asks of it. See
 * {@code docs/adapters.md}.
 */
public final class FileAttachments implements AttachmentStore {

  private static final Pattern REF = Pattern.compile("file:([0-9a-f-]{36})");

  private final Path folder;
  private final long maxBytes;

  /** Keeps files of up to {@code maxBytes} in {@code folder}, which it creates if need be. */
  public FileAttachments(Path folder, long maxBytes) {
    if (maxBytes <= 0) {
      throw new ValidationException("maxBytes", "must be positive (was " + maxBytes + ")");
    }
    this.folder = folder;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder, e);
    }
  }

  @Override
  public Attachment store(NewAttachment attachment) {
    byte[] content = attachment.content();
    if (content.length > maxBytes) {
      throw new ValidationException(
          "attachment.content",
          "must be at most " + maxBytes + " bytes (was " + content.length + ")");
    }
    String name = UUID.randomUUID().toString();
    try {
      // Written aside and moved into place: a reader never sees half a file.
      Path partial = Files.createTempFile(folder, name, ".partial");
      Files.write(partial, content);
      move(partial, folder.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store an attachment in " + folder, e);
    }
    return new Attachment(
        attachment.name(),
        attachment.mediaType(),
        content.length,
        new AttachmentRef("file:" + name));
  }

  @Override
  public Optional<byte[]> read(AttachmentRef ref) {
    Optional<Path> file = file(ref);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file.get()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ref.value(), e);
    }
  }

  @Override
  public void delete(AttachmentRef ref) {
    try {
      Optional<Path> file = file(ref);
      if (file.isPresent()) {
        Files.deleteIfExists(file.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + ref.value(), e);
    }
  }

  /** The file of a reference this store issued; any other text names no file (no "../"). */
  private Optional<Path> file(AttachmentRef ref) {
    var m = REF.matcher(ref.value());
    return m.matches() ? Optional.of(folder.resolve(m.group(1))) : Optional.empty();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
