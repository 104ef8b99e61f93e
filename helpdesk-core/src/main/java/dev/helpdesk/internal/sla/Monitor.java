package dev.helpdesk.internal.sla;

import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.ticket.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desk's {@link SlaMonitor}: claims due tickets and runs the SLA engine's change on each. */
public final class Monitor implements SlaMonitor {

  private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

  /** Runs one change on one ticket through the desk, as the monitor's actor. */
  @FunctionalInterface
  public interface Changes {
    /**
     * Loads the ticket, applies {@code operation} to an edit of it, and stores it if it changed.
     */
    void change(TicketId ticketId, Consumer<TicketEdit> operation);
  }

  private final SlaEngine engine;
  private final Clock clock;
  private final Changes changes;

  /**
   * @param engine the desk's SLA engine
   * @param clock the desk's clock
   * @param changes how to change a ticket through the desk
   */
  public Monitor(SlaEngine engine, Clock clock, Changes changes) {
    this.engine = engine;
    this.clock = clock;
    this.changes = changes;
  }

  /**
   * Handles every ticket due now: records the warnings and breaches that fell due (each once per
   * target cycle) with their escalations. A ticket whose change fails is logged and tried again
   * once its claim lapses.
   *
   * @return how many due tickets it handled
   */
  @Override
  public int tick() {
    Instant now = clock.instant();
    SlaSettings s = engine.settings();
    int handled = 0;
    while (true) {
      List<TicketId> due =
          engine.store().claimDue(now, s.monitorBatch(), now.plus(s.monitorClaim()));
      for (TicketId id : due) {
        try {
          changes.change(id, engine::recordDue);
          handled++;
        } catch (RuntimeException e) {
          log.warn("SLA check of ticket {} failed; retried when its claim lapses", id, e);
        }
      }
      if (due.size() < s.monitorBatch()) {
        return handled;
      }
    }
  }
}
