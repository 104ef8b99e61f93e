package dev.helpdesk.actor;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.customer.CustomerId;

/**
 * Who performs an operation. Every use case of the desk takes an actor, checks what that actor may
 * do, and records the actor in the ticket's history.
 */
public sealed interface Actor permits Actor.Customer, Actor.Agent, Actor.System {

  /** A customer acting on their own tickets. */
  static Customer customer(String customerId) {
    return new Customer(CustomerId.of(customerId));
  }

  /** A customer acting on their own tickets. */
  static Customer customer(CustomerId customerId) {
    return new Customer(customerId);
  }

  /** A support agent. */
  static Agent agent(String agentId) {
    return new Agent(AgentId.of(agentId));
  }

  /** A support agent. */
  static Agent agent(AgentId agentId) {
    return new Agent(agentId);
  }

  /**
   * The application or the desk itself (a sweep, a mail intake, an import). Systems may do what
   * agents may, but are never assigned.
   */
  static System system(String name) {
    return new System(name);
  }

  /** A short, stable description for logs and audit views, e.g. {@code customer:c-17}. */
  String describe();

  /**
   * A customer, who sees and replies to their own tickets only (and reads their organisation's when
   * the desk lets them), and never sees internal notes.
   *
   * @param id the customer's id
   */
  record Customer(CustomerId id) implements Actor {
    /** Validates the actor. */
    public Customer {
      Check.present("customerId", id);
    }

    @Override
    public String describe() {
      return "customer:" + id.value();
    }
  }

  /**
   * A support agent, who works tickets and may write internal notes: any ticket, or only their
   * groups' and their own when the desk scopes agents; what else they may do depends on their
   * {@link dev.helpdesk.agent.Role} when the desk enforces it.
   *
   * @param id the agent's id
   */
  record Agent(AgentId id) implements Actor {
    /** Validates the actor. */
    public Agent {
      Check.present("agentId", id);
    }

    @Override
    public String describe() {
      return "agent:" + id.value();
    }
  }

  /**
   * The application or the desk itself.
   *
   * @param name what acted, e.g. {@code close-sweep} or {@code mail-intake}
   */
  record System(String name) implements Actor {
    /** Validates the actor. */
    public System {
      Check.line("systemName", name, 64);
    }

    @Override
    public String describe() {
      return "system:" + name;
    }
  }
}
