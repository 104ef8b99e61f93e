package dev.helpdesk.jpa.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.OutboxEntry.State;
import dev.helpdesk.notification.OutboxErasure;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox in table {@code hd_outbox}. A claim runs in one short transaction of its own: it
 * selects due rows with {@code FOR UPDATE SKIP LOCKED} (so concurrent claimants, in this process or
 * another, never pick the same row and never wait for each other), sets their lease, and commits.
 * The outcome calls are single guarded updates, a group of deliveries included ({@code ... WHERE
 * state = 'CLAIMED' AND lease_owner = ?}), so a dispatcher whose lease was taken over changes
 * nothing. Rows of a crashed dispatcher are due again when their lease ends, because a claim sets
 * {@code due_at} to the lease's end.
 *
 * <p>Give it transactions that commit on their own ({@link Transactions#resourceLocal}), not the
 * application's: a claim must be visible to other instances at once.
 */
public final class JpaOutbox implements Outbox {

  /** Longer errors are cut to this many characters. */
  public static final int MAX_ERROR_LENGTH = 4000;

  /** How many times a claim is made while it is chosen as a deadlock's victim. */
  static final int CLAIM_ATTEMPTS = 5;

  private final Transactions transactions;
  private final Database database;

  /**
   * @param transactions short transactions of the outbox's own
   * @param database the database's customization, for the claim query
   */
  public JpaOutbox(Transactions transactions, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public void add(List<Notification> notifications) {
    Check.present("notifications", notifications);
    if (notifications.isEmpty()) {
      return;
    }
    transactions.inTransaction(
        em -> {
          Set<java.util.UUID> known =
              new HashSet<>(
                  em.createQuery(
                          "select o.notificationId from HdOutboxEntry o"
                              + " where o.notificationId in :ids",
                          java.util.UUID.class)
                      .setParameter("ids", notifications.stream().map(n -> n.id().value()).toList())
                      .getResultList());
          List<Notification> fresh = new ArrayList<>();
          for (Notification n : notifications) {
            // Adding the same notification twice must not deliver it twice.
            if (known.add(n.id().value())) {
              fresh.add(n);
            }
          }
          appendTo(em, fresh);
          return null;
        });
  }

  /**
   * Persists new notifications in the caller's entity manager and transaction: how the ticket store
   * writes a change's notifications atomically with the change. The notifications must be new (the
   * desk makes a fresh id for each one); a repeated id fails the transaction.
   */
  public void appendTo(EntityManager em, List<Notification> notifications) {
    for (Notification n : notifications) {
      OutboxEntity row = new OutboxEntity();
      row.notificationId = n.id().value();
      row.kind = n.kind();
      row.recipientName = n.recipient().name();
      row.recipientEmail = n.recipient().email().value();
      row.ticketId = n.ticketId().value();
      row.ticketKey = n.ticketKey().value();
      row.ticketSubject = n.ticketSubject();
      row.valuesJson = Json.stringMap(new java.util.TreeMap<>(n.values()));
      row.createdAt = n.createdAt();
      row.state = State.PENDING;
      row.attempts = 0;
      row.nextAttemptAt = n.notBefore();
      row.dueAt = n.notBefore();
      row.notBefore = n.notBefore();
      row.coalescingKey = n.coalescingKey().orElse(null);
      em.persist(row);
    }
  }

  @Override
  public List<OutboxEntry> claim(Instant now, int max, Duration lease, String owner) {
    Check.present("now", now);
    Check.positive("max", max);
    Check.present("lease", lease);
    Check.line("owner", owner, 200);
    Instant until = now.plus(lease);
    // A claim wrote nothing when it was a deadlock's victim (MariaDB can pick one while two claims
    // lock their due rows and their companions): it is made again.
    return Failures.retryLostRaces(CLAIM_ATTEMPTS, () -> claimOnce(now, max, until, owner));
  }

  private List<OutboxEntry> claimOnce(Instant now, int max, Instant until, String owner) {
    return transactions.inTransaction(
        em -> {
          List<Long> ids = new ArrayList<>();
          boolean keyed = false;
          for (Object row :
              em.createNativeQuery(database.claimDueOutboxRows(max))
                  .setParameter(1, now)
                  .getResultList()) {
            Object[] columns = (Object[]) row;
            ids.add(((Number) columns[0]).longValue());
            keyed |= columns[1] != null;
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          // Only a row with a coalescing key leads a group; a batch without one (webhooks, the
          // acknowledgements) costs no look for companions.
          if (keyed) {
            ids.addAll(companions(em, ids));
          }
          em.createQuery(
                  "update HdOutboxEntry o set o.state = :claimed, o.leaseOwner = :owner,"
                      + " o.nextAttemptAt = :until, o.dueAt = :until where o.id in :ids")
              .setParameter("claimed", State.CLAIMED)
              .setParameter("owner", owner)
              .setParameter("until", until)
              .setParameter("ids", ids)
              .executeUpdate();
          Map<Long, OutboxEntity> rows = new HashMap<>();
          for (OutboxEntity row :
              em.createQuery("select o from HdOutboxEntry o where o.id in :ids", OutboxEntity.class)
                  .setParameter("ids", ids)
                  .getResultList()) {
            rows.put(row.id, row);
          }
          // The claim query's order (oldest due first), then the companions, is the order handed
          // out.
          List<OutboxEntry> claimed = new ArrayList<>(ids.size());
          for (Long id : ids) {
            claimed.add(toEntry(rows.get(id)));
          }
          return claimed;
        });
  }

  /**
   * The pending rows that join the groups the due rows {@code due} lead ({@link
   * Outbox#groupLeaders}): per leader, the pending rows with its key made within its window, oldest
   * first; locked (skipping rows another claim holds) in the claim's transaction.
   */
  private List<Long> companions(EntityManager em, List<Long> due) {
    List<OutboxEntry> dueEntries =
        em
            .createQuery(
                "select o from HdOutboxEntry o where o.id in :ids and o.coalescingKey is not null",
                OutboxEntity.class)
            .setParameter("ids", due)
            .getResultList()
            .stream()
            .map(JpaOutbox::toEntry)
            .toList();
    // The claim's update below is a bulk statement: the rows read here must not linger.
    em.clear();
    Set<Long> taken = new HashSet<>(due);
    List<Long> companions = new ArrayList<>();
    for (Notification leader : Outbox.groupLeaders(dueEntries)) {
      // Read without locks first (through the key's index), then lock by primary key: a locking
      // range read of the index would take gap locks that concurrent claims deadlock over.
      List<Long> candidates =
          em
              .createQuery(
                  "select o.id from HdOutboxEntry o where o.coalescingKey = :key"
                      + " and o.createdAt >= :from and o.createdAt <= :to and o.state = :pending"
                      + " order by o.createdAt, o.id",
                  Long.class)
              .setParameter("key", leader.coalescingKey().orElseThrow())
              .setParameter("from", leader.createdAt())
              .setParameter("to", leader.notBefore())
              .setParameter("pending", State.PENDING)
              .getResultList()
              .stream()
              .filter(id -> !taken.contains(id))
              .toList();
      if (candidates.isEmpty()) {
        continue;
      }
      Set<Long> locked = new HashSet<>();
      for (Object id :
          em.createNativeQuery(database.lockPendingOutboxRows())
              .setParameter("ids", candidates)
              .getResultList()) {
        locked.add(((Number) id).longValue());
      }
      for (Long id : candidates) {
        if (locked.contains(id) && taken.add(id)) {
          companions.add(id);
        }
      }
    }
    return companions;
  }

  /** One guarded update for the whole group, in a transaction of its own. */
  @Override
  public int delivered(Collection<NotificationId> ids, String owner) {
    Check.present("ids", ids);
    Check.present("owner", owner);
    if (ids.isEmpty()) {
      return 0;
    }
    List<java.util.UUID> values = new ArrayList<>(ids.size());
    for (NotificationId id : ids) {
      values.add(Check.present("notificationId", id).value());
    }
    return transactions.inTransaction(
        em ->
            em.createQuery(
                    "update HdOutboxEntry o set o.state = :to, o.dueAt = null,"
                        + " o.leaseOwner = null where o.notificationId in :ids"
                        + " and o.state = :claimed and o.leaseOwner = :owner")
                .setParameter("to", State.DELIVERED)
                .setParameter("ids", values)
                .setParameter("claimed", State.CLAIMED)
                .setParameter("owner", owner)
                .executeUpdate());
  }

  @Override
  public void retryLater(NotificationId id, String owner, Instant notBefore, String error) {
    Check.present("notBefore", notBefore);
    outcome(
        id,
        owner,
        "update HdOutboxEntry o set o.state = :to, o.attempts = o.attempts + 1,"
            + " o.nextAttemptAt = :notBefore, o.dueAt = :notBefore, o.leaseOwner = null,"
            + " o.lastError = :error",
        State.PENDING,
        notBefore,
        error);
  }

  @Override
  public void deadLetter(NotificationId id, String owner, String error) {
    outcome(
        id,
        owner,
        "update HdOutboxEntry o set o.state = :to, o.attempts = o.attempts + 1, o.dueAt = null,"
            + " o.leaseOwner = null, o.lastError = :error",
        State.DEAD,
        null,
        error);
  }

  private void outcome(
      NotificationId id, String owner, String set, State to, Instant notBefore, String error) {
    Check.present("notificationId", id);
    Check.present("owner", owner);
    transactions.inTransaction(
        em -> {
          var update =
              em.createQuery(
                      set
                          + " where o.notificationId = :id and o.state = :claimed"
                          + " and o.leaseOwner = :owner")
                  .setParameter("to", to)
                  .setParameter("id", id.value())
                  .setParameter("claimed", State.CLAIMED)
                  .setParameter("owner", owner);
          if (notBefore != null) {
            update.setParameter("notBefore", notBefore);
          }
          update.setParameter("error", cut(error));
          return update.executeUpdate();
        });
  }

  /** One guarded update ({@code ... WHERE state = 'DEAD'}), in a transaction of its own. */
  @Override
  public boolean redeliver(NotificationId id, Instant notBefore) {
    Check.present("notificationId", id);
    Check.present("notBefore", notBefore);
    return transactions.inTransaction(
            em ->
                em.createQuery(
                        "update HdOutboxEntry o set o.state = :pending, o.attempts = 0,"
                            + " o.nextAttemptAt = :notBefore, o.dueAt = :notBefore,"
                            + " o.leaseOwner = null where o.notificationId = :id"
                            + " and o.state = :dead")
                    .setParameter("pending", State.PENDING)
                    .setParameter("notBefore", notBefore)
                    .setParameter("id", id.value())
                    .setParameter("dead", State.DEAD)
                    .executeUpdate())
        == 1;
  }

  @Override
  public Optional<OutboxEntry> byId(NotificationId id) {
    Check.present("notificationId", id);
    return transactions.inTransaction(
        em ->
            em
                .createQuery(
                    "select o from HdOutboxEntry o where o.notificationId = :id",
                    OutboxEntity.class)
                .setParameter("id", id.value())
                .getResultList()
                .stream()
                .findFirst()
                .map(JpaOutbox::toEntry));
  }

  @Override
  public List<OutboxEntry> deadLetters(int limit) {
    Check.positive("limit", limit);
    return transactions.inTransaction(
        em ->
            em
                .createQuery(
                    "select o from HdOutboxEntry o where o.state = :dead"
                        + " order by o.createdAt, o.id",
                    OutboxEntity.class)
                .setParameter("dead", State.DEAD)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(JpaOutbox::toEntry)
                .toList());
  }

  @Override
  public long undelivered() {
    return transactions.inTransaction(
        em ->
            em.createQuery(
                    "select count(o) from HdOutboxEntry o where o.dueAt is not null", Long.class)
                .getSingleResult());
  }

  /**
   * In a transaction of its own; the ticket store rewrites them in its erase's ({@link #eraseIn}).
   */
  @Override
  public int erase(OutboxErasure erasure) {
    Check.present("erasure", erasure);
    return transactions.inTransaction(em -> eraseIn(em, erasure));
  }

  /**
   * Rewrites the entries about the erased ticket in the caller's entity manager and transaction:
   * how the ticket store erases them atomically with the ticket. Read through the ticket index of
   * {@code V12__privacy.sql}.
   */
  public int eraseIn(EntityManager em, OutboxErasure erasure) {
    List<OutboxEntity> rows =
        em.createQuery(
                "select o from HdOutboxEntry o where o.ticketId = :ticket", OutboxEntity.class)
            .setParameter("ticket", erasure.ticket().value())
            .getResultList();
    for (OutboxEntity row : rows) {
      Optional<OutboxEntry> kept = erasure.apply(toEntry(row));
      if (kept.isEmpty()) {
        em.remove(row);
        continue;
      }
      Notification n = kept.get().notification();
      row.recipientName = n.recipient().name();
      row.recipientEmail = n.recipient().email().value();
      row.ticketSubject = n.ticketSubject();
      row.valuesJson = Json.stringMap(new java.util.TreeMap<>(n.values()));
      row.lastError = kept.get().lastError().orElse(null);
      row.coalescingKey = n.coalescingKey().orElse(null);
    }
    return rows.size();
  }

  private static String cut(String error) {
    String e = error == null ? "" : error;
    return e.length() <= MAX_ERROR_LENGTH ? e : e.substring(0, MAX_ERROR_LENGTH);
  }

  private static OutboxEntry toEntry(OutboxEntity row) {
    Notification n =
        new Notification(
            new NotificationId(row.notificationId),
            row.kind,
            new Recipient(row.recipientName, EmailAddress.of(row.recipientEmail)),
            TicketId.of(row.ticketId),
            new TicketKey(row.ticketKey),
            row.ticketSubject,
            Json.stringMap(row.valuesJson),
            row.createdAt,
            row.notBefore == null ? row.createdAt : row.notBefore,
            Optional.ofNullable(row.coalescingKey));
    return new OutboxEntry(
        n, row.state, row.attempts, row.nextAttemptAt, Optional.ofNullable(row.lastError));
  }
}
