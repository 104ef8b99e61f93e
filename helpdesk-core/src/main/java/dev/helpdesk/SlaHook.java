package dev.helpdesk;

import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.sla.SlaEngine;
import dev.helpdesk.store.TicketChange;

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
