package dev.helpdesk.conversation;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a ticket's conversation: a public reply or an internal note.
 *
 * @param id the message's id
 * @param author who wrote it
 * @param visibility public or internal
 * @param body the text, at most {@value #MAX_BODY_LENGTH} characters
 * @param attachments files attached (at most {@value #MAX_ATTACHMENTS})
 * @param at when the desk accepted it
 */
public record Message(
    MessageId id,
    Actor author,
    Visibility visibility,
    String body,
    List<Attachment> attachments,
    Instant at) {

  /** The longest message body accepted: 64 Ki characters. */
  public static final int MAX_BODY_LENGTH = 65_536;

  /** The most attachments on one message. */
  public static final int MAX_ATTACHMENTS = 20;

  /** Validates the message and freezes its attachments. */
  public Message {
    Check.present("messageId", id);
    Check.present("author", author);
    Check.present("visibility", visibility);
    Check.text("body", body, MAX_BODY_LENGTH);
    attachments =
        List.copyOf(
            Check.size("attachments", Check.present("attachments", attachments), MAX_ATTACHMENTS));
    Check.present("at", at);
    if (visibility == Visibility.INTERNAL && author instanceof Actor.Customer) {
      throw new ValidationException("visibility", "INTERNAL is for agents and systems only");
    }
  }

  /** Whether customers may see this message. */
  public boolean isPublic() {
    return visibility == Visibility.PUBLIC;
  }
}
