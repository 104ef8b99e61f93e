package dev.helpdesk.internal.assignment;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.assignment.NoReplyRule;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.audit.StaffAudit;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.internal.live.RelayLink;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who works a ticket: agents and their availability, assignment by hand and by the policy's
 * strategy, serving the waiting queue, and escalation.
 */
public final class AssignmentService {

  private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

  /** How many due deadlines one claim takes. */
  static final int BATCH = 100;

  /** How long a claimed deadline is left to this instance before another may take it. */
  static final Duration CLAIM = Duration.ofMinutes(1);

  private final ChangePipeline pipeline;
  private final Access access;
  private final Assignment assignment;
  private final Agents agents;
  private final Tickets tickets;
  private final int queueScanLimit;
  private final UnitOfWork unitOfWork;
  private final StaffAudit audit;
  private final NoReplyDeadlines deadlines;
  private final Set<AgentId> loadsMoved = ConcurrentHashMap.newKeySet();
  private final Set<AgentId> agentsSaved = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean catchUpQueued = new AtomicBoolean();
  private volatile RelayLink relay;
  private ExecutorService catchUp;
  private boolean closed;

  /**
   * @param queueScanLimit the most waiting tickets one serving of the queue looks at, read in pages
   *     of the policy's {@code drainBatch}
   * @param unitOfWork keeps an agent's save and its audit record together
   * @param deadlines the no-reply deadlines the {@link #escalateOverdue} job claims
   */
  public AssignmentService(
      ChangePipeline pipeline,
      Access access,
      Assignment assignment,
      Agents agents,
      Tickets tickets,
      int queueScanLimit,
      UnitOfWork unitOfWork,
      StaffAudit audit,
      NoReplyDeadlines deadlines) {
    this.pipeline = pipeline;
    this.access = access;
    this.assignment = assignment;
    this.agents = agents;
    this.tickets = tickets;
    this.queueScanLimit = queueScanLimit;
    this.unitOfWork = unitOfWork;
    this.audit = audit;
    this.deadlines = deadlines;
    pipeline.afterwards(this::serveFreed);
  }

  /**
   * Adds or updates an agent (staff; a supervisor when the desk enforces the role, or an agent
   * could make themselves one); waiting tickets are offered at once.
   */
  public void saveAgent(Actor actor, Agent agent) {
    Check.present("agent", agent);
    access.requireSupervisor(actor, "save an agent");
    unitOfWork.run(
        () -> {
          // The record first: if it cannot be kept, the agent is not saved either.
          audit.record(
              actor,
              StaffAction.AGENT_SAVED,
              agent.id().value(),
              StaffAudit.summary(agents.byId(agent.id())),
              StaffAudit.summary(Optional.of(agent)));
          agents.save(agent);
          return null;
        });
    assignment.agentSaved(agent);
    announce(agent.id());
    serveQueue(false);
  }

  /** Sets an agent's availability; going OFFLINE may return their tickets to the queue. */
  public Agent setAvailability(Actor actor, AgentId agentId, Availability availability) {
    Check.present("availability", availability);
    if (actor instanceof Actor.Agent self && self.id().equals(agentId)) {
      requireStaff(actor, "set an agent's availability");
    } else {
      access.requireSupervisor(actor, "set another agent's availability");
    }
    Agent before = access.agent(agentId);
    Agent agent = before.withAvailability(availability);
    unitOfWork.run(
        () -> {
          // The record first: if it cannot be kept, the availability stays as it was.
          audit.record(
              actor,
              StaffAction.AVAILABILITY_CHANGED,
              agentId.value(),
              Map.of("availability", before.availability().name()),
              Map.of("availability", availability.name()));
          agents.save(agent);
          return null;
        });
    assignment.agentSaved(agent);
    announce(agentId);
    if (availability == Availability.OFFLINE
        && assignment.policy().onOffline() == AssignmentPolicy.OfflineRule.REQUEUE) {
      for (Ticket t : assignment.activeTicketsOf(agentId)) {
        pipeline.change(
            Assignment.SYSTEM,
            t.id(),
            edit -> {
              // Re-checked on fresh state: the ticket may have moved on since it was listed.
              if (edit.current().isAssignedTo(agentId) && assignment.countsAsLoad(edit.current())) {
                edit.unassign();
              }
            },
            Then.NOTHING);
      }
    }
    serveQueue(false);
    return agent;
  }

  // ------------------------------------------------------------------ other instances

  /**
   * Announces agents saved here to other desk instances through {@code relay}; set once while the
   * desk is assembled.
   */
  public void announceThrough(RelayLink relay) {
    this.relay = relay;
  }

  private void announce(AgentId agent) {
    RelayLink r = relay;
    if (r != null) {
      r.agentSaved(agent);
    }
  }

  /**
   * What the roster hears from other instances: their ticket changes (wanted only with automatic
   * assignment, to serve the queue with capacity they freed) and the agents they saved. Each signal
   * is worked through on a thread of this service's, {@code helpdesk-roster}, signals that arrive
   * meanwhile together: the agents are read again, then the queue is served.
   */
  public RelayLink.RosterSignals rosterSignals() {
    return new RelayLink.RosterSignals() {
      @Override
      public boolean wantsTicketChanges() {
        return assignment.automatic();
      }

      @Override
      public void loadsMoved(Set<AgentId> moved) {
        loadsMoved.addAll(moved);
        scheduleCatchUp();
      }

      @Override
      public void agentsSaved(Set<AgentId> saved) {
        agentsSaved.addAll(saved);
        scheduleCatchUp();
      }
    };
  }

  private void scheduleCatchUp() {
    if (!catchUpQueued.compareAndSet(false, true)) {
      return; // a run is queued and will see these agents
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      if (catchUp == null) {
        catchUp =
            Executors.newSingleThreadExecutor(
                task -> {
                  Thread t = new Thread(task, "helpdesk-roster");
                  t.setDaemon(true);
                  return t;
                });
      }
      catchUp.execute(this::catchUp);
    }
  }

  /** Reads the agents other instances touched again, then serves the queue. */
  private void catchUp() {
    catchUpQueued.set(false);
    try {
      for (AgentId a : drain(agentsSaved)) {
        assignment.reload(a, true);
      }
      for (AgentId a : drain(loadsMoved)) {
        assignment.reload(a, false);
      }
      serveQueue(false);
    } catch (RuntimeException e) {
      log.warn(
          "Serving the queue after other instances' changes failed; the scheduled job will", e);
    }
  }

  private static List<AgentId> drain(Set<AgentId> agents) {
    List<AgentId> drained = new ArrayList<>();
    for (AgentId a : List.copyOf(agents)) {
      if (agents.remove(a)) {
        drained.add(a);
      }
    }
    return drained;
  }

  /** Stops the roster's thread, if it was started. */
  public void close() {
    ExecutorService running;
    synchronized (this) {
      closed = true;
      running = catchUp;
      catchUp = null;
    }
    if (running != null) {
      running.shutdown();
    }
  }

  private void requireStaff(Actor actor, String what) {
    access.requireKnown(actor);
    Access.requireNotCustomer(actor, what);
  }

  /** Assigns by hand; a full agent is refused unless {@code overCapacity}. */
  public Ticket assign(Actor actor, TicketId ticketId, AgentId agent, boolean overCapacity) {
    Check.present("agentId", agent);
    // Who may comes first: a customer must not learn from the answer which agent ids exist.
    Ticket ticket = access.load(actor, ticketId);
    TicketAccess.requireStaff(actor, ticket, "assign");
    if (overCapacity) {
      // Asked for, not only needed: the answer does not depend on the agent's load at the time.
      access.requireSupervisor(actor, "assign ticket " + ticket.key() + " over capacity");
    }
    access.agent(agent);
    return pipeline.change(
        actor,
        ticket,
        edit -> {
          boolean already = edit.current().isAssignedTo(agent);
          edit.assign(agent);
          if (!overCapacity && !already) {
            assignment.guard(edit, agent);
          }
        },
        Then.SERVE_QUEUE);
  }

  /** Escalates to the supervisor group. */
  public Ticket escalate(Actor actor, TicketId ticketId, String reason) {
    Check.line("reason", reason, 500);
    Ticket named = access.load(actor, ticketId);
    return pipeline.change(
        actor,
        named,
        edit -> {
          TicketAccess.requireStaff(actor, edit.current(), "escalate");
          access.requireSupervisor(actor, "escalate ticket " + edit.current().key());
          assignment.escalate(edit, reason, actor);
        },
        Then.SERVE_QUEUE);
  }

  /** Serves the queue after a scheduled call: loads of full agents are read again first. */
  public int assignQueued() {
    return serveQueue(true);
  }

  /** Offers capacity that committed changes freed to the queue. */
  private void serveFreed(List<TicketChange> changes) {
    if (changes.stream().anyMatch(c -> !assignment.freedBy(c).isEmpty())) {
      serveQueue(false);
    }
  }

  /**
   * Assigns waiting tickets in queue order. The queue is read a page of the policy's {@code
   * drainBatch} at a time, further while tickets nobody can take fill the page, up to {@code
   * queueScanLimit}: tickets at the head that no agent may serve never hide the ones behind them.
   */
  private int serveQueue(boolean reloadFull) {
    if (!assignment.automatic()) {
      return 0;
    }
    assignment.recheckFull(reloadFull);
    int assigned = 0;
    Set<TicketId> looked = new HashSet<>();
    int limit = Math.min(assignment.policy().drainBatch(), queueScanLimit);
    while (true) {
      List<Ticket> page = assignment.waiting(limit);
      boolean fresh = false;
      for (Ticket waiting : page) {
        if (!looked.add(waiting.id())) {
          continue;
        }
        fresh = true;
        if (!assignment.anyoneAvailable()) {
          return assigned;
        }
        if (assignment.choose(waiting).isEmpty()) {
          continue; // nobody for this one (group, channel, skills): no need to read it again
        }
        try {
          // Counted only when this call assigned it: another instance may have done so first.
          if (pipeline
              .changeIfNeeded(
                  Assignment.SYSTEM, waiting.id(), assignment::assignWaiting, Then.NOTHING)
              .filter(change -> change.after().assignee().isPresent())
              .isPresent()) {
            assigned++;
          }
        } catch (CapacityExceededException | ConcurrentUpdateException e) {
          log.debug("Queued ticket {} stays queued for now: {}", waiting.key(), e.getMessage());
        }
      }
      if (page.size() < limit || !fresh || limit >= queueScanLimit) {
        return assigned;
      }
      limit = (int) Math.min((long) limit * 2, queueScanLimit);
    }
  }

  /**
   * Acts on every no-reply deadline due now: reassigns the ticket to another eligible agent (by the
   * strategy, never one the chain already tried) while the rule allows more reassignments and
   * someone can take it, else escalates it to the supervisor group. Only the due deadlines are read
   * (claimed, so instances sharing a store share them); each is decided again on fresh state inside
   * its change, and its history is read to make sure no agent replied meanwhile. A ticket whose
   * change fails is logged and tried again once its claim lapses.
   *
   * @return how many tickets it reassigned or escalated
   */
  public int escalateOverdue() {
    Instant now = pipeline.clock().instant();
    int acted = 0;
    while (true) {
      List<TicketId> due = deadlines.claimDue(now, BATCH, now.plus(CLAIM));
      for (TicketId id : due) {
        try {
          if (actOnDeadline(id)) {
            acted++;
          }
        } catch (RuntimeException e) {
          log.warn("No-reply rule on ticket {} failed; retried when its claim lapses", id, e);
        }
      }
      if (due.size() < BATCH) {
        return acted;
      }
    }
  }

  /** What a decision that changed nothing found, for the deadline's sake. */
  private static final class Verdict {
    /** Drop the deadline, if it is of this ticket version or older: the rule has nothing to do. */
    Optional<Long> dropUpTo = Optional.empty();
  }

  /** Whether this call reassigned or escalated the ticket. */
  private boolean actOnDeadline(TicketId id) {
    Verdict verdict = new Verdict();
    Optional<TicketChange> change;
    try {
      // Counted only when this call changed it: another instance may have done so first.
      change =
          pipeline.changeIfNeeded(
              Assignment.NO_REPLY, id, edit -> decideNoReply(edit, verdict), Then.SERVE_QUEUE);
    } catch (NotFoundException gone) {
      deadlines.remove(id, Long.MAX_VALUE);
      return false;
    }
    if (change.isPresent()) {
      return true;
    }
    verdict.dropUpTo.ifPresent(version -> deadlines.remove(id, version));
    return false;
  }

  private void decideNoReply(TicketEdit edit, Verdict verdict) {
    verdict.dropUpTo = Optional.empty();
    Ticket ticket = edit.current();
    Optional<NoReplyDeadline> read = deadlines.byTicket(ticket.id());
    if (read.isEmpty()) {
      return; // another instance acted, or an agent replied
    }
    NoReplyDeadline deadline = read.get();
    Optional<NoReplyRule> rule = assignment.policy().noReply();
    if (rule.isEmpty()
        || ticket.assignee().isEmpty()
        || !NoReplyPlanner.WAITING.contains(ticket.status())) {
      // The rule was switched off, or the deadline is left over by a store without transactions.
      verdict.dropUpTo = Optional.of(ticket.version());
      return;
    }
    if (deadline.dueAt().isAfter(edit.at())) {
      return; // set again since the claim
    }
    if (Assignment.repliedSinceAssigned(ticket, tickets.history(ticket.id()))) {
      // An agent replied in a change whose deadline write has not landed yet (a store without
      // transactions): never act after a reply.
      verdict.dropUpTo = Optional.of(ticket.version());
      return;
    }
    Optional<GroupId> escalateTo = assignment.escalationGroupOf(ticket);
    if (escalateTo.isPresent() && ticket.group().equals(escalateTo)) {
      // Already with the supervisors (an escalated ticket the queue gave to one of them later):
      // the rule escalates once and does not chase the supervisors themselves.
      verdict.dropUpTo = Optional.of(ticket.version());
      return;
    }
    if (deadline.attempts() < rule.get().reassignments()) {
      Set<AgentId> tried = new HashSet<>(deadline.agentsTried());
      ticket.assignee().ifPresent(tried::add);
      Optional<AgentId> next = assignment.choose(ticket, tried);
      if (next.isPresent()) {
        edit.assign(next.get(), Assignment.NO_REPLY, Optional.of(NoReplyRule.REASON));
        assignment.guard(edit, next.get());
        return;
      }
      // Nobody else can take it now: the supervisors hear of it rather than the ticket waiting on.
    }
    if (escalateTo.isEmpty()) {
      log.warn(
          "Ticket {} got no agent reply in time, but neither its agent nor the policy names an"
              + " escalation group; the no-reply rule leaves it",
          ticket.key());
      verdict.dropUpTo = Optional.of(ticket.version());
      return;
    }
    assignment.escalate(edit, assignment.overdueReason(deadline.attempts()), Assignment.NO_REPLY);
  }
}
