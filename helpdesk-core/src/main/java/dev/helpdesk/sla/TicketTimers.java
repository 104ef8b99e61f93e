package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.TicketId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA timers of one ticket as of one version of it: the latest cycle of each target, and the
 * policy that set them. What the {@link SlaTimers} port stores and indexes by {@link #nextCheck()}.
 *
 * @param ticketId the ticket
 * @param ticketVersion the ticket version these timers belong to; a store keeps the newest
 * @param policy the name of the policy in force, if one applies
 * @param timers the latest cycle of each target the ticket has had
 */
public record TicketTimers(
    TicketId ticketId,
    long ticketVersion,
    Optional<String> policy,
    Map<SlaTarget, SlaTimer> timers) {

  /** Validates and freezes. */
  public TicketTimers {
    Check.present("ticketId", ticketId);
    Check.present("policy", policy);
    Check.present("timers", timers);
    timers.forEach(
        (k, v) -> {
          if (v.target() != k) {
            throw new ValidationException("timers", "must key each timer by its own target");
          }
        });
    timers = timers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(timers));
  }

  /** No timers yet. */
  public static TicketTimers none(TicketId ticketId) {
    return new TicketTimers(ticketId, 0, Optional.empty(), Map.of());
  }

  /** The timer of {@code target}, if the ticket has had one. */
  public Optional<SlaTimer> timer(SlaTarget target) {
    return Optional.ofNullable(timers.get(target));
  }

  /**
   * The earliest instant at which a running timer warns or breaches, if any: the key the monitor
   * finds due tickets by.
   */
  public Optional<Instant> nextCheck() {
    Instant next = null;
    for (SlaTimer t : timers.values()) {
      Optional<Instant> c = t.nextCheck();
      if (c.isPresent() && (next == null || c.get().isBefore(next))) {
        next = c.get();
      }
    }
    return Optional.ofNullable(next);
  }
}
