package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;

/**
 * A file to attach to a new message, before it is stored.
 *
 * @param name the file name, at most {@value Attachment#MAX_NAME_LENGTH} characters
 * @param mediaType such as {@code application/pdf}
 * @param content the bytes; the array is not copied, so do not change it afterwards
 */
public record NewAttachment(String name, String mediaType, byte[] content) {

  /** Validates the attachment. */
  public NewAttachment {
    name = Attachment.checkName(name);
    mediaType = Attachment.checkMediaType(mediaType);
    Check.present("attachment.content", content);
  }
}
