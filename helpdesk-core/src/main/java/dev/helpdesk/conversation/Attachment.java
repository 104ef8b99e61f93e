package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.regex.Pattern;

/**
 * What the desk knows of an attached file; the bytes stay in the {@link AttachmentStore}.
 *
 * @param name the file name as the sender gave it, at most {@value #MAX_NAME_LENGTH} characters
 * @param mediaType such as {@code image/png}
 * @param size in bytes
 * @param ref where the store keeps the bytes
 */
public record Attachment(String name, String mediaType, long size, AttachmentRef ref) {

  /** The longest file name accepted. */
  public static final int MAX_NAME_LENGTH = 255;

  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  /** Validates the metadata. */
  public Attachment {
    name = checkName(name);
    mediaType = checkMediaType(mediaType);
    if (size < 0) {
      throw new ValidationException("attachment.size", "must not be negative (was " + size + ")");
    }
    Check.present("attachment.ref", ref);
  }

  /**
   * A file name, never a path: whatever a sender put before the last {@code /} or {@code \\} is
   * dropped (so {@code ../../etc/passwd} is kept as {@code passwd}), and a name that is no file
   * name at all ({@code ..}, or a path ending in a separator) is refused. An adapter that writes
   * files under the name can therefore never be led out of its folder.
   */
  static String checkName(String name) {
    String line = Check.line("attachment.name", name, MAX_NAME_LENGTH);
    String base =
        line.substring(Math.max(line.lastIndexOf('/'), line.lastIndexOf('\\')) + 1).strip();
    if (base.isEmpty() || base.equals(".") || base.equals("..")) {
      throw new ValidationException(
          "attachment.name", "must name a file, not a path (was '" + line + "')");
    }
    return base;
  }

  static String checkMediaType(String mediaType) {
    Check.line("attachment.mediaType", mediaType, 255);
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw new ValidationException(
          "attachment.mediaType", "must look like type/subtype (was '" + mediaType + "')");
    }
    return mediaType;
  }
}
