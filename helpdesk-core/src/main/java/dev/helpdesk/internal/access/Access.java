package dev.helpdesk.internal.access;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks every use case starts with: who acts, and what they may read. Each service asks here
 * first, so the rules of {@link TicketAccess} are applied the same way everywhere.
 */
public final class Access {

  private final Agents agents;
  private final Function<AgentId, Optional<Agent>> known;
  private final ChangePipeline pipeline;

  /**
   * Checks against the desk's agents, loading tickets through {@code pipeline}.
   *
   * @param agents the agent store, read where the agent's current record matters
   * @param known the agents as the desk already knows them (the assignment roster), falling back to
   *     the store: whether an actor is a registered agent, and the name they go by, are answered
   *     without a read for every action
   */
  public Access(Agents agents, Function<AgentId, Optional<Agent>> known, ChangePipeline pipeline) {
    this.agents = agents;
    this.known = known;
    this.pipeline = pipeline;
  }

  /** Refuses a missing actor, and an agent that is not registered. */
  public void requireKnown(Actor actor) {
    Check.present("actor", actor);
    if (actor instanceof Actor.Agent a && known.apply(a.id()).isEmpty()) {
      throw new AccessDeniedException(actor, "act: no such agent is registered");
    }
  }

  /** Refuses customers; {@code what} names the refused action. */
  public static void requireNotCustomer(Actor actor, String what) {
    if (actor instanceof Actor.Customer) {
      throw new AccessDeniedException(actor, what);
    }
  }

  /**
   * The ticket a known actor names. A customer naming a ticket that is not theirs is answered
   * exactly as for a ticket that does not exist: ticket keys are sequential, and a different answer
   * would tell a customer which keys exist.
   *
   * @throws NotFoundException if there is no such ticket, or it is another customer's
   */
  public Ticket load(Actor actor, TicketId id) {
    requireKnown(actor);
    return visible(actor, pipeline.load(id), id.toString());
  }

  /** As {@link #load}, for a ticket looked up by other means; {@code named} is what was asked. */
  public static Ticket visible(Actor actor, Ticket ticket, String named) {
    if (actor instanceof Actor.Customer && !TicketAccess.canRead(actor, ticket)) {
      throw new NotFoundException("ticket", named);
    }
    return ticket;
  }

  /** A known actor's ticket that they may read. */
  public Ticket readable(Actor actor, TicketId id) {
    Ticket ticket = load(actor, id);
    TicketAccess.requireCanRead(actor, ticket);
    return ticket;
  }

  /** A ticket only staff may act on; {@code what} names the action for the refusal. */
  public Ticket forStaff(Actor actor, TicketId id, String what) {
    Ticket ticket = load(actor, id);
    TicketAccess.requireStaff(actor, ticket, what);
    return ticket;
  }

  /** A registered agent, or {@link NotFoundException}. */
  public Agent agent(AgentId id) {
    Check.present("agentId", id);
    return agents.byId(id).orElseThrow(() -> new NotFoundException("agent", id.value()));
  }

  /** The name the actor goes by in texts: an agent's name, a system actor's name. */
  public String displayName(Actor actor) {
    if (actor instanceof Actor.Agent a) {
      return known.apply(a.id()).map(Agent::name).orElse(a.id().value());
    }
    return actor instanceof Actor.System s ? s.name() : actor.describe();
  }
}
