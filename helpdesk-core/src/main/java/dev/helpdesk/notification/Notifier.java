package dev.helpdesk.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port: delivers notifications (the mail adapter sends them by SMTP). A failure is retried by the
 * {@link NotificationDispatcher}; implementations should therefore be idempotent per {@link
 * NotificationId} where the channel allows.
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers one notification.
   *
   * @throws RuntimeException if it could not be delivered; it will be retried
   */
  void deliver(Notification notification);

  /**
   * Delivers a batch and returns the failures by id; what is not in the result was delivered.
   * Override it to share one connection across the batch.
   */
  default Map<NotificationId, RuntimeException> deliverAll(List<Notification> batch) {
    Map<NotificationId, RuntimeException> failures = new LinkedHashMap<>();
    for (Notification notification : batch) {
      try {
        deliver(notification);
      } catch (RuntimeException e) {
        failures.put(notification.id(), e);
      }
    }
    return failures;
  }
}
