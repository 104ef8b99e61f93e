package dev.helpdesk;

import dev.helpdesk.assignment.Assignment;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;

/**
 * Joins assignment to every ticket change: the reopen rule before the change is stored, and the
 * roster's loads after.
 */
final class AssignmentHook implements ChangeHook {

  private final Assignment assignment;

  AssignmentHook(Assignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public void beforeSave(TicketEdit edit) {
    assignment.beforeSave(edit);
  }

  @Override
  public void afterSave(TicketChange change) {
    assignment.stored(change);
  }
}
