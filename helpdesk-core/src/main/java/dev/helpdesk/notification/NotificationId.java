package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import java.util.UUID;

/**
 * Identifies one notification. Delivery adapters derive idempotency keys from it (the mail adapter,
 * its Message-ID), so a notification retried after a crash is recognisable as the same one.
 *
 * @param value a random UUID
 */
public record NotificationId(UUID value) {

  /** Validates the id. */
  public NotificationId {
    Check.present("notificationId", value);
  }

  /** A fresh random id. */
  public static NotificationId random() {
    return new NotificationId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
