package dev.helpdesk.internal.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.notification.AckWindow;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.notification.RetryPolicy;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Coalescing whatever the timing: notifications made at any instants, for a few keys, dispatched at
 * any instants, are each delivered exactly once, and per key in the mails of the greedy partition
 * (a mail starts at the oldest waiting one and takes all made within its window), however often or
 * late the dispatcher runs.
 */
class CoalescingPropertiesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(60);

  @Test
  void everyNotificationIsDeliveredOnceInTheMailsOfTheGreedyPartition() {
    qt().withExamples(300)
        .forAll(
            // (second made at, key) pairs: up to 40 notifications within ten minutes, 3 keys
            lists().of(integers().between(0, 600 * 3 - 1)).ofSizeBetween(1, 40),
            // the seconds at which the dispatcher runs
            lists().of(integers().between(0, 700)).ofSizeBetween(0, 12))
        .checkAssert(
            (made, runs) -> {
              SettableClock clock = SettableClock.at(T0);
              InMemoryOutbox outbox = new InMemoryOutbox();
              List<Notification> mails = new ArrayList<>();
              NotificationDispatcher dispatcher =
                  new NotificationDispatcher(
                      outbox,
                      mails::add,
                      clock,
                      RetryPolicy.DEFAULT,
                      7,
                      Duration.ofMinutes(5),
                      AckWindow.DEFAULT,
                      () -> 0);
              TicketId ticket = TicketId.random();
              // The timeline: notifications added at their second, dispatches at theirs.
              TreeMap<Integer, List<Runnable>> timeline = new TreeMap<>();
              Map<String, List<Integer>> secondsByKey = new TreeMap<>();
              List<NotificationId> all = new ArrayList<>();
              for (int m : made) {
                int second = m / 3;
                String key = "k" + (m % 3);
                secondsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(second);
                Notification n = notification(ticket, key, T0.plusSeconds(second));
                all.add(n.id());
                timeline
                    .computeIfAbsent(second, s -> new ArrayList<>())
                    .add(() -> outbox.add(List.of(n)));
              }
              for (int run : runs) {
                timeline
                    .computeIfAbsent(run, s -> new ArrayList<>())
                    .add(dispatcher::dispatchAllDue);
              }
              timeline.forEach(
                  (second, steps) -> {
                    clock.set(T0.plusSeconds(second));
                    steps.forEach(Runnable::run);
                  });
              clock.set(T0.plusSeconds(600 + WINDOW.toSeconds()));
              dispatcher.dispatchAllDue();

              for (NotificationId id : all) {
                assertEquals(OutboxEntry.State.DELIVERED, outbox.byId(id).orElseThrow().state());
              }
              Map<String, List<Integer>> sizes = new HashMap<>();
              int parts = 0;
              for (Notification mail : mails) {
                String key = mail.recipient().email().value().substring(0, 2);
                sizes
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(mail.coalescedKinds().size());
                parts += mail.coalescedKinds().size();
              }
              assertEquals(all.size(), parts, "each notification in exactly one mail");
              for (Map.Entry<String, List<Integer>> e : secondsByKey.entrySet()) {
                assertEquals(greedy(e.getValue()), sizes.get(e.getKey()), e.getKey());
              }
            });
  }

  /** The sizes of the greedy partition of the seconds: each part spans at most the window. */
  private static List<Integer> greedy(List<Integer> seconds) {
    List<Integer> sorted = seconds.stream().sorted().toList();
    List<Integer> sizes = new ArrayList<>();
    int start = -1;
    for (int s : sorted) {
      if (sizes.isEmpty() || s > start + WINDOW.toSeconds()) {
        sizes.add(0);
        start = s;
      }
      sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
    }
    return sizes;
  }

  private static Notification notification(TicketId ticket, String key, Instant at) {
    return new Notification(
        NotificationId.random(),
        NotificationKind.AGENT_REPLIED,
        new Recipient("Ana", EmailAddress.of(key + "@example.com")),
        ticket,
        new TicketKey("HD-1"),
        "Seat",
        Map.of(Notification.BODY, "text"),
        at,
        at.plus(WINDOW),
        Optional.of(ticket.value() + "/" + key));
  }
}
