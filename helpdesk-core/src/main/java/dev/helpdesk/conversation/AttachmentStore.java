package dev.helpdesk.conversation;

import java.util.Optional;

/**
 * Port: keeps attachment bytes outside the ticket store (a blob store, a file system, S3). The desk
 * stores the bytes first, then the message that names them; if storing the message fails, the desk
 * deletes what it stored. Implementations must be thread-safe.
 */
public interface AttachmentStore {

  /**
   * Stores the bytes and returns their metadata.
   *
   * @throws dev.helpdesk.common.ValidationException if the content breaks the store's size limit
   */
  Attachment store(NewAttachment attachment);

  /** The bytes stored under {@code ref}, or empty if there are none. */
  Optional<byte[]> read(AttachmentRef ref);

  /** Removes the bytes under {@code ref}; does nothing if there are none. */
  void delete(AttachmentRef ref);
}
