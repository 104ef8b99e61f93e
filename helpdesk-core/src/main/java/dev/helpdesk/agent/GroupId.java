package dev.helpdesk.agent;

import dev.helpdesk.common.Check;

/**
 * A team of agents, such as {@code payments} or {@code supervisors}. Tickets may be routed to a
 * group; agents belong to any number of groups.
 *
 * @param value at most {@value #MAX_LENGTH} characters, single line
 */
public record GroupId(String value) {

  /** The longest group id accepted. */
  public static final int MAX_LENGTH = 64;

  /** Validates the id. */
  public GroupId {
    Check.line("group", value, MAX_LENGTH);
  }

  /** Wraps {@code value}. */
  public static GroupId of(String value) {
    return new GroupId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
