package dev.helpdesk.agent;

import dev.helpdesk.common.Check;

/**
 * The application's id for a support agent.
 *
 * @param value at most {@value #MAX_LENGTH} characters, single line
 */
public record AgentId(String value) {

  /** The longest agent id accepted. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public AgentId {
    Check.line("agentId", value, MAX_LENGTH);
  }

  /** Wraps {@code value}. */
  public static AgentId of(String value) {
    return new AgentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
