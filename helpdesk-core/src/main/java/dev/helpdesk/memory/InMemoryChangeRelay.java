package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.RelayedChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays announcements between desks in one JVM that share in-memory stores: what one desk
 * announces reaches every desk started on this relay, itself included, in the order announced, on a
 * daemon thread per desk ({@code helpdesk-relay-memory}). The reference implementation of {@link
 * ChangeRelay}, for tests of several instances without a database; give each desk its own {@link
 * #instance()}.
 */
public final class InMemoryChangeRelay {

  private static final Logger log = LoggerFactory.getLogger(InMemoryChangeRelay.class);

  private final List<ChangeRelay.Receiver> receivers = new CopyOnWriteArrayList<>();

  /** A relay for one more desk. */
  public ChangeRelay instance() {
    return new ChangeRelay() {
      private ChangeRelay.Receiver receiver;
      private ExecutorService thread;

      @Override
      public synchronized void start(ChangeRelay.Receiver r) {
        Check.present("receiver", r);
        if (receiver != null) {
          throw new IllegalStateException("this relay was started already");
        }
        ExecutorService own =
            Executors.newSingleThreadExecutor(
                task -> {
                  Thread t = new Thread(task, "helpdesk-relay-memory");
                  t.setDaemon(true);
                  return t;
                });
        thread = own;
        // Delivered on this desk's own thread, in the order announced, never on the writer's.
        receiver =
            changes ->
                own.execute(
                    () -> {
                      try {
                        r.received(changes);
                      } catch (RuntimeException e) {
                        log.warn("A desk failed on announcements; in memory they are lost", e);
                      }
                    });
        receivers.add(receiver);
      }

      @Override
      public void announce(List<RelayedChange> changes) {
        List<RelayedChange> copy = List.copyOf(changes);
        for (ChangeRelay.Receiver r : receivers) {
          r.received(copy);
        }
      }

      @Override
      public synchronized void close() {
        if (receiver != null) {
          receivers.remove(receiver);
          thread.shutdown();
        }
      }
    };
  }
}
