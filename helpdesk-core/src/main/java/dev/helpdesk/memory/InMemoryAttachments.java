package dev.helpdesk.memory;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Attachment bytes kept in memory: the embedded default, with a per-file size limit. */
public final class InMemoryAttachments implements AttachmentStore {

  /** The default largest file: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final long maxBytes;

  /** A store that refuses files over {@link #DEFAULT_MAX_BYTES}. */
  public InMemoryAttachments() {
    this(DEFAULT_MAX_BYTES);
  }

  /** A store that refuses files over {@code maxBytes}. */
  public InMemoryAttachments(long maxBytes) {
    if (maxBytes <= 0) {
      throw new ValidationException("maxBytes", "must be positive (was " + maxBytes + ")");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public Attachment store(NewAttachment attachment) {
    byte[] content = attachment.content();
    if (content.length > maxBytes) {
      throw new ValidationException(
          "attachment.content",
          "must be at most " + maxBytes + " bytes (was " + content.length + ")");
    }
    String ref = "mem:" + UUID.randomUUID();
    blobs.put(ref, content.clone());
    return new Attachment(
        attachment.name(), attachment.mediaType(), content.length, new AttachmentRef(ref));
  }

  @Override
  public Optional<byte[]> read(AttachmentRef ref) {
    return Optional.ofNullable(blobs.get(ref.value())).map(byte[]::clone);
  }

  @Override
  public void delete(AttachmentRef ref) {
    blobs.remove(ref.value());
  }
}
