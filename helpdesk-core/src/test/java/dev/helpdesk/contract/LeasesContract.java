package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.Leases;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Leases} adapter must do: one holder at a time, a lease free once its time is up
 * or its holder gave it up, renewal only by the holder in time, and exactly one winner when several
 * owners reach for the same lease at once.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #leases()},
 * which the suite calls once before each test.
 */
public abstract class LeasesContract {

  /** The adapter for this test; the suite uses lease names no other test uses. */
  protected abstract Leases leases();

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private Leases leases;
  private String name;

  @BeforeEach
  void createAdapter() {
    leases = leases();
    name = "imap:" + UUID.randomUUID();
  }

  @Test
  void aFreeLeaseIsTakenAndHeldUntilItsTimeIsUp() {
    assertEquals(Optional.empty(), leases.holder(name, T0));
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    assertEquals(Optional.of("a"), leases.holder(name, T0));
    assertEquals(Optional.of("a"), leases.holder(name, T0.plusSeconds(59)));
    assertEquals(Optional.empty(), leases.holder(name, T0.plusSeconds(60)));
  }

  @Test
  void anotherOwnerWaitsForTheEndOfTheLease() {
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    assertFalse(leases.tryAcquire(name, "b", T0.plusSeconds(30), MINUTE));
    assertFalse(leases.tryAcquire(name, "b", T0.plusSeconds(59), MINUTE));
    // The holder crashed and never renewed: its lease ends.
    assertTrue(leases.tryAcquire(name, "b", T0.plusSeconds(60), MINUTE));
    assertEquals(Optional.of("b"), leases.holder(name, T0.plusSeconds(61)));
    assertFalse(leases.renew(name, "a", T0.plusSeconds(61), MINUTE));
  }

  @Test
  void theHolderTakingItAgainExtendsIt() {
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    assertTrue(leases.tryAcquire(name, "a", T0.plusSeconds(50), MINUTE));
    assertFalse(leases.tryAcquire(name, "b", T0.plusSeconds(100), MINUTE));
    assertTrue(leases.tryAcquire(name, "b", T0.plusSeconds(110), MINUTE));
  }

  @Test
  void onlyTheHolderRenewsAndOnlyInTime() {
    assertFalse(leases.renew(name, "a", T0, MINUTE), "nobody holds it: nothing to renew");
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    assertFalse(leases.renew(name, "b", T0.plusSeconds(10), MINUTE));
    assertTrue(leases.renew(name, "a", T0.plusSeconds(50), MINUTE));
    assertEquals(Optional.of("a"), leases.holder(name, T0.plusSeconds(100)));
    assertFalse(leases.renew(name, "a", T0.plusSeconds(110), MINUTE), "its time was up");
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceButOnlyItsHolderReleasesIt() {
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    leases.release(name, "b");
    assertEquals(Optional.of("a"), leases.holder(name, T0));
    leases.release(name, "a");
    assertEquals(Optional.empty(), leases.holder(name, T0));
    assertTrue(leases.tryAcquire(name, "b", T0.plusSeconds(1), MINUTE));
    assertFalse(leases.renew(name, "a", T0.plusSeconds(2), MINUTE));
  }

  @Test
  void leasesOfDifferentNamesAreIndependent() {
    String other = name + ".other";
    assertTrue(leases.tryAcquire(name, "a", T0, MINUTE));
    assertTrue(leases.tryAcquire(other, "b", T0, MINUTE));
    assertEquals(Optional.of("a"), leases.holder(name, T0));
    assertEquals(Optional.of("b"), leases.holder(other, T0));
  }

  @Test
  void refusesBadArgumentsNamingTheField() {
    assertEquals(
        "name",
        assertThrows(ValidationException.class, () -> leases.tryAcquire(" ", "a", T0, MINUTE))
            .field());
    assertEquals(
        "owner",
        assertThrows(
                ValidationException.class,
                () -> leases.tryAcquire(name, "x".repeat(Leases.MAX_NAME_LENGTH + 1), T0, MINUTE))
            .field());
    assertEquals(
        "duration",
        assertThrows(
                ValidationException.class, () -> leases.tryAcquire(name, "a", T0, Duration.ZERO))
            .field());
    assertEquals(
        "duration",
        assertThrows(
                ValidationException.class,
                () -> leases.renew(name, "a", T0, Duration.ofSeconds(-1)))
            .field());
    assertEquals(
        "now",
        assertThrows(ValidationException.class, () -> leases.tryAcquire(name, "a", null, MINUTE))
            .field());
  }

  @Test
  @Timeout(60)
  void whenManyOwnersReachAtOnceExactlyOneHoldsTheLease() throws Exception {
    int contenders = 6;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      for (int round = 0; round < 10; round++) {
        // Every other round the lease exists and has lapsed: the race is then on the update.
        Instant now = T0.plus(MINUTE.multipliedBy(2L * round));
        if (round % 2 == 1) {
          assertTrue(leases.tryAcquire(name, "crashed", now.minus(MINUTE), Duration.ofSeconds(30)));
        } else {
          name = "imap:" + UUID.randomUUID();
        }
        String lease = name;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          String owner = "owner-" + i;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return leases.tryAcquire(lease, owner, now, MINUTE);
                  }));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          if (results.get(i).get(30, TimeUnit.SECONDS)) {
            winners.add("owner-" + i);
          }
        }
        assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
        assertEquals(Optional.of(winners.get(0)), leases.holder(lease, now));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
