package dev.helpdesk.internal.notification;

import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The notifier the dispatcher uses: webhook deliveries go to the desk's own sender, everything else
 * to the host's notifier (the mail adapter), which therefore never sees a webhook delivery.
 */
public final class Channels implements Notifier {

  private final Notifier host;
  private final Notifier webhooks;

  /**
   * @param host the notifier the application gave the builder
   * @param webhooks what posts {@link NotificationKind#WEBHOOK} deliveries
   */
  public Channels(Notifier host, Notifier webhooks) {
    this.host = Objects.requireNonNull(host, "host");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  @Override
  public void deliver(Notification notification) {
    (notification.kind() == NotificationKind.WEBHOOK ? webhooks : host).deliver(notification);
  }

  @Override
  public void deliverEach(List<Notification> batch, Outcomes outcomes) {
    List<Notification> posted = new ArrayList<>();
    List<Notification> rest = new ArrayList<>();
    for (Notification n : batch) {
      (n.kind() == NotificationKind.WEBHOOK ? posted : rest).add(n);
    }
    // Webhooks first: the host's notifier may fail as a whole, and the dispatcher then counts
    // every notification not reported yet as failed; none of them should be a webhook delivery
    // that was never tried.
    if (!posted.isEmpty()) {
      webhooks.deliverEach(posted, outcomes);
    }
    if (!rest.isEmpty()) {
      host.deliverEach(rest, outcomes);
    }
  }
}
