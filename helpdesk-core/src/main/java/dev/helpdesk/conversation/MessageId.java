package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;
import java.util.UUID;

/**
 * Identifies one message of a conversation.
 *
 * @param value a random UUID
 */
public record MessageId(UUID value) {

  /** Validates the id. */
  public MessageId {
    Check.present("messageId", value);
  }

  /** A fresh random id. */
  public static MessageId random() {
    return new MessageId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
