package dev.helpdesk.mail.outbound;

import dev.helpdesk.common.HelpDeskException;

/**
 * The SMTP server could not be reached or refused a mail. The notification stays in the outbox and
 * is retried with backoff.
 */
public final class MailDeliveryException extends HelpDeskException {

  /** Creates the exception with the server's own error as cause. */
  public MailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
