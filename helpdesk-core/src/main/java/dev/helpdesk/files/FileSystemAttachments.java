package dev.helpdesk.files;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Attachment bytes as files in one directory: one file per attachment, named by a random UUID and
 * spread over subdirectories by its first two hex digits (so that no directory holds millions of
 * entries).
 *
 * <ul>
 *   <li><b>References</b> look like {@code fs:7c9e6679-7425-40de-944b-e07fc1f90ae7}. A reference
 *       this store did not issue names no file: anything but that exact form (a {@code ../}, an
 *       absolute path, upper-case digits) reads as empty and deletes nothing, so a crafted
 *       reference never leaves the directory.
 *   <li><b>Writes are atomic</b>: the bytes go to a temporary file in the same subdirectory, are
 *       forced to disk, and the file is then moved into place; a reader sees the whole file or
 *       none. After a crash, temporary files ({@code *.partial}) may be left behind; they are never
 *       read, and {@link #removeLeftovers} removes them.
 *   <li><b>Deleting</b> removes the file (the desk deletes a customer's files when it erases them,
 *       see {@code HelpDesk.eraseCustomer}); deleting an unknown reference does nothing.
 *   <li><b>Size limit</b>: a file over the limit is refused with a {@link ValidationException}
 *       naming {@code attachment.content}, and nothing is written.
 * </ul>
 *
 * <p>Several instances may share the directory (say, on a network file system), since every file
 * gets a fresh name and is never rewritten. Thread-safe.
 */
public final class FileSystemAttachments implements AttachmentStore {

  /** The default largest file: 10 MiB, as for {@code InMemoryAttachments}. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private static final String PREFIX = "fs:";

  // Lower-case only, as UUID.toString writes it: one reference, one file, even on a file system
  // that ignores case.
  private static final Pattern REF =
      Pattern.compile("fs:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  /** The subdirectories: the first two hex digits of the files' names. */
  private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");

  private final Path directory;
  private final long maxBytes;

  /** Keeps files of up to {@link #DEFAULT_MAX_BYTES} in {@code directory}. */
  public FileSystemAttachments(Path directory) {
    this(directory, DEFAULT_MAX_BYTES);
  }

  /**
   * Keeps files of up to {@code maxBytes} in {@code directory}, which it creates if need be.
   *
   * @throws ValidationException if {@code maxBytes} is not positive
   * @throws UncheckedIOException if the directory cannot be created
   */
  public FileSystemAttachments(Path directory, long maxBytes) {
    Check.present("directory", directory);
    if (maxBytes <= 0) {
      throw new ValidationException("maxBytes", "must be positive (was " + maxBytes + ")");
    }
    this.directory = directory.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the attachment directory " + directory, e);
    }
  }

  /** The directory the files are kept in. */
  public Path directory() {
    return directory;
  }

  @Override
  public Attachment store(NewAttachment attachment) {
    Check.present("attachment", attachment);
    // Read once: the caller's array is not copied by NewAttachment, so its length and content are
    // taken from the same moment.
    byte[] content = attachment.content().clone();
    if (content.length > maxBytes) {
      throw new ValidationException(
          "attachment.content",
          "must be at most " + maxBytes + " bytes (was " + content.length + ")");
    }
    String name = UUID.randomUUID().toString();
    Path target = file(name);
    Path partial = null;
    try {
      Files.createDirectories(target.getParent());
      partial = Files.createTempFile(target.getParent(), name, ".partial");
      try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before it has its name: a crash leaves a partial file, never a short one.
        out.force(true);
      }
      move(partial, target);
    } catch (IOException e) {
      deleteQuietly(partial);
      throw new UncheckedIOException("Cannot store an attachment in " + directory, e);
    }
    return new Attachment(
        attachment.name(),
        attachment.mediaType(),
        content.length,
        new AttachmentRef(PREFIX + name));
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
      throw new UncheckedIOException("Cannot read attachment " + ref.value(), e);
    }
  }

  @Override
  public void delete(AttachmentRef ref) {
    Optional<Path> file = file(ref);
    if (file.isEmpty()) {
      return;
    }
    try {
      Files.deleteIfExists(file.get());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete attachment " + ref.value(), e);
    }
  }

  /**
   * Removes the temporary files a crash left behind ({@code *.partial} in the store's
   * subdirectories) that were last written before {@code modifiedBefore}. A write in progress on
   * this or another instance touches its file until it is moved into place, so a time well in the
   * past (say, an hour ago) never removes one. Stored files are never touched.
   *
   * @return how many files were removed
   * @throws UncheckedIOException if the directory cannot be listed
   */
  public int removeLeftovers(Instant modifiedBefore) {
    Check.present("modifiedBefore", modifiedBefore);
    int removed = 0;
    try (DirectoryStream<Path> shards =
        Files.newDirectoryStream(
            directory, p -> SHARD.matcher(p.getFileName().toString()).matches())) {
      for (Path shard : shards) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(shard, "*.partial")) {
          for (Path partial : partials) {
            if (lastModified(partial).isBefore(modifiedBefore) && removeIfPresent(partial)) {
              removed++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the attachment directory " + directory, e);
    }
    return removed;
  }

  private static Instant lastModified(Path file) throws IOException {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException e) {
      // Moved into place or removed meanwhile: not a leftover.
      return Instant.MAX;
    }
  }

  private static boolean removeIfPresent(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  /** The file of a reference this store issued; any other text names no file. */
  private Optional<Path> file(AttachmentRef ref) {
    Check.present("ref", ref);
    var m = REF.matcher(ref.value());
    return m.matches() ? Optional.of(file(m.group(1))) : Optional.empty();
  }

  private Path file(String uuid) {
    return directory.resolve(uuid.substring(0, 2)).resolve(uuid);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only an unusual file system gets here; the name is fresh either way.
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The store already fails with the first error; a leftover .partial file is never read.
    }
  }
}
