package dev.helpdesk.internal.assignment;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentFilter;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Candidate;
import dev.helpdesk.assignment.Candidates;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link AssignmentPolicy} to ticket edits: chooses agents through the strategy among
 * the candidates the filters let through, and attaches to each assignment the {@link
 * CapacityGuard}s the ticket store checks inside its atomic write. The facade drives it;
 * applications configure it through {@code HelpDesk.builder().assignment(policy)} and never call it
 * directly.
 *
 * <p>Thread-safe. Its roster of loads is a cache that guides decisions; the guarantee that no agent
 * goes over capacity and no ticket is assigned twice comes from the store (guards and optimistic
 * locking), so it holds across several desks sharing one database too.
 */
public final class Assignment {

  /** The actor recorded for automatic assignments. */
  public static final Actor SYSTEM = Actor.system("assignment");

  /** The actor recorded for what the no-reply rule does: its reassignments and escalations. */
  public static final Actor NO_REPLY = Actor.system("no-reply");

  private static final Logger log = LoggerFactory.getLogger(Assignment.class);

  /** How many of a customer's latest tickets are searched for their previous agent. */
  private static final int AFFINITY_LOOKBACK = 10;

  private final AssignmentPolicy policy;
  private final Tickets tickets;
  private final Agents agents;
  private final Clock clock;
  private final Set<Status> counted;
  private final Roster roster = new Roster();

  /**
   * Loads every known agent and their current load from the stores.
   *
   * @param policy the policy in force
   * @param tickets the ticket store (loads are counted from it)
   * @param agents the agents
   * @param clock the desk's clock
   */
  public Assignment(AssignmentPolicy policy, Tickets tickets, Agents agents, Clock clock) {
    this.policy = Check.present("policy", policy);
    this.tickets = Check.present("tickets", tickets);
    this.agents = Check.present("agents", agents);
    this.clock = Check.present("clock", clock);
    this.counted = policy.countedStatuses();
    for (Agent agent : agents.all()) {
      roster.put(agent, loadInStore(agent.id()));
    }
  }

  /** The policy in force. */
  public AssignmentPolicy policy() {
    return policy;
  }

  /** Whether tickets are assigned automatically. */
  public boolean automatic() {
    return policy.automatic();
  }

  /** Whether the ticket counts towards its assignee's active load. */
  public boolean countsAsLoad(Ticket ticket) {
    return ticket.assignee().isPresent() && counted.contains(ticket.status());
  }

  // ------------------------------------------------------------------ decisions

  /**
   * The strategy's choice for {@code ticket} among the eligible agents, none when nobody is
   * eligible or the strategy passes. A choice outside the candidates is ignored, so a custom
   * strategy cannot break the filters.
   */
  public Optional<AgentId> choose(Ticket ticket) {
    return choose(ticket, Set.of());
  }

  /**
   * As {@link #choose(Ticket)}, passing over {@code excluded} (the agents a no-reply chain already
   * tried).
   */
  public Optional<AgentId> choose(Ticket ticket, Set<AgentId> excluded) {
    Candidates candidates = candidates(ticket, excluded);
    Optional<AgentId> chosen;
    try {
      chosen = Objects.requireNonNull(policy.strategy().choose(ticket, candidates), "choice");
    } catch (RuntimeException e) {
      // A failing policy must not stop tickets coming in: the ticket waits in the queue instead.
      log.warn("Assignment strategy failed on {}; the ticket waits in the queue", ticket.key(), e);
      return Optional.empty();
    }
    if (chosen.isPresent() && !candidates.contains(chosen.get())) {
      log.warn(
          "Strategy chose {} for {}, who is not eligible; ignored", chosen.get(), ticket.key());
      return Optional.empty();
    }
    return chosen;
  }

  /** The eligible agents for {@code ticket}: available, in its group, with room on its channel. */
  Candidates candidates(Ticket ticket, Set<AgentId> excluded) {
    Channel channel = ticket.channel();
    Predicate<Candidate> eligible =
        c -> !excluded.contains(c.id()) && hasRoomOn(c.id(), channel) && passesFilters(ticket, c);
    return new Candidates(
        roster.source(ticket.group(), channel), eligible, () -> previousAgentOf(ticket));
  }

  private boolean hasRoomOn(AgentId id, Channel channel) {
    return roster.slot(id).map(s -> s.hasRoomOn(channel)).orElse(false);
  }

  private boolean passesFilters(Ticket ticket, Candidate c) {
    for (AssignmentFilter f : policy.filters()) {
      if (!f.allows(ticket, c)) {
        return false;
      }
    }
    return true;
  }

  private Optional<AgentId> previousAgentOf(Ticket ticket) {
    for (Ticket t : tickets.byRequester(ticket.requester().id(), AFFINITY_LOOKBACK)) {
      if (!t.id().equals(ticket.id()) && t.assignee().isPresent()) {
        return t.assignee();
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ applying to edits

  /**
   * On opening: assigns the new ticket by the strategy, with its capacity guards, when the policy
   * is automatic and someone is eligible; otherwise leaves it to wait in the queue.
   */
  public void assignNew(TicketEdit edit) {
    assignNew(edit, Set.of());
  }

  /**
   * As {@link #assignNew(TicketEdit)}, passing over {@code excluded}: the agents the store already
   * found full for this ticket.
   */
  public void assignNew(TicketEdit edit, Set<AgentId> excluded) {
    Check.present("excluded", excluded);
    if (policy.automatic()) {
      assignByStrategy(edit, excluded);
    }
  }

  /**
   * For a ticket waiting in the queue: assigns it by the strategy if it still waits (unassigned,
   * active) and someone is eligible. Run inside the facade's change loop, so it decides on fresh
   * state: a ticket another thread assigned meanwhile is left alone.
   *
   * @return whether it assigned the ticket
   */
  public boolean assignWaiting(TicketEdit edit) {
    Ticket now = edit.current();
    if (!policy.automatic() || now.assignee().isPresent() || !counted.contains(now.status())) {
      return false;
    }
    return assignByStrategy(edit, Set.of());
  }

  private boolean assignByStrategy(TicketEdit edit, Set<AgentId> excluded) {
    Optional<AgentId> chosen = choose(edit.current(), excluded);
    chosen.ifPresent(
        agent -> {
          edit.assign(agent, SYSTEM);
          guard(edit, agent);
        });
    return chosen.isPresent();
  }

  /**
   * Attaches the guards that keep {@code agent} within capacity (over all channels and on the
   * ticket's channel) to the edit, for the store to check in its atomic write.
   */
  public void guard(TicketEdit edit, AgentId agent) {
    Ticket ticket = edit.current();
    Capacity capacity =
        roster
            .slot(agent)
            .map(s -> s.agent().capacity())
            .or(() -> agents.byId(agent).map(Agent::capacity))
            .orElse(Capacity.NONE);
    if (capacity.total() != Capacity.UNLIMITED) {
      edit.guard(new CapacityGuard(agent, Optional.empty(), counted, capacity.total()));
    }
    capacity
        .limitOf(ticket.channel().name())
        .ifPresent(
            limit ->
                edit.guard(
                    new CapacityGuard(agent, Optional.of(ticket.channel()), counted, limit)));
  }

  /**
   * Runs before every change is stored: a ticket that becomes active again for its agent (a
   * customer's reply reopened it, or it left a status that does not count) goes back to that agent
   * only if they are eligible now, under a capacity guard; otherwise to another agent by the
   * strategy, or to the queue. Assignments made by hand in the same edit are left to their caller.
   * A ticket reopened with nobody assigned (its customer had solved it by accepting a suggested
   * answer) goes to an agent by the strategy, or to the queue.
   */
  public void beforeSave(TicketEdit edit) {
    if (!policy.automatic() || edit.before().isEmpty()) {
      return;
    }
    Ticket before = edit.before().get();
    Ticket now = edit.current();
    if (now.assignee().isEmpty()
        && before.status() == Status.SOLVED
        && counted.contains(now.status())) {
      assignByStrategy(edit, Set.of());
      return;
    }
    if (now.assignee().isEmpty() || !counted.contains(now.status())) {
      return;
    }
    AgentId agent = now.assignee().get();
    boolean wasActive = before.isAssignedTo(agent) && counted.contains(before.status());
    boolean assignedHere =
        edit.events().stream()
            .anyMatch(e -> e instanceof TicketEvent.Assigned a && a.to().equals(now.assignee()));
    if (wasActive || assignedHere) {
      return;
    }
    if (candidates(now, Set.of()).contains(agent)) {
      guard(edit, agent);
      return;
    }
    if (!assignByStrategy(edit, Set.of(agent))) {
      edit.unassign();
    }
  }

  /** Runs after every change is stored: keeps the roster's loads and round-robin order current. */
  public void stored(TicketChange change) {
    Ticket after = change.after();
    Optional<AgentId> was = change.before().filter(this::countsAsLoad).flatMap(Ticket::assignee);
    Optional<AgentId> is = Optional.of(after).filter(this::countsAsLoad).flatMap(Ticket::assignee);
    Map<AgentId, Integer> deltas = new HashMap<>(4);
    if (!was.equals(is)) {
      was.ifPresent(a -> deltas.merge(a, -1, Integer::sum));
      is.ifPresent(a -> deltas.merge(a, +1, Integer::sum));
    }
    Map<AgentId, Instant> assignedAt = new HashMap<>(4);
    for (TicketEvent e : change.events()) {
      if (e instanceof TicketEvent.Assigned a && a.to().isPresent()) {
        assignedAt.put(a.to().get(), a.at());
      }
    }
    Set<AgentId> touched = new HashSet<>(deltas.keySet());
    touched.addAll(assignedAt.keySet());
    for (AgentId agent : touched) {
      Optional<Instant> at = Optional.ofNullable(assignedAt.get(agent));
      if (roster.knows(agent)) {
        roster.record(agent, after.channel(), deltas.getOrDefault(agent, 0), at);
      } else if (known(agent).isPresent()) {
        // Loaded from the store, which already holds this change: only the assignment order.
        roster.record(agent, after.channel(), 0, at);
      }
    }
  }

  /**
   * The agents whose active load this change lowered and whose capacity is limited: their freed
   * capacity can serve the queue. An agent without a limit was never the reason a ticket waits, so
   * their lower load is no cause to read the queue.
   */
  public Set<AgentId> freedBy(TicketChange change) {
    Set<AgentId> freed = new HashSet<>();
    change
        .before()
        .filter(this::countsAsLoad)
        .flatMap(Ticket::assignee)
        .filter(a -> !(countsAsLoad(change.after()) && change.after().isAssignedTo(a)))
        .filter(a -> agent(a).map(agent -> !agent.capacity().isUnlimited()).orElse(true))
        .ifPresent(freed::add);
    return freed;
  }

  /**
   * The store refused a change by this guard: the agent is offered nothing more (on that channel,
   * for a channel guard) until the roster sees their load drop. The roster had not yet heard of the
   * tickets that filled them, or another instance assigned them.
   */
  public void refused(CapacityGuard guard) {
    Check.present("guard", guard);
    roster.full(guard.agent(), guard.channel());
  }

  /** An agent was saved (joined, changed availability, capacity or groups). */
  public void agentSaved(Agent agent) {
    Check.present("agent", agent);
    if (roster.knows(agent.id())) {
      roster.agentChanged(agent);
    } else {
      roster.put(agent, loadInStore(agent.id()));
    }
  }

  /**
   * Reads the agent and their load from the stores again: another instance saved the agent or
   * changed their tickets. An agent the agent store no longer has is left as the roster knows them.
   *
   * @param reloadAgent also read the agent's details (availability, capacity, groups)
   */
  public void reload(AgentId id, boolean reloadAgent) {
    Check.present("agentId", id);
    Optional<Agent> agent =
        reloadAgent
            ? agents.byId(id)
            : roster.slot(id).map(Roster.Slot::agent).or(() -> agents.byId(id));
    agent.ifPresent(a -> roster.put(a, loadInStore(id)));
  }

  /**
   * Looks again, in the store, at the agents the store refused as full: those with room again are
   * offered tickets again. Run before serving the queue, so capacity freed by a change this desk
   * did not see (another instance sharing the database) is used.
   *
   * @param reloadFull also reload, from the store, the load of every agent the roster holds full:
   *     their load may have dropped in another instance. It costs a read of each such agent's
   *     tickets, so the desk does it when asked to serve the queue, not after every change
   */
  public void recheckFull(boolean reloadFull) {
    for (Roster.Slot s : roster.slots()) {
      AgentId id = s.agent().id();
      boolean refused = s.full() || !s.fullChannels().isEmpty();
      boolean looksFull = s.candidate().load() >= s.candidate().capacity();
      if (reloadFull && (refused || looksFull)) {
        roster.put(s.agent(), loadInStore(id));
      } else if (refused) {
        roster.recheck(id, loadInStore(id));
      }
    }
  }

  /** Whether any agent could take a ticket now. */
  public boolean anyoneAvailable() {
    return roster.anyoneAvailable();
  }

  /** Up to {@code limit} waiting tickets, in the policy's queue order. */
  public List<Ticket> waiting(int limit) {
    List<Ticket> queue = new ArrayList<>(tickets.unassigned(limit));
    queue.removeIf(t -> !counted.contains(t.status()));
    queue.sort(policy.queueOrder());
    return queue;
  }

  /** The agent's active tickets, as the store holds them. */
  public List<Ticket> activeTicketsOf(AgentId agent) {
    return tickets.byAssignee(agent, Integer.MAX_VALUE).stream()
        .filter(t -> counted.contains(t.status()))
        .toList();
  }

  /** Every agent the roster knows. */
  public List<AgentId> knownAgents() {
    return roster.slots().stream()
        .map(s -> s.agent().id())
        .sorted(java.util.Comparator.comparing(AgentId::value))
        .toList();
  }

  // ------------------------------------------------------------------ escalation

  /**
   * Escalates the ticket to the supervisor group (its agent's escalation group, else the policy's):
   * records {@link TicketEvent.Escalated}, routes the ticket to that group and assigns it there by
   * the strategy, or leaves it waiting in that group's queue when no supervisor is free.
   *
   * @throws ValidationException if no escalation group is known for the ticket
   */
  public void escalate(TicketEdit edit, String reason, Actor by) {
    Check.line("reason", reason, 500);
    Ticket now = edit.current();
    Optional<AgentId> from = now.assignee();
    GroupId group =
        escalationGroupOf(now)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "escalationGroup",
                        "is set neither for the ticket's agent nor in the assignment policy"));
    edit.escalated(group, reason, by);
    edit.changeGroup(Optional.of(group));
    Set<AgentId> excluded = from.map(Set::of).orElse(Set.of());
    Optional<AgentId> supervisor = choose(edit.current(), excluded);
    if (supervisor.isPresent()) {
      edit.assign(supervisor.get(), by);
      guard(edit, supervisor.get());
    } else if (edit.current().status() != Status.SOLVED) {
      edit.unassign();
    }
  }

  /**
   * The supervisor group {@link #escalate} would send the ticket to: its agent's escalation group,
   * else the policy's; empty when neither is set.
   */
  public Optional<GroupId> escalationGroupOf(Ticket ticket) {
    return ticket
        .assignee()
        .flatMap(this::agent)
        .flatMap(Agent::escalationGroup)
        .or(policy::escalationGroup);
  }

  /**
   * Whether an agent replied publicly to the ticket since it was last assigned to its current
   * agent: the no-reply rule checks it again, on the history, before it acts on a due deadline.
   */
  public static boolean repliedSinceAssigned(Ticket ticket, List<TicketEvent> history) {
    Instant assignedAt = null;
    for (TicketEvent e : history) {
      if (e instanceof TicketEvent.Assigned a
          && a.to().isPresent()
          && a.to().equals(ticket.assignee())) {
        assignedAt = a.at();
      }
    }
    for (TicketEvent e : history) {
      if (e instanceof TicketEvent.MessageAdded m
          && m.actor() instanceof Actor.Agent
          && m.visibility() == Visibility.PUBLIC
          && (assignedAt == null || !m.at().isBefore(assignedAt))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reason the no-reply rule records when it escalates a ticket it had reassigned {@code
   * reassigned} times.
   */
  public String overdueReason(int reassigned) {
    return "no agent reply within "
        + policy.noReply().map(r -> r.within().toString()).orElse("the rule's time")
        + " of business time"
        + (reassigned > 0 ? " after " + reassigned + " reassignment(s)" : "");
  }

  // ------------------------------------------------------------------ internals

  /**
   * The agent as the roster knows them (kept current by this desk's saves and, across instances, by
   * the change relay), read from the agent store only when the roster does not know them. Agents
   * are never removed, so a known agent is a registered one.
   */
  public Optional<Agent> agent(AgentId id) {
    return roster.slot(id).map(Roster.Slot::agent).or(() -> agents.byId(id));
  }

  /** The agent if the roster knows them, loading them first if only the agent store does. */
  private Optional<AgentId> known(AgentId id) {
    if (!roster.knows(id)) {
      agents.byId(id).ifPresent(a -> roster.put(a, loadInStore(id)));
    }
    return roster.knows(id) ? Optional.of(id) : Optional.empty();
  }

  private Map<Channel, Integer> loadInStore(AgentId id) {
    Map<Channel, Integer> loads = new EnumMap<>(Channel.class);
    for (Ticket t : activeTicketsOf(id)) {
      loads.merge(t.channel(), 1, Integer::sum);
    }
    return loads;
  }
}
