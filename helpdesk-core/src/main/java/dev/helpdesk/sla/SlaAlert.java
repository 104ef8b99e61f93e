package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.SlaTarget;
import java.time.Instant;

/**
 * A warning or a breach, as the {@link Escalation}s receive it.
 *
 * @param breach true for a breach, false for a warning
 * @param target the target
 * @param cycle the target's cycle
 * @param dueAt when it is (or was) due
 * @param at when it was noticed
 */
public record SlaAlert(boolean breach, SlaTarget target, int cycle, Instant dueAt, Instant at) {

  /** Validates the alert. */
  public SlaAlert {
    Check.present("target", target);
    Check.positive("cycle", cycle);
    Check.present("dueAt", dueAt);
    Check.present("at", at);
  }
}
