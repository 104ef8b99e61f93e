package dev.helpdesk.notification;

import dev.helpdesk.common.HelpDeskException;

/**
 * A {@link Notifier} refuses a notification for good: it can never be delivered as it stands (a
 * header that would inject another, a template that does not exist). The {@link
 * NotificationDispatcher} dead-letters it at once instead of retrying what cannot succeed.
 */
public class UndeliverableException extends HelpDeskException {

  /** Creates the exception with a message that says why the notification cannot be delivered. */
  public UndeliverableException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public UndeliverableException(String message, Throwable cause) {
    super(message, cause);
  }
}
