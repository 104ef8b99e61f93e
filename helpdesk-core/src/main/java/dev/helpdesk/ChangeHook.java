package dev.helpdesk;

import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;

/**
 * Internal extension point: a capability (SLA timers, assignment) that takes part in every ticket
 * change. {@link #beforeSave} runs after the use case's own operation and before notifications are
 * decided, so what it adds to the edit (events, notifications, field changes) is stored atomically
 * with the change; {@link #afterSave} runs once the change is stored, before listeners hear of it.
 */
interface ChangeHook {

  /** Called with the edit about to be stored; may add to it or throw to refuse the change. */
  default void beforeSave(TicketEdit edit) {}

  /** Called after the change is stored. */
  default void afterSave(TicketChange change) {}
}
