package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link TicketKeys} adapter must do: issue well-formed keys that never repeat, also
 * when many threads ask at once. Gaps in the numbers are allowed.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #keys()}:
 *
 * <pre>{@code
 * class SequenceTicketKeysTest extends TicketKeysContract {
 *   protected TicketKeys keys() { return new SequenceTicketKeys(freshH2DataSource(), "HD"); }
 * }
 * }</pre>
 *
 * <p>The suite calls {@link #keys()} once before each test.
 */
public abstract class TicketKeysContract {

  /** A key issuer, fresh for the current test. */
  protected abstract TicketKeys keys();

  private static final Pattern WELL_FORMED = Pattern.compile("[A-Z][A-Z0-9]{0,9}-[0-9]{1,18}");

  private TicketKeys keys;

  @BeforeEach
  void createIssuer() {
    keys = keys();
  }

  @Test
  void successiveKeysAreDistinctWellFormedAndShareAPrefix() {
    Set<TicketKey> issued = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      TicketKey key = keys.next();
      assertTrue(WELL_FORMED.matcher(key.value()).matches(), "malformed key " + key);
      assertTrue(issued.add(key), "key issued twice: " + key);
    }
    assertEquals(1, issued.stream().map(TicketKey::prefix).distinct().count());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void keysIssuedConcurrentlyNeverRepeat() throws Exception {
    int threads = 8;
    int perThread = 1_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<TicketKey>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  List<TicketKey> mine = new ArrayList<>(perThread);
                  for (int i = 0; i < perThread; i++) {
                    mine.add(keys.next());
                  }
                  return mine;
                }));
      }
      go.countDown();
      List<TicketKey> all = new ArrayList<>();
      for (Future<List<TicketKey>> f : results) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }

      assertEquals(threads * perThread, all.size());
      assertEquals(threads * perThread, new HashSet<>(all).size(), "some keys were issued twice");
      assertTrue(all.stream().allMatch(k -> WELL_FORMED.matcher(k.value()).matches()));
    } finally {
      pool.shutdownNow();
    }
  }
}
