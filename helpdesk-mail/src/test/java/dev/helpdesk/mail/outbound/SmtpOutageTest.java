package dev.helpdesk.mail.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.RetryPolicy;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down while notifications queue up, then comes back: nothing is lost, nothing
 * is sent twice, and the retries keep their backoff; what keeps failing is dead-lettered.
 */
class SmtpOutageTest {

  /** Delegates to the real notifier and records which notifications each attempt carried. */
  private static final class Recording implements Notifier {
    final Notifier real;
    final List<NotificationId> attempted = new CopyOnWriteArrayList<>();

    Recording(Notifier real) {
      this.real = real;
    }

    @Override
    public void deliver(Notification n) {
      attempted.add(n.id());
      real.deliver(n);
    }

    @Override
    public void deliverEach(List<Notification> batch, Outcomes outcomes) {
      batch.forEach(n -> attempted.add(n.id()));
      real.deliverEach(batch, outcomes);
    }
  }

  private static GreenMail smtpOn(int port) {
    GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }

  @Test
  void athousandNotificationsQueuedDuringAnOutageAreAllDeliveredOnceWhenItEnds() throws Exception {
    int port = MailTestSupport.freePort();
    Recording recorder = new Recording(new MailNotifier(MailTestSupport.settings(port).build()));
    RetryPolicy retry = new RetryPolicy(6, Duration.ofSeconds(10), Duration.ofMinutes(10), 0.2);
    MailTestSupport f =
        new MailTestSupport(port, s -> s, b -> b.notifier(recorder).retryPolicy(retry));
    for (int i = 0; i < 1000; i++) {
      f.desk.open(
          dev.helpdesk.actor.Actor.customer("c-" + i), MailTestSupport.request("c-" + i).build());
    }
    assertEquals(1000, f.outbox.undelivered());

    // Pass 1: the server is down; every notification is tried once and waits with backoff.
    Instant first = f.clock.instant();
    assertEquals(0, f.desk.dispatchNotifications());
    Set<NotificationId> ids = new LinkedHashSet<>(recorder.attempted);
    assertEquals(1000, ids.size());
    for (NotificationId id : ids) {
      OutboxEntry e = f.outbox.byId(id).orElseThrow();
      assertEquals(OutboxEntry.State.PENDING, e.state());
      assertEquals(1, e.attempts());
      assertTrue(e.lastError().orElseThrow().contains("MailDeliveryException"));
      // 10 s with up to 20% jitter taken off.
      Duration wait = Duration.between(first, e.nextAttemptAt());
      assertTrue(wait.compareTo(Duration.ofSeconds(8)) >= 0, wait.toString());
      assertTrue(wait.compareTo(Duration.ofSeconds(10)) <= 0, wait.toString());
    }

    // Before the backoff has passed, nothing is tried again.
    recorder.attempted.clear();
    f.clock.advance(Duration.ofSeconds(7));
    assertEquals(0, f.desk.dispatchNotifications());
    assertTrue(recorder.attempted.isEmpty(), "nothing is retried before its backoff ends");

    // Pass 2: still down; the wait doubles.
    f.clock.advance(Duration.ofSeconds(4));
    Instant second = f.clock.instant();
    assertEquals(0, f.desk.dispatchNotifications());
    assertEquals(1000, recorder.attempted.size());
    for (NotificationId id : ids) {
      OutboxEntry e = f.outbox.byId(id).orElseThrow();
      assertEquals(2, e.attempts());
      Duration wait = Duration.between(second, e.nextAttemptAt());
      assertTrue(wait.compareTo(Duration.ofSeconds(16)) >= 0, wait.toString());
      assertTrue(wait.compareTo(Duration.ofSeconds(20)) <= 0, wait.toString());
    }

    // The server comes back; the next pass delivers everything.
    GreenMail smtp = smtpOn(port);
    try {
      f.clock.advance(Duration.ofSeconds(21));
      assertEquals(1000, f.desk.dispatchNotifications());
      assertEquals(0, f.outbox.undelivered());
      f.clock.advance(Duration.ofHours(3));
      assertEquals(0, f.desk.dispatchNotifications(), "nothing is left to send");

      MimeMessage[] got = smtp.getReceivedMessages();
      assertEquals(1000, got.length);
      Map<String, Integer> byMessageId = new HashMap<>();
      for (MimeMessage m : got) {
        byMessageId.merge(m.getMessageID(), 1, Integer::sum);
      }
      assertEquals(1000, byMessageId.size(), "no Message-ID arrived twice");
      MailThreading threading = f.settings.threading();
      for (NotificationId id : ids) {
        Notification n = f.outbox.byId(id).orElseThrow().notification();
        assertEquals(
            1,
            byMessageId.getOrDefault(threading.messageId(n.ticketId().value(), id.value()), 0),
            "the Message-ID is stable across retries: " + id);
        assertEquals(OutboxEntry.State.DELIVERED, f.outbox.byId(id).orElseThrow().state());
      }
      assertEquals(
          1000, smtp.getReceivedMessagesForDomain("example.com").length, "each to its customer");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void pastTheMaximumAttemptsANotificationIsDeadLetteredAndVisibleThroughTheDesk() {
    int port = MailTestSupport.freePort();
    RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0.0);
    MailTestSupport f = new MailTestSupport(port, s -> s, b -> b.retryPolicy(retry));
    for (int i = 0; i < 5; i++) {
      f.desk.open(
          dev.helpdesk.actor.Actor.customer("c-" + i), MailTestSupport.request("c-" + i).build());
    }
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertEquals(0, f.desk.dispatchNotifications());
      f.clock.advance(Duration.ofMinutes(2));
    }
    List<OutboxEntry> dead = f.desk.deadLetters(100);
    assertEquals(5, dead.size());
    for (OutboxEntry e : dead) {
      assertEquals(OutboxEntry.State.DEAD, e.state());
      assertEquals(3, e.attempts());
      String error = e.lastError().orElseThrow();
      assertTrue(error.contains("127.0.0.1:" + port + " refused the connection"), error);
      // The root cause, not only the wrapper, is kept for whoever reads the dead letters.
      assertTrue(error.contains("ConnectException"), error);
    }
    assertEquals(0, f.outbox.undelivered());

    // Even with the server back, a dead letter is not sent on its own.
    GreenMail smtp = smtpOn(port);
    try {
      f.clock.advance(Duration.ofHours(1));
      assertEquals(0, f.desk.dispatchNotifications());
      assertEquals(0, smtp.getReceivedMessages().length);
    } finally {
      smtp.stop();
    }
  }
}
