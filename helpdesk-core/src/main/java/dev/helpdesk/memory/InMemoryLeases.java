package dev.helpdesk.memory;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Leases} in memory: enough for the threads of one instance; several instances need the
 * database store's adapter.
 */
public final class InMemoryLeases implements Leases {

  /** Who holds a lease, and until when. */
  private record Held(String owner, Instant until) {}

  private final Map<String, Held> leases = new HashMap<>();

  @Override
  public synchronized boolean tryAcquire(
      String name, String owner, Instant now, Duration duration) {
    Leases.check(name, owner);
    Leases.check(now, duration);
    Held held = leases.get(name);
    if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
      return false;
    }
    leases.put(name, new Held(owner, now.plus(duration)));
    return true;
  }

  @Override
  public synchronized boolean renew(String name, String owner, Instant now, Duration duration) {
    Leases.check(name, owner);
    Leases.check(now, duration);
    Held held = leases.get(name);
    if (held == null || !held.owner().equals(owner) || !held.until().isAfter(now)) {
      return false;
    }
    leases.put(name, new Held(owner, now.plus(duration)));
    return true;
  }

  @Override
  public synchronized void release(String name, String owner) {
    Leases.check(name, owner);
    leases.computeIfPresent(name, (n, held) -> held.owner().equals(owner) ? null : held);
  }

  @Override
  public synchronized Optional<String> holder(String name, Instant now) {
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("now", now);
    return Optional.ofNullable(leases.get(name))
        .filter(held -> held.until().isAfter(now))
        .map(Held::owner);
  }
}
