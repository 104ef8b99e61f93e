package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;

/**
 * Where an {@link AttachmentStore} keeps an attachment's bytes: an opaque key that only the store
 * that issued it understands.
 *
 * @param value the store's key, at most 512 characters
 */
public record AttachmentRef(String value) {

  /** Validates the reference. */
  public AttachmentRef {
    Check.line("attachmentRef", value, 512);
  }
}
