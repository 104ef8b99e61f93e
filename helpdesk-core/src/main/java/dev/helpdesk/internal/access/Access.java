package dev.helpdesk.internal.access;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.Customers;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.search.TicketScope;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks every use case starts with: who acts, which tickets they may see, and whether their
 * role allows what they ask. Each service asks here first, so the rules of {@link TicketAccess} and
 * of the desk's {@link Roles} are applied the same way everywhere, and search is kept within the
 * same {@link TicketScope} that reading one ticket checks.
 */
public final class Access {

  private final Agents agents;
  private final Function<AgentId, Optional<Agent>> known;
  private final Customers customers;
  private final ChangePipeline pipeline;
  private final Roles roles;

  /**
   * Checks against the desk's agents and customers, loading tickets through {@code pipeline}.
   *
   * @param agents the agent store, read where the agent's current record matters
   * @param known the agents as the desk already knows them (the assignment roster), falling back to
   *     the store: without role settings, whether an actor is a registered agent and the name they
   *     go by are answered without a read for every action
   * @param customers the customer store, for a customer's organisation
   * @param pipeline where tickets are loaded
   * @param roles the desk's role settings
   */
  public Access(
      Agents agents,
      Function<AgentId, Optional<Agent>> known,
      Customers customers,
      ChangePipeline pipeline,
      Roles roles) {
    this.agents = agents;
    this.known = known;
    this.customers = customers;
    this.pipeline = pipeline;
    this.roles = roles;
  }

  /** The desk's role settings. */
  public Roles roles() {
    return roles;
  }

  /** Refuses a missing actor, and an agent that is not registered. */
  public void requireKnown(Actor actor) {
    registered(actor);
  }

  /** The registered agent an agent actor names; empty for other actors. */
  private Optional<Agent> registered(Actor actor) {
    Check.present("actor", actor);
    if (actor instanceof Actor.Agent a) {
      // With a role setting in force, the agent's current record decides (a supervisor demoted, a
      // group left, maybe on another instance): it is read from the store. Otherwise only whether
      // they are registered matters, which the roster knows (agents are never removed).
      Optional<Agent> agent =
          roles.dependOnAgentRecord() ? agents.byId(a.id()) : known.apply(a.id());
      if (agent.isEmpty()) {
        throw new AccessDeniedException(actor, "act: no such agent is registered");
      }
      return agent;
    }
    return Optional.empty();
  }

  /** Refuses customers; {@code what} names the refused action. */
  public static void requireNotCustomer(Actor actor, String what) {
    if (actor instanceof Actor.Customer) {
      throw new AccessDeniedException(actor, what);
    }
  }

  /**
   * Refuses customers, and agents who are no supervisor when the desk enforces the supervisor role;
   * {@code what} names the refused action. Systems may.
   */
  public void requireSupervisor(Actor actor, String what) {
    Optional<Agent> agent = registered(actor);
    requireNotCustomer(actor, what);
    if (roles.enforceSupervisor() && agent.isPresent() && !agent.get().isSupervisor()) {
      throw new AccessDeniedException(actor, what + " (only a supervisor may)");
    }
  }

  /**
   * The tickets a known actor may see: a customer their own (and their organisation's when the desk
   * lets customers see it), an agent every ticket, or only those of their groups and those assigned
   * to them when the desk scopes agents and the agent is no supervisor; a system every ticket.
   */
  public TicketScope scope(Actor actor) {
    Optional<Agent> agent = registered(actor);
    if (actor instanceof Actor.Customer c) {
      return new TicketScope.Requester(
          c.id(),
          roles.customersSeeOrganisation()
              ? customers.byId(c.id()).flatMap(Customer::organisation)
              : Optional.empty());
    }
    if (agent.isPresent() && roles.agentsSeeOwnGroups() && !agent.get().isSupervisor()) {
      return new TicketScope.Groups(agent.get().id(), agent.get().groups());
    }
    return TicketScope.everything();
  }

  /** Whether a known actor may see the ticket. */
  public boolean canRead(Actor actor, Ticket ticket) {
    return scope(actor).includes(ticket);
  }

  /**
   * The ticket a known actor names. A ticket the actor may not see is answered exactly as a ticket
   * that does not exist: ticket keys are sequential, and a different answer would tell a customer
   * (or an agent outside the ticket's groups) which keys exist.
   *
   * @throws NotFoundException if there is no such ticket, or the actor may not see it
   */
  public Ticket load(Actor actor, TicketId id) {
    // Who acts is checked first: an unknown agent learns nothing of which tickets exist.
    TicketScope scope = scope(actor);
    return within(scope, pipeline.load(id), id.toString());
  }

  /** As {@link #load}, for a ticket looked up by other means; {@code named} is what was asked. */
  public Ticket visible(Actor actor, Ticket ticket, String named) {
    return within(scope(actor), ticket, named);
  }

  private static Ticket within(TicketScope scope, Ticket ticket, String named) {
    if (!scope.includes(ticket)) {
      throw new NotFoundException("ticket", named);
    }
    return ticket;
  }

  /** A known actor's ticket that they may read. */
  public Ticket readable(Actor actor, TicketId id) {
    return load(actor, id);
  }

  /**
   * A ticket the actor may write to as its customer or as staff: a customer who reads it only as a
   * member of its organisation may not; {@code what} names the action for the refusal.
   */
  public Ticket writable(Actor actor, TicketId id, String what) {
    Ticket ticket = load(actor, id);
    if (actor instanceof Actor.Customer c && !c.id().equals(ticket.requester().id())) {
      throw new AccessDeniedException(
          actor, what + " ticket " + ticket.key() + " (only its customer may)");
    }
    return ticket;
  }

  /** A ticket only staff may act on; {@code what} names the action for the refusal. */
  public Ticket forStaff(Actor actor, TicketId id, String what) {
    Ticket ticket = load(actor, id);
    TicketAccess.requireStaff(actor, ticket, what);
    return ticket;
  }

  /**
   * Refuses a known actor reading or following another agent's queue when they would see tickets
   * they may not: customers always, agents who see only their groups' tickets unless it is their
   * own queue. (Listings are kept within {@link #scope} anyway; a live queue is not.)
   */
  public void requireQueueReader(Actor actor, AgentId queue, String what) {
    requireNotCustomer(actor, what);
    if (scope(actor) instanceof TicketScope.Groups g && !g.agent().equals(queue)) {
      throw new AccessDeniedException(actor, what + " of another agent (agents see their groups)");
    }
  }

  /**
   * Whether the actor may see a link of a ticket they may read: the rule of {@link
   * TicketAccess#canSee(Actor, TicketLink)}, and the linked ticket as stored must be one they may
   * see: a link must never lead a reader to a ticket they may not read.
   */
  public boolean canSee(Actor actor, TicketLink link, Optional<Ticket> other) {
    return TicketAccess.canSee(actor, link) && other.filter(o -> canRead(actor, o)).isPresent();
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
