package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;

/**
 * An attachment with its bytes, as the desk hands it to someone who may read the message that
 * carries it.
 *
 * @param attachment the file's metadata: name, media type, size
 * @param bytes the content; a copy on the way in and on the way out
 */
public record AttachmentContent(Attachment attachment, byte[] bytes) {

  /** Validates and copies. */
  public AttachmentContent {
    Check.present("attachment", attachment);
    bytes = Check.present("bytes", bytes).clone();
  }

  /** A copy of the content. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
