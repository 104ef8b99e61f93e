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
   * Delivers a batch and reports each outcome to {@code outcomes} as soon as it is known, in the
   * batch's order: the dispatcher acknowledges deliveries in small groups while the batch is still
   * being sent, so that a crash mid-batch re-sends only what was not acknowledged yet. Override it
   * to share one connection across the batch, and report each notification once.
   *
   * <p>If it throws, every notification not reported yet counts as failed with that exception.
   */
  default void deliverEach(List<Notification> batch, Outcomes outcomes) {
    for (Notification notification : batch) {
      try {
        deliver(notification);
      } catch (RuntimeException e) {
        outcomes.failed(notification, e);
        continue;
      }
      outcomes.delivered(notification);
    }
  }

  /**
   * Delivers a batch and returns the failures by id; what is not in the result was delivered. It
   * runs {@link #deliverEach}, which is the method to override.
   */
  default Map<NotificationId, RuntimeException> deliverAll(List<Notification> batch) {
    Map<NotificationId, RuntimeException> failures = new LinkedHashMap<>();
    deliverEach(
        batch,
        new Outcomes() {
          @Override
          public void delivered(Notification notification) {}

          @Override
          public void failed(Notification notification, RuntimeException failure) {
            failures.put(notification.id(), failure);
          }
        });
    return failures;
  }

  /** Hears how each notification of a batch fared, as soon as the notifier knows. */
  interface Outcomes {

    /** The channel accepted {@code notification} (e.g. the SMTP server answered 250). */
    void delivered(Notification notification);

    /** {@code notification} could not be delivered, for the reason {@code failure}. */
    void failed(Notification notification, RuntimeException failure);
  }
}
