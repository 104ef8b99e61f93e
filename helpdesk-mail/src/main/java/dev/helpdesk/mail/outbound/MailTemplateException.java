package dev.helpdesk.mail.outbound;

import dev.helpdesk.notification.UndeliverableException;

/**
 * A template is missing or does not compile, e.g. a new notification kind whose templates were not
 * added. The notification is not sent.
 */
public final class MailTemplateException extends UndeliverableException {

  /** Creates the exception naming the template. */
  public MailTemplateException(String message) {
    super(message);
  }

  /** Creates the exception naming the template, with the engine's error as cause. */
  public MailTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
