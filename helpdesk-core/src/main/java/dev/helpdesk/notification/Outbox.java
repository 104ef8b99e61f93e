package dev.helpdesk.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: notifications waiting for delivery. A ticket store adds a change's notifications to its
 * outbox in the same transaction as the change, so nothing accepted is lost when delivery is down;
 * a {@link NotificationDispatcher} then claims and delivers them. Several dispatchers (threads or
 * application instances) may claim at once: an entry is handed to one claimant per lease, and an
 * entry whose lease expired (its claimant crashed) is claimable again. Implementations must be
 * thread-safe.
 */
public interface Outbox {

  /**
   * Adds notifications in state {@link OutboxEntry.State#PENDING}, due from their {@link
   * Notification#notBefore()} (their {@link Notification#createdAt()} unless they wait to be
   * coalesced). A notification whose id is already in the outbox is not added again. The entries
   * keep {@link Notification#notBefore()} and {@link Notification#coalescingKey()} as given.
   */
  void add(List<Notification> notifications);

  /**
   * Claims up to {@code max} entries that are pending and due at or before {@code now}, or claimed
   * with a lease that expired at or before {@code now}, earliest due first. Each claimed entry is
   * leased to {@code owner} until {@code now + lease}.
   *
   * <p>Entries with a {@link Notification#coalescingKey()} are claimed in groups. Among the due
   * entries claimed with one key, the oldest leads a group ({@link #groupLeaders}), and so does
   * each next one made after the window of the group before; with each leader the claim also takes
   * its companions, beyond {@code max}: the entries that are {@link OutboxEntry.State#PENDING} with
   * the same key, made within the leader's window ({@link #withinWindowOf}), due or not, and not
   * locked by a claim running at the same time. They are returned after the due entries, leased
   * alike, so that the dispatcher delivers each group as one ({@link Notification#COALESCED}).
   */
  List<OutboxEntry> claim(Instant now, int max, Duration lease, String owner);

  /**
   * Marks claimed entries delivered, all in one step (one statement in a database): how the
   * dispatcher acknowledges a group of deliveries. An entry whose lease {@code owner} no longer
   * holds (it expired and another dispatcher took it over) is left as it is, and so is an id the
   * outbox does not know.
   *
   * @return how many entries were marked delivered
   */
  int delivered(Collection<NotificationId> ids, String owner);

  /** Marks one claimed entry delivered. Ignored unless {@code owner} holds its lease. */
  default void delivered(NotificationId id, String owner) {
    delivered(List.of(id), owner);
  }

  /**
   * Records a failed attempt on a claimed entry and makes it pending again from {@code notBefore}.
   * Ignored unless {@code owner} holds its lease.
   */
  void retryLater(NotificationId id, String owner, Instant notBefore, String error);

  /**
   * Records a last failed attempt and gives up on a claimed entry. Ignored unless {@code owner}
   * holds its lease.
   */
  void deadLetter(NotificationId id, String owner, String error);

  /**
   * Gives a dead-lettered entry another chance: makes it pending from {@code notBefore}, its
   * attempts counted from zero again and its last error kept, so that the dispatcher delivers the
   * same notification (same id, hence the same idempotency key) with the full retry policy. Ignored
   * unless the entry is {@link OutboxEntry.State#DEAD}.
   *
   * @return whether the entry was dead and is pending now
   */
  boolean redeliver(NotificationId id, Instant notBefore);

  /** The entry for this notification, if the outbox has it. */
  Optional<OutboxEntry> byId(NotificationId id);

  /** Up to {@code limit} entries that were given up on, oldest first. */
  List<OutboxEntry> deadLetters(int limit);

  /** How many entries are pending or claimed. */
  long undelivered();

  /**
   * Rewrites the entries about {@link OutboxErasure#ticket()} as {@link OutboxErasure#apply} says:
   * each is replaced by what it returns, or removed when it returns nothing; all in one step (one
   * transaction in a database). How the desk erases a customer's personal data from the outbox.
   *
   * @return how many entries were rewritten or removed
   */
  int erase(OutboxErasure erasure);

  /**
   * The due entries that lead a group of a claim: per coalescing key, oldest first, the oldest
   * entry and each next one made after the previous leader's {@link Notification#notBefore()}.
   * Entries without a key lead none.
   */
  static List<Notification> groupLeaders(List<OutboxEntry> due) {
    java.util.Map<String, List<Notification>> byKey = new java.util.TreeMap<>();
    for (OutboxEntry e : due) {
      Notification n = e.notification();
      n.coalescingKey().ifPresent(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(n));
    }
    List<Notification> leaders = new ArrayList<>();
    for (List<Notification> same : byKey.values()) {
      same.sort(java.util.Comparator.comparing(Notification::createdAt));
      Notification leader = null;
      for (Notification n : same) {
        if (leader == null || !withinWindowOf(leader, n)) {
          leader = n;
          leaders.add(n);
        }
      }
    }
    return leaders;
  }

  /**
   * Whether {@code other} was made within the window of {@code leader}: at or after it, and at or
   * before its {@link Notification#notBefore()}.
   */
  static boolean withinWindowOf(Notification leader, Notification other) {
    return !other.createdAt().isBefore(leader.createdAt())
        && !other.createdAt().isAfter(leader.notBefore());
  }
}
