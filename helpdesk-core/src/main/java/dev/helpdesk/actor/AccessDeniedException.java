package dev.helpdesk.actor;

import dev.helpdesk.common.HelpDeskException;

/**
 * The actor may not do what was asked: a customer reading someone else's ticket, a customer writing
 * an internal note, an unknown agent. Nothing was changed.
 */
public final class AccessDeniedException extends HelpDeskException {

  private final transient Actor actor;

  /**
   * @param actor who asked
   * @param what what was refused, worded to follow "actor may not ..."
   */
  public AccessDeniedException(Actor actor, String what) {
    super(actor.describe() + " may not " + what);
    this.actor = actor;
  }

  /** Who was refused. */
  public Actor actor() {
    return actor;
  }
}
