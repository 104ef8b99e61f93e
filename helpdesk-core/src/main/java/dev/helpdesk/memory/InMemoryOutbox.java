package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.OutboxEntry.State;
import dev.helpdesk.notification.OutboxErasure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An outbox in memory, with the same claim, lease, retry and dead-letter rules as a database
 * outbox. Entries waiting or claimed are indexed by when they are next due, so a claim reads only
 * what is due. Delivered entries are kept (for {@link #byId}) for as long as the outbox lives.
 */
public final class InMemoryOutbox implements Outbox {

  private record Due(Instant at, long seq, NotificationId id) {}

  private static final Comparator<Due> DUE_ORDER =
      Comparator.comparing(Due::at).thenComparingLong(Due::seq);

  private final Map<NotificationId, OutboxEntry> entries = new LinkedHashMap<>();
  private final Map<NotificationId, Due> dueKeys = new HashMap<>();
  private final Map<NotificationId, String> owners = new HashMap<>();
  private final TreeSet<Due> due = new TreeSet<>(DUE_ORDER);
  // Entries pending or claimed by coalescing key, for a claim to find a due entry's companions.
  private final Map<String, Set<NotificationId>> byKey = new HashMap<>();
  private long seq;

  @Override
  public synchronized void add(List<Notification> notifications) {
    for (Notification n : notifications) {
      if (entries.containsKey(n.id())) {
        continue; // adding the same notification twice must not deliver it twice
      }
      put(new OutboxEntry(n, State.PENDING, 0, n.notBefore(), Optional.empty()));
    }
  }

  @Override
  public synchronized List<OutboxEntry> claim(Instant now, int max, Duration lease, String owner) {
    List<OutboxEntry> claimed = new ArrayList<>();
    Iterator<Due> it = due.iterator();
    while (it.hasNext() && claimed.size() < max) {
      Due d = it.next();
      if (d.at().isAfter(now)) {
        break;
      }
      OutboxEntry e = entries.get(d.id());
      OutboxEntry leased =
          new OutboxEntry(
              e.notification(), State.CLAIMED, e.attempts(), now.plus(lease), e.lastError());
      claimed.add(leased);
    }
    Set<NotificationId> taken = new HashSet<>();
    claimed.forEach(e -> taken.add(e.notification().id()));
    List<OutboxEntry> companions = new ArrayList<>();
    for (Notification leader : Outbox.groupLeaders(claimed)) {
      for (NotificationId id : byKey.getOrDefault(leader.coalescingKey().orElseThrow(), Set.of())) {
        OutboxEntry e = entries.get(id);
        if (e.state() == State.PENDING
            && Outbox.withinWindowOf(leader, e.notification())
            && taken.add(id)) {
          companions.add(
              new OutboxEntry(
                  e.notification(), State.CLAIMED, e.attempts(), now.plus(lease), e.lastError()));
        }
      }
    }
    companions.sort(Comparator.comparing(e -> e.notification().createdAt()));
    claimed.addAll(companions);
    for (OutboxEntry e : claimed) {
      put(e);
      owners.put(e.notification().id(), owner);
    }
    return claimed;
  }

  @Override
  public synchronized int delivered(Collection<NotificationId> ids, String owner) {
    Check.present("ids", ids);
    Check.present("owner", owner);
    int marked = 0;
    for (NotificationId id : ids) {
      OutboxEntry e = held(id, owner);
      if (e != null) {
        put(
            new OutboxEntry(
                e.notification(), State.DELIVERED, e.attempts(), e.nextAttemptAt(), e.lastError()));
        marked++;
      }
    }
    return marked;
  }

  @Override
  public synchronized void retryLater(
      NotificationId id, String owner, Instant notBefore, String error) {
    OutboxEntry e = held(id, owner);
    if (e != null) {
      put(
          new OutboxEntry(
              e.notification(), State.PENDING, e.attempts() + 1, notBefore, Optional.of(error)));
    }
  }

  @Override
  public synchronized void deadLetter(NotificationId id, String owner, String error) {
    OutboxEntry e = held(id, owner);
    if (e != null) {
      put(
          new OutboxEntry(
              e.notification(),
              State.DEAD,
              e.attempts() + 1,
              e.nextAttemptAt(),
              Optional.of(error)));
    }
  }

  @Override
  public synchronized boolean redeliver(NotificationId id, Instant notBefore) {
    Check.present("notificationId", id);
    Check.present("notBefore", notBefore);
    OutboxEntry e = entries.get(id);
    if (e == null || e.state() != State.DEAD) {
      return false;
    }
    put(new OutboxEntry(e.notification(), State.PENDING, 0, notBefore, e.lastError()));
    return true;
  }

  @Override
  public synchronized Optional<OutboxEntry> byId(NotificationId id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public synchronized List<OutboxEntry> deadLetters(int limit) {
    return entries.values().stream().filter(e -> e.state() == State.DEAD).limit(limit).toList();
  }

  @Override
  public synchronized long undelivered() {
    return due.size();
  }

  @Override
  public synchronized int erase(OutboxErasure erasure) {
    Check.present("erasure", erasure);
    List<OutboxEntry> about =
        entries.values().stream()
            .filter(e -> e.notification().ticketId().equals(erasure.ticket()))
            .toList();
    for (OutboxEntry e : about) {
      Optional<OutboxEntry> kept = erasure.apply(e);
      if (kept.isPresent()) {
        put(kept.get());
      } else {
        NotificationId id = e.notification().id();
        entries.remove(id);
        owners.remove(id);
        Due old = dueKeys.remove(id);
        if (old != null) {
          due.remove(old);
        }
        unindex(e.notification());
      }
    }
    return about.size();
  }

  /** The entry if {@code owner} holds its claim, else null (a late dispatcher lost its lease). */
  private OutboxEntry held(NotificationId id, String owner) {
    OutboxEntry e = entries.get(id);
    if (e == null || e.state() != State.CLAIMED || !owner.equals(owners.get(id))) {
      return null;
    }
    return e;
  }

  private void put(OutboxEntry e) {
    NotificationId id = e.notification().id();
    entries.put(id, e);
    Due old = dueKeys.remove(id);
    if (old != null) {
      due.remove(old);
    }
    if (e.state() == State.PENDING || e.state() == State.CLAIMED) {
      Due d = new Due(e.nextAttemptAt(), seq++, id);
      dueKeys.put(id, d);
      due.add(d);
      e.notification()
          .coalescingKey()
          .ifPresent(key -> byKey.computeIfAbsent(key, k -> new HashSet<>()).add(id));
    } else {
      owners.remove(id);
      unindex(e.notification());
    }
  }

  private void unindex(Notification n) {
    n.coalescingKey()
        .ifPresent(
            key -> {
              Set<NotificationId> ids = byKey.get(key);
              if (ids != null) {
                ids.remove(n.id());
                if (ids.isEmpty()) {
                  byKey.remove(key);
                }
              }
            });
  }
}
