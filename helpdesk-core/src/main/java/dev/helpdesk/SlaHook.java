package dev.helpdesk;

import dev.helpdesk.sla.SlaEngine;
import dev.helpdesk.ticket.TicketChange;
import dev.helpdesk.ticket.TicketEdit;

/** Lets the SLA engine take part in every ticket change. */
final class SlaHook implements ChangeHook {

  private final SlaEngine engine;

  SlaHook(SlaEngine engine) {
    this.engine = engine;
  }

  @Override
  public void beforeSave(TicketEdit edit) {
    engine.beforeSave(edit);
  }

  @Override
  public void afterSave(TicketChange change) {
    engine.afterSave(change);
  }
}
