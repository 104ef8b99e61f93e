package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * At most {@code max} acknowledgements to one sender in any sliding hour, read from the desk's
 * clock: the last line of defence against two auto-responders answering each other.
 */
final class AcknowledgementLimit {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final int max;
  private final Clock clock;
  private final Map<String, Deque<Instant>> sent = new HashMap<>();

  AcknowledgementLimit(int max, Clock clock) {
    this.max = max;
    this.clock = clock;
  }

  /** Takes one acknowledgement for the sender if the limit allows, and says whether it did. */
  synchronized boolean tryAcquire(EmailAddress sender) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(WINDOW);
    prune(cutoff);
    Deque<Instant> times = sent.computeIfAbsent(key(sender), k -> new ArrayDeque<>());
    if (times.size() >= max) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  private void prune(Instant cutoff) {
    Iterator<Deque<Instant>> it = sent.values().iterator();
    while (it.hasNext()) {
      Deque<Instant> times = it.next();
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.removeFirst();
      }
      if (times.isEmpty()) {
        it.remove();
      }
    }
  }

  private static String key(EmailAddress sender) {
    return sender.value().toLowerCase(Locale.ROOT);
  }
}
