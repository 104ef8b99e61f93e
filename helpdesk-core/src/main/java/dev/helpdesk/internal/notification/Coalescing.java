package dev.helpdesk.internal.notification;

import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.OutboxEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the claimed entries that share a coalescing key into one notification each. A group starts
 * at its oldest entry and takes the entries made at or before that entry's {@link
 * Notification#notBefore()} (within its window); a later one starts a group of its own, so that
 * changes further apart than the window are told apart even when a late dispatcher finds them
 * together.
 */
final class Coalescing {

  /**
   * The kinds a merged notification is named after, most important first: a reply says more than a
   * status, a bad rating more than the reopening it caused.
   */
  private static final List<NotificationKind> PRECEDENCE =
      List.of(
          NotificationKind.AGENT_REPLIED,
          NotificationKind.STATUS_CHANGED,
          NotificationKind.BAD_RATING,
          NotificationKind.CUSTOMER_REPLIED,
          NotificationKind.TICKET_ASSIGNED,
          NotificationKind.TICKET_REOPENED,
          NotificationKind.UNASSIGNED_IN_GROUP,
          NotificationKind.PRIORITY_CHANGED,
          NotificationKind.GROUP_CHANGED);

  /** Values that tell where a change started: the oldest part's is kept, not the newest. */
  private static final Set<String> EARLIEST_WINS =
      Set.of(
          Notification.PREVIOUS_STATUS,
          Notification.PREVIOUS_PRIORITY,
          Notification.PREVIOUS_GROUP);

  private Coalescing() {}

  /**
   * What is delivered for a batch: one notification per group, with the entries it stands for.
   *
   * @param delivered what the notifier is handed (the entry's own notification when alone)
   * @param entries the entries acknowledged or retried with it, oldest first
   */
  record Group(Notification delivered, List<OutboxEntry> entries) {}

  /** The batch in groups, in the order of each group's first entry in the batch. */
  static List<Group> groups(List<OutboxEntry> batch) {
    Map<String, List<OutboxEntry>> byKey = new LinkedHashMap<>();
    List<List<OutboxEntry>> ordered = new ArrayList<>();
    for (OutboxEntry e : batch) {
      String key = e.notification().coalescingKey().orElse(null);
      if (key == null) {
        ordered.add(List.of(e));
      } else {
        List<OutboxEntry> same = byKey.get(key);
        if (same == null) {
          same = new ArrayList<>();
          byKey.put(key, same);
          ordered.add(same);
        }
        same.add(e);
      }
    }
    List<Group> groups = new ArrayList<>();
    for (List<OutboxEntry> same : ordered) {
      if (same.size() == 1) {
        groups.add(new Group(same.get(0).notification(), same));
        continue;
      }
      List<OutboxEntry> byAge = new ArrayList<>(same);
      // Stable: entries of one step keep the order the step made them in (the claim's order).
      byAge.sort(Comparator.comparing((OutboxEntry e) -> e.notification().createdAt()));
      List<OutboxEntry> current = new ArrayList<>();
      for (OutboxEntry e : byAge) {
        if (!current.isEmpty()
            && e.notification().createdAt().isAfter(current.get(0).notification().notBefore())) {
          groups.add(group(current));
          current = new ArrayList<>();
        }
        current.add(e);
      }
      groups.add(group(current));
    }
    return groups;
  }

  private static Group group(List<OutboxEntry> entries) {
    List<OutboxEntry> kept = List.copyOf(entries);
    if (kept.size() == 1) {
      return new Group(kept.get(0).notification(), kept);
    }
    return new Group(merge(kept.stream().map(OutboxEntry::notification).toList()), kept);
  }

  /**
   * One notification for several of one ticket and recipient, oldest first: the oldest one's id (so
   * its retries keep one Message-ID) and times, the ticket's newest subject, the most important
   * kind, and every part's values: the primary kind's over the others', the texts of several
   * replies one after the other, the newest of a status, priority or group with the oldest of what
   * it was before.
   */
  static Notification merge(List<Notification> parts) {
    Notification first = parts.get(0);
    Notification last = parts.get(parts.size() - 1);
    NotificationKind primary =
        parts.stream()
            .map(Notification::kind)
            .min(Comparator.comparingInt(Coalescing::rank))
            .orElseThrow();
    Map<String, String> values = new LinkedHashMap<>();
    for (Notification n : parts) {
      if (n.kind() != primary) {
        take(values, n.values());
      }
    }
    Set<String> authors = new LinkedHashSet<>();
    List<String> bodies = new ArrayList<>();
    for (Notification n : parts) {
      if (n.kind() == primary) {
        take(values, n.values());
        if (n.values().containsKey(Notification.AUTHOR)) {
          authors.add(n.values().get(Notification.AUTHOR));
        }
        if (n.values().containsKey(Notification.BODY)) {
          bodies.add(n.values().get(Notification.BODY));
        }
      }
    }
    if (!authors.isEmpty()) {
      values.put(Notification.AUTHOR, String.join(", ", authors));
    }
    if (!bodies.isEmpty()) {
      values.put(Notification.BODY, String.join("\n\n", bodies));
    }
    renumberFiles(values, parts, primary);
    values.put(
        Notification.COALESCED,
        String.join(",", parts.stream().map(n -> n.kind().name()).toList()));
    return new Notification(
        first.id(),
        primary,
        first.recipient(),
        first.ticketId(),
        last.ticketKey(),
        last.ticketSubject(),
        values,
        first.createdAt(),
        first.notBefore(),
        first.coalescingKey());
  }

  /**
   * The files of every reply merged, numbered on in the order of the replies, each with the message
   * it belongs to and its index there: a mail links each file to its own message (each part numbers
   * its files from 1, so taking the parts' values would keep only the last reply's).
   */
  private static void renumberFiles(
      Map<String, String> values, List<Notification> parts, NotificationKind primary) {
    List<Notification> withFiles =
        parts.stream().filter(n -> n.kind() == primary && !n.attachments().isEmpty()).toList();
    if (withFiles.isEmpty()) {
      return;
    }
    values.keySet().removeIf(key -> key.startsWith("attachment."));
    int position = 1;
    for (Notification n : withFiles) {
      String message = n.values().getOrDefault(Notification.MESSAGE, "");
      List<Attachment> files = n.attachments();
      for (int i = 0; i < files.size(); i++, position++) {
        Attachment a = files.get(i);
        values.put(Notification.attachmentName(position), a.name());
        values.put(Notification.attachmentMediaType(position), a.mediaType());
        values.put(Notification.attachmentSize(position), Long.toString(a.size()));
        values.put(Notification.attachmentRef(position), a.ref().value());
        values.put(Notification.attachmentMessage(position), message);
        values.put(Notification.attachmentIndex(position), Integer.toString(i));
      }
    }
  }

  private static void take(Map<String, String> into, Map<String, String> values) {
    values.forEach(
        (key, value) -> {
          if (!(EARLIEST_WINS.contains(key) && into.containsKey(key))) {
            into.put(key, value);
          }
        });
  }

  private static int rank(NotificationKind kind) {
    int at = PRECEDENCE.indexOf(kind);
    return at < 0 ? PRECEDENCE.size() : at;
  }
}
