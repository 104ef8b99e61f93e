package dev.helpdesk.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.HelpDeskException;

/**
 * A change would have given an agent more active tickets than a {@link CapacityGuard} allows.
 * Nothing of the change was written. Automatic assignment catches it and picks again; a manual
 * assignment reports it unless it was explicitly allowed to exceed capacity.
 */
public final class CapacityExceededException extends HelpDeskException {

  private final transient CapacityGuard guard;

  /**
   * @param guard the guard the change broke
   */
  public CapacityExceededException(CapacityGuard guard) {
    super(
        "capacity of agent '"
            + guard.agent()
            + "' exceeded: at most "
            + guard.limit()
            + " active tickets"
            + guard.channel().map(c -> " on channel " + c).orElse(""));
    this.guard = guard;
  }

  /** The agent who is full. */
  public AgentId agent() {
    return guard.agent();
  }

  /** The guard that refused the change. */
  public CapacityGuard guard() {
    return guard;
  }
}
