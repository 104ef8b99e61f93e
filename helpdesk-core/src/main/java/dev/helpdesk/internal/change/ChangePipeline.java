package dev.helpdesk.internal.change;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.internal.live.LiveFeed;
import dev.helpdesk.internal.live.RelayLink;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a ticket changes. Every use case goes through it, in this order:
 *
 * <ol>
 *   <li><b>load</b> the tickets (the caller checks access on what it loaded);
 *   <li><b>decide</b>: the use case's operation on fresh {@link TicketEdit}s, pure domain rules;
 *   <li>the {@link Steps}: assignment rules, instant answers, SLA timers, notifications, each
 *       adding to the edit;
 *   <li><b>persist</b> everything of the change in one unit of work: what the caller stores
 *       alongside (a new ticket's customer), the tickets with their messages, events, outbox rows
 *       and metric facts, then the SLA timers, the pending follow-up and the no-reply deadline;
 *   <li><b>publish after commit</b>: the roster's loads, live subscribers in version order per
 *       ticket, then the application's listeners; never for a change that rolled back.
 * </ol>
 *
 * <p>A change that lost an optimistic-locking race, or that the store refused because an agent was
 * full, is decided again on fresh state, up to {@value #ATTEMPTS} times. What one change carries
 * from step to step (its timers, its in-flight registration) lives in local variables of one call:
 * nothing is shared between concurrent changes.
 */
public final class ChangePipeline {

  private static final Logger log = LoggerFactory.getLogger(ChangePipeline.class);

  /** How many times a change that lost a race is decided again before the conflict is reported. */
  public static final int ATTEMPTS = 3;

  /** What a change does once it has committed and returned, besides publishing. */
  public enum Then {
    /** Offer capacity the change freed to the waiting queue (through {@link #afterwards}). */
    SERVE_QUEUE,
    /** Nothing more: the change is the queue being served, or a sweep. */
    NOTHING
  }

  private final Clock clock;
  private final Tickets tickets;
  private final UnitOfWork unitOfWork;
  private final StatusTransitions transitions;
  private final Steps steps;
  private final LiveFeed live;
  private volatile Consumer<List<TicketChange>> afterwards = changes -> {};
  private volatile RelayLink relay;

  /** A pipeline over one desk's ports, steps and live feed. */
  public ChangePipeline(
      Clock clock,
      Tickets tickets,
      UnitOfWork unitOfWork,
      StatusTransitions transitions,
      Steps steps,
      LiveFeed live) {
    this.clock = clock;
    this.tickets = tickets;
    this.unitOfWork = unitOfWork;
    this.transitions = transitions;
    this.steps = steps;
    this.live = live;
  }

  /**
   * Sets what runs after a change made with {@link Then#SERVE_QUEUE} has returned (serving the
   * queue with capacity it freed); set once while the desk is assembled.
   */
  public void afterwards(Consumer<List<TicketChange>> action) {
    this.afterwards = action;
  }

  /**
   * Announces every change to other desk instances through {@code relay}, inside the unit of work
   * that stores it; set once while the desk is assembled.
   */
  public void announceThrough(RelayLink relay) {
    this.relay = relay;
  }

  /** The desk's clock. */
  public Clock clock() {
    return clock;
  }

  /** The desk's status table. */
  public StatusTransitions transitions() {
    return transitions;
  }

  /** The ticket, or {@link NotFoundException}. */
  public Ticket load(TicketId id) {
    Check.present("ticketId", id);
    return tickets.byId(id).orElseThrow(() -> new NotFoundException("ticket", id.toString()));
  }

  /** Changes one ticket the caller has just read; see {@link #changeTogether}. */
  public Ticket change(Actor actor, Ticket read, Consumer<TicketEdit> decide, Then then) {
    return changeTogether(actor, List.of(read), edits -> decide.accept(edits.get(0)), then).get(0);
  }

  /** Loads the ticket and changes it; see {@link #changeTogether}. */
  public Ticket change(Actor actor, TicketId id, Consumer<TicketEdit> decide, Then then) {
    return change(actor, load(id), decide, then);
  }

  /**
   * Decides on fresh edits of the tickets (in the order given; the first attempt uses {@code read},
   * which the caller has checked access on), and commits what changed as one change of several
   * tickets. After a lost race or a full agent the tickets are read again and the decision re-run,
   * so its rules are checked on the new state.
   *
   * @return the tickets after the change, in the order given
   */
  public List<Ticket> changeTogether(
      Actor actor, List<Ticket> read, Consumer<List<TicketEdit>> decide, Then then) {
    return decideAndCommit(actor, read, decide, then).after();
  }

  /**
   * Loads the ticket and changes it, like {@link #change(Actor, TicketId, Consumer, Then)}, and
   * tells whether this call changed it. A job that counts its work counts by this: when several
   * instances run it at once, a ticket another instance changed between the job's query and its
   * change is seen fresh, left alone, and must not be counted twice.
   *
   * @return the change this call committed; empty when its decision, on the state it was last made
   *     on, changed nothing
   */
  public Optional<TicketChange> changeIfNeeded(
      Actor actor, TicketId id, Consumer<TicketEdit> decide, Then then) {
    List<TicketChange> changes =
        decideAndCommit(actor, List.of(load(id)), edits -> decide.accept(edits.get(0)), then)
            .changes();
    return changes.stream().findFirst();
  }

  /**
   * What a decision came to.
   *
   * @param after the tickets after it, in the order given
   * @param changes what it committed; empty when it changed nothing
   */
  private record Outcome(List<Ticket> after, List<TicketChange> changes) {}

  private Outcome decideAndCommit(
      Actor actor, List<Ticket> read, Consumer<List<TicketEdit>> decide, Then then) {
    List<Ticket> current = read;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        current = read.stream().map(t -> load(t.id())).toList();
      }
      Instant now = clock.instant();
      List<TicketEdit> edits =
          current.stream().map(t -> TicketEdit.of(t, actor, now, transitions)).toList();
      decide.accept(edits);
      List<TicketEdit> changed = edits.stream().filter(TicketEdit::changed).toList();
      if (changed.isEmpty()) {
        return new Outcome(current, List.of());
      }
      List<TicketChange> changes;
      try {
        changes = commit(changed, true, () -> {});
      } catch (ConcurrentUpdateException | CapacityExceededException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        continue;
      }
      if (then == Then.SERVE_QUEUE) {
        afterwards.accept(changes);
      }
      List<Ticket> after = new ArrayList<>(current);
      for (TicketChange c : changes) {
        after.replaceAll(t -> t.id().equals(c.after().id()) ? c.after() : t);
      }
      return new Outcome(after, changes);
    }
  }

  /**
   * Runs the steps on decided edits and persists them in one unit of work; publication is
   * registered to follow the commit. The caller retries on a lost race (opening does, to choose
   * another agent when the chosen one filled up).
   *
   * @param acknowledge whether a ticket an edit opens is acknowledged to its customer
   * @param alongside written first in the same unit of work (a new ticket's customer record)
   * @return the changes as stored, in the order of {@code edits}
   * @throws CapacityExceededException if a capacity guard failed; the {@code refused} step was told
   * @throws ConcurrentUpdateException if another writer got there first; nothing was stored
   */
  public List<TicketChange> commit(
      List<TicketEdit> edits, boolean acknowledge, Runnable alongside) {
    List<TicketChange> changes = new ArrayList<>(edits.size());
    List<TicketTimers> timers = new ArrayList<>();
    List<Runnable> followUps = new ArrayList<>();
    for (TicketEdit edit : edits) {
      steps.assignmentRules().accept(edit);
      if (edit.before().isEmpty()) {
        steps.instantAnswers().accept(edit);
      }
      Optional<TicketTimers> planned = steps.slaTimers().plan(edit);
      planned.ifPresent(timers::add);
      steps.notifications().addTo(edit, acknowledge, planned);
      steps.pendingFollowUps().plan(edit).ifPresent(followUps::add);
      steps.noReplyDeadlines().plan(edit).ifPresent(followUps::add);
      changes.add(edit.done());
    }
    // Registered before the write, so that a later version of the same ticket stored by another
    // thread waits for this one before its live updates go out.
    List<Consumer<Boolean>> inFlight = changes.stream().map(live::enter).toList();
    boolean[] handedOver = {false};
    try {
      unitOfWork.run(
          () -> {
            alongside.run();
            if (changes.size() == 1) {
              tickets.save(changes.get(0));
            } else {
              tickets.saveAll(changes);
            }
            steps.storeTimers().accept(timers);
            followUps.forEach(Runnable::run);
            RelayLink announce = relay;
            if (announce != null) {
              // Inside the unit: other instances hear of the change when, and only if, it commits.
              announce.announce(changes);
            }
            handedOver[0] = true;
            unitOfWork.afterCompletion(committed -> completed(changes, inFlight, committed));
            return null;
          });
    } catch (RuntimeException e) {
      if (!handedOver[0]) {
        inFlight.forEach(done -> done.accept(false));
      }
      if (e instanceof CapacityExceededException full) {
        steps.refused().accept(full.guard());
      }
      throw e;
    }
    return List.copyOf(changes);
  }

  /** Publication, once the unit of work has ended; a rolled-back change only leaves the feed. */
  private void completed(
      List<TicketChange> changes, List<Consumer<Boolean>> inFlight, boolean committed) {
    for (int i = 0; i < changes.size(); i++) {
      TicketChange change = changes.get(i);
      if (committed) {
        quietly("roster", change, steps.committed());
      }
      inFlight.get(i).accept(committed);
      if (committed) {
        quietly("listeners", change, steps.published());
      }
    }
  }

  /** A step after commit must not turn a durable change into a reported failure. */
  private static void quietly(String what, TicketChange change, Consumer<TicketChange> step) {
    try {
      step.accept(change);
    } catch (RuntimeException e) {
      log.error("After-commit {} failed on {}; the change stands", what, change.after().key(), e);
    }
  }
}
