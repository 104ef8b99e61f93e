package dev.helpdesk.internal.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.notification.UndeliverableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what waits in an {@link Outbox}: claims a batch, hands it to the {@link Notifier}, marks
 * the entries delivered in small groups (the {@link AckWindow}) as the notifier reports them, and a
 * failed entry retried later with backoff, or dead-lettered after {@link RetryPolicy#maxAttempts()}
 * (at once when the notifier throws {@link UndeliverableException}). Safe to run from several
 * threads or instances at once: the outbox leases each entry to one dispatcher.
 */
public final class NotificationDispatcher {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final Outbox outbox;
  private final Notifier notifier;
  private final Clock clock;
  private final RetryPolicy retry;
  private final int batchSize;
  private final Duration lease;
  private final AckWindow ackWindow;
  private final String owner;
  private final DoubleSupplier random;

  /**
   * @param outbox where notifications wait
   * @param notifier what delivers them
   * @param clock the desk's clock
   * @param retry the retry rules
   * @param batchSize how many entries one pass claims at most
   * @param lease how long a claim holds before another dispatcher may take the entry over
   * @param ackWindow how deliveries are acknowledged in groups
   * @param random draws the jitter, a number in [0, 1)
   */
  public NotificationDispatcher(
      Outbox outbox,
      Notifier notifier,
      Clock clock,
      RetryPolicy retry,
      int batchSize,
      Duration lease,
      AckWindow ackWindow,
      DoubleSupplier random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.batchSize = Check.positive("batchSize", batchSize);
    this.lease = Objects.requireNonNull(lease, "lease");
    this.ackWindow = Objects.requireNonNull(ackWindow, "ackWindow");
    this.random = Objects.requireNonNull(random, "random");
    this.owner = "dispatcher-" + UUID.randomUUID();
  }

  /**
   * Runs one pass: claims up to one batch of due entries and tries each once. Deliveries are
   * acknowledged in groups within the {@link AckWindow} while the batch is being sent; a failure is
   * recorded (retry later or dead letter) as soon as the notifier reports it.
   *
   * @return what the pass did
   */
  public Pass dispatchDue() {
    Instant now = clock.instant();
    List<OutboxEntry> batch = outbox.claim(now, batchSize, lease, owner);
    if (batch.isEmpty()) {
      return new Pass(0, 0, 0);
    }
    List<Coalescing.Group> groups = Coalescing.groups(batch);
    Round round = new Round(groups);
    List<Notification> notifications = groups.stream().map(Coalescing.Group::delivered).toList();
    try {
      notifier.deliverEach(notifications, round);
    } catch (RuntimeException e) {
      if (e == round.outboxFailure) {
        // The outbox could not record an outcome: leave the rest claimed, so that they are tried
        // again after the lease, rather than record sent mail as failed.
        throw e;
      }
      // The notifier failed as a whole (e.g. could not connect): every entry it did not report
      // on failed with this cause.
      round.failAllUnreported(e);
    }
    round.failAllUnreported(
        new IllegalStateException("the notifier did not report on this notification"));
    round.acknowledge();
    return new Pass(batch.size(), round.delivered, round.deadLettered);
  }

  /**
   * One batch being delivered: collects deliveries into the current acknowledgement group and
   * records failures as they are reported. A coalesced notification stands for all its entries:
   * they are acknowledged, retried or dead-lettered together. Used by the dispatching thread only.
   */
  private final class Round implements Notifier.Outcomes {

    private final Map<NotificationId, Coalescing.Group> unreported = new LinkedHashMap<>();
    private final List<NotificationId> group = new ArrayList<>();
    private Instant groupStart;
    private RuntimeException outboxFailure;
    private int delivered;
    private int deadLettered;

    Round(List<Coalescing.Group> groups) {
      for (Coalescing.Group g : groups) {
        unreported.put(g.delivered().id(), g);
      }
    }

    @Override
    public void delivered(Notification notification) {
      Coalescing.Group done = unreported.remove(notification.id());
      if (done == null) {
        return; // not of this batch, or reported already
      }
      Instant at = clock.instant();
      if (group.isEmpty()) {
        groupStart = at;
      }
      for (OutboxEntry entry : done.entries()) {
        group.add(entry.notification().id());
      }
      delivered += done.entries().size();
      if (group.size() >= ackWindow.maxMessages()
          || Duration.between(groupStart, at).compareTo(ackWindow.maxDelay()) >= 0) {
        acknowledge();
      }
    }

    @Override
    public void failed(Notification notification, RuntimeException failure) {
      Coalescing.Group failedGroup = unreported.remove(notification.id());
      if (failedGroup != null) {
        // One draw for the group, so that its entries wait alike and are claimed together again.
        double draw = random.getAsDouble();
        for (OutboxEntry entry : failedGroup.entries()) {
          recordFailure(entry, failure, draw);
        }
      }
    }

    void failAllUnreported(RuntimeException failure) {
      for (Coalescing.Group g : List.copyOf(unreported.values())) {
        failed(g.delivered(), failure);
      }
    }

    /** Records the current group delivered in one outbox call. */
    void acknowledge() {
      if (group.isEmpty()) {
        return;
      }
      List<NotificationId> ids = List.copyOf(group);
      group.clear();
      recording(() -> outbox.delivered(ids, owner));
    }

    /**
     * Runs an outbox call, remembering its failure: it surfaces through the notifier's loop, and
     * must not be taken for a failed delivery.
     */
    private void recording(Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        outboxFailure = e;
        throw e;
      }
    }

    private void recordFailure(OutboxEntry entry, RuntimeException failure, double draw) {
      NotificationId id = entry.notification().id();
      int failed = entry.attempts() + 1;
      String reason = reason(failure);
      if (failure instanceof UndeliverableException || retry.exhausted(failed)) {
        log.warn("Notification {} dead-lettered after {} attempts: {}", id, failed, reason);
        recording(() -> outbox.deadLetter(id, owner, reason));
        deadLettered++;
        return;
      }
      // The backoff counts from when the attempt ended, not from the claim.
      Instant next = clock.instant().plus(retry.backoff(failed, draw));
      if (failed == 1) {
        // The first failure is the one an operator must see: a wrong setting fails every
        // notification from now on, and the retries alone would only say so at INFO.
        log.warn("Notification {} failed, retry at {}: {}", id, next, reason);
      } else {
        log.info("Notification {} failed (attempt {}), retry at {}: {}", id, failed, next, reason);
      }
      recording(() -> outbox.retryLater(id, owner, next, reason));
    }
  }

  /**
   * Why a delivery failed, as kept in {@link OutboxEntry#lastError()}: the failure's type and
   * message and, when it wraps another, the innermost cause's too. The wrapper of an adapter often
   * says only "could not send"; the root cause (a refused connection, a rejected login) is what the
   * reader of a dead letter can act on.
   */
  static String reason(Throwable failure) {
    String reason = describe(failure);
    Throwable root = failure;
    // Bounded so that a cause cycle cannot loop forever.
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    return root == failure ? reason : reason + "; root cause: " + describe(root);
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * Runs passes until one claims less than a full batch (companions of coalescing entries come on
   * top of a batch), so everything due now has been tried once.
   *
   * @return how many entries were delivered in all
   */
  public int dispatchAllDue() {
    int delivered = 0;
    Pass pass;
    do {
      pass = dispatchDue();
      delivered += pass.delivered();
    } while (pass.claimed() >= batchSize);
    return delivered;
  }

  /**
   * What one pass did.
   *
   * @param claimed entries claimed and tried
   * @param delivered entries delivered
   * @param deadLettered entries given up on
   */
  public record Pass(int claimed, int delivered, int deadLettered) {}
}
