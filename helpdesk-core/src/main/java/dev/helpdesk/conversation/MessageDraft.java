package dev.helpdesk.conversation;

import dev.helpdesk.common.Check;
import java.util.List;

/**
 * A message about to be written: its text and the files to attach. The desk validates the text
 * against {@link Message#MAX_BODY_LENGTH} and stores the files in the {@link AttachmentStore}.
 *
 * @param body the text, not blank
 * @param attachments files to attach (at most {@value Message#MAX_ATTACHMENTS})
 */
public record MessageDraft(String body, List<NewAttachment> attachments) {

  /** Validates the draft. */
  public MessageDraft {
    Check.text("body", body, Message.MAX_BODY_LENGTH);
    attachments =
        List.copyOf(
            Check.size(
                "attachments", Check.present("attachments", attachments), Message.MAX_ATTACHMENTS));
  }

  /** A draft of text only. */
  public static MessageDraft text(String body) {
    return new MessageDraft(body, List.of());
  }

  /** This draft with one more file. */
  public MessageDraft attach(NewAttachment attachment) {
    java.util.ArrayList<NewAttachment> more = new java.util.ArrayList<>(attachments);
    more.add(Check.present("attachment", attachment));
    return new MessageDraft(body, more);
  }
}
