package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.NewAttachment;
import java.util.List;
import java.util.Optional;

/**
 * What the intake needs of a received mail, decoded: charsets, transfer encodings and RFC 2047
 * words are resolved, the text is one string.
 *
 * @param from the sender's address
 * @param fromName the sender's display name, or the address's local part; one line
 * @param subject the decoded subject, one line, at most 200 characters; {@code (no subject)} when
 *     there is none
 * @param messageId the mail's own Message-ID, if it has one
 * @param threadIds the Message-IDs it answers, most specific first: {@code In-Reply-To}, then
 *     {@code References} newest first, then (for a bounce) those of the returned original
 * @param text the text of the mail, quoted history included; HTML-only mail is turned into text
 * @param attachments the files attached, at most 20
 * @param loopSignals why this mail must not be answered automatically, e.g. {@code Precedence:
 *     bulk}; empty for a mail a person wrote
 * @param automated whether a machine wrote it ({@code Auto-Submitted} other than {@code no}, or an
 *     auto-responder's own header): recorded, never taken as the customer's reply
 * @param bounce the delivery report of a bounce (multipart/report or a mailer-daemon notice)
 * @param authenticationResults the {@code Authentication-Results} headers (RFC 8601), topmost
 *     first, each unfolded to one line; at most {@value #MAX_AUTHENTICATION_RESULTS}
 */
public record InboundMail(
    EmailAddress from,
    String fromName,
    String subject,
    Optional<String> messageId,
    List<String> threadIds,
    String text,
    List<NewAttachment> attachments,
    List<String> loopSignals,
    boolean automated,
    Optional<String> bounce,
    List<String> authenticationResults) {

  /** The most {@code Authentication-Results} headers kept. */
  public static final int MAX_AUTHENTICATION_RESULTS = 20;

  /** Validates and freezes the mail. */
  public InboundMail {
    Check.present("from", from);
    Check.line("fromName", fromName, 200);
    Check.line("subject", subject, 200);
    Check.present("messageId", messageId);
    threadIds = List.copyOf(threadIds);
    Check.present("text", text);
    attachments = List.copyOf(attachments);
    loopSignals = List.copyOf(loopSignals);
    Check.present("bounce", bounce);
    authenticationResults =
        List.copyOf(
            Check.size("authenticationResults", authenticationResults, MAX_AUTHENTICATION_RESULTS));
  }

  /** Whether this is a delivery failure report. */
  public boolean isBounce() {
    return bounce.isPresent();
  }
}
