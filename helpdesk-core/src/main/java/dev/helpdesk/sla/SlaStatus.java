package dev.helpdesk.sla;

import dev.helpdesk.ticket.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One target of one ticket as an agent sees it at a given instant.
 *
 * @param target the target
 * @param cycle its cycle
 * @param state where it stands
 * @param startedAt when the cycle started
 * @param dueAt the first instant it is breached (while paused: as when the pause began)
 * @param pausedSoFar business time spent paused so far in this cycle
 * @param remaining business time left; negative when overdue
 * @param endedAt when it was fulfilled, if it was
 */
public record SlaStatus(
    SlaTarget target,
    int cycle,
    TimerState state,
    Instant startedAt,
    Instant dueAt,
    Duration pausedSoFar,
    Duration remaining,
    Optional<Instant> endedAt) {}
