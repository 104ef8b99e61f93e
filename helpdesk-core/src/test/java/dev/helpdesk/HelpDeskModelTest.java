package dev.helpdesk;

import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.agent.Role;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * A model-based property test of the {@link HelpDesk} facade. QuickTheories generates sequences of
 * operations by random actors; each is run against a fresh in-memory desk and against a small
 * reference model written here from the documented rules (not from {@code TicketEdit}). The desk
 * and the model must agree on whether each operation is accepted or refused (and with which
 * exception), and a set of invariants must hold after every step.
 *
 * <p>It runs twice: on a desk that enforces no role, and on one built with every role setting on
 * ({@link HelpDeskBuilder#enforceSupervisorRole}, {@link HelpDeskBuilder#agentsSeeOwnGroups},
 * {@link HelpDeskBuilder#customersSeeOrganisation}). The actors are the customers c-1 and c-3 of
 * organisation org-1 and c-2 of none, the agents a-1 (group g-1) and a-2 (group g-2), the
 * supervisor s-1 (in no group), a system and an unregistered agent; with roles, the model decides
 * from the role rules as documented (docs/roles.md) whether each of them may read, work, list,
 * find, assign over capacity, escalate and merge, and every actor's reads are checked after every
 * step: random operations by random actors never exceed their role.
 *
 * <p>Reading a falsifying sequence: {@code tN} names the {@code (N mod count)}-th most recently
 * opened ticket ({@code t0} is the newest; follow-ups count as opened), {@code unknown-ticket} an
 * id the desk never issued. The failure message carries the trace of the run with the resolved
 * ticket keys and each step's outcome.
 */
class HelpDeskModelTest {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration CLOSE_SOLVED_AFTER = Duration.ofDays(4);
  private static final TicketId UNKNOWN_TICKET = new TicketId(new UUID(0L, 42L));
  private static final List<String> CUSTOMERS = List.of("c-1", "c-2", "c-3");
  private static final List<String> AGENTS = List.of("a-1", "a-2", "s-1");

  /** The organisation of each customer in one. */
  private static final Map<String, String> ORGANISATIONS = Map.of("c-1", "org-1", "c-3", "org-1");

  /** The groups of each agent; s-1 is the supervisor. */
  private static final Map<String, Set<GroupId>> GROUPS =
      Map.of("a-1", Set.of(GroupId.of("g-1")), "a-2", Set.of(GroupId.of("g-2")), "s-1", Set.of());

  private static final String SUPERVISOR = "s-1";

  /** Where escalated tickets go: a group no agent is in, so they wait unassigned. */
  private static final GroupId ESCALATED = GroupId.of("g-sup");

  private static final Actor INSPECTOR = Actor.system("model-check");

  @Test
  void theDeskBehavesLikeTheModel() {
    check(false);
  }

  @Test
  void withRolesNoActorExceedsTheirRole() {
    check(true);
  }

  private static void check(boolean roles) {
    // QuickTheories shrinks by simplifying steps, not by removing them from the middle, so the
    // shortest failing sequence it saw is also cut down here, once, by removing steps.
    List<List<Op>> shortestFailing = new ArrayList<>();
    try {
      qt().withExamples(300)
          .withShrinkCycles(200)
          .forAll(sequences())
          .describedAs(HelpDeskModelTest::describe)
          .checkAssert(
              ops -> {
                try {
                  run(ops, roles);
                } catch (AssertionError | RuntimeException e) {
                  if (shortestFailing.isEmpty() || ops.size() < shortestFailing.get(0).size()) {
                    shortestFailing.clear();
                    shortestFailing.add(ops);
                  }
                  throw e;
                }
              });
    } catch (AssertionError e) {
      if (shortestFailing.isEmpty()) {
        throw e;
      }
      List<Op> minimal = removeSteps(shortestFailing.get(0), roles);
      Throwable why = failureOf(minimal, roles);
      throw new AssertionError(
          "The desk and the model disagree"
              + (roles ? " (with roles)" : "")
              + ". A minimal failing sequence:"
              + describe(minimal)
              + "\n"
              + (why == null ? "(it passed when run again)" : why.getMessage())
              + "\n\nAs QuickTheories reported it:\n"
              + e.getMessage(),
          e);
    }
  }

  private static String describe(List<Op> ops) {
    return ops.stream().map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", "\n"));
  }

  // ================================================================ running one sequence

  /** Removes steps from a failing sequence, in ever smaller runs, for as long as it still fails. */
  private static List<Op> removeSteps(List<Op> failing, boolean roles) {
    List<Op> current = failing;
    for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
      boolean progress = true;
      while (progress) {
        progress = false;
        int start = 0;
        while (start + chunk <= current.size() && current.size() > chunk) {
          List<Op> candidate = new ArrayList<>(current);
          candidate.subList(start, start + chunk).clear();
          if (failureOf(candidate, roles) != null) {
            current = candidate;
            progress = true;
          } else {
            start += chunk;
          }
        }
      }
    }
    return current;
  }

  /** How the sequence fails, or null if it passes. */
  private static Throwable failureOf(List<Op> ops, boolean roles) {
    try {
      run(ops, roles);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  private static void run(List<Op> ops, boolean roles) {
    World w = new World(roles);
    for (Op op : ops) {
      w.step++;
      TicketId id = op.target() == null ? null : w.resolve(op.target());
      Who who = op.by() == Who.OWNER ? w.ownerOf(id) : op.by();
      w.trace
          .append(String.format("%3d. ", w.step))
          .append(op)
          .append(id == null ? "" : " [" + w.name(id) + (who != op.by() ? " by " + who : "") + "]");
      Map<TicketId, Snapshot> before = w.lastSnapshot;

      w.deskResult = null;
      w.deskError = null;
      try {
        w.deskResult = op.onDesk(w, id, who);
      } catch (HelpDeskException e) {
        w.deskError = e;
      } catch (RuntimeException e) {
        w.fail("the desk threw " + e + ", which is not a HelpDeskException", e);
      }

      Class<? extends HelpDeskException> refusal = null;
      try {
        op.onModel(w, id, who);
      } catch (Refused r) {
        refusal = r.type;
      }
      if (refusal == null) {
        if (w.deskError != null) {
          w.fail("the model accepts, but the desk refused with " + w.deskError);
        }
        w.trace.append(" -> ok").append(w.outcome).append('\n');
      } else {
        if (w.deskError == null) {
          w.fail("the model refuses with " + refusal.getSimpleName() + ", but the desk accepted");
        }
        if (w.deskError.getClass() != refusal) {
          w.fail(
              "the model refuses with "
                  + refusal.getSimpleName()
                  + ", but the desk refused with "
                  + w.deskError);
        }
        w.trace
            .append(" -> refused: ")
            .append(refusal.getSimpleName())
            .append(" (")
            .append(w.deskError.getMessage())
            .append(")\n");
      }
      w.outcome = "";
      try {
        w.checkInvariants(before, refusal != null || op.isRead());
      } catch (RuntimeException e) {
        w.fail("reading the desk to check the invariants threw " + e, e);
      }
    }
  }

  /** The desk under test, the model, and what is needed to compare them and to explain failures. */
  static final class World {
    final SettableClock clock = SettableClock.at(START);
    final HelpDesk desk;
    final Model model;
    final StringBuilder trace = new StringBuilder();
    final Map<TicketId, Frozen> closed = new HashMap<>();

    /** The desk's state as the last invariant check saw it. */
    Map<TicketId, Snapshot> lastSnapshot = Map.of();

    int step;
    Object deskResult;
    HelpDeskException deskError;
    String outcome = "";

    World(boolean roles) {
      model = new Model(roles);
      desk =
          HelpDesk.builder()
              .clock(clock)
              .notifier(n -> {})
              .assignment(
                  AssignmentPolicy.builder().automatic(false).escalationGroup(ESCALATED).build())
              .enforceSupervisorRole(roles)
              .agentsSeeOwnGroups(roles)
              .customersSeeOrganisation(roles)
              .build();
      Actor admin = Actor.system("admin");
      // The same people on both desks: without roles, groups, roles and organisations must
      // change nothing.
      for (String a : AGENTS) {
        desk.saveAgent(
            admin,
            Agent.of(a, "Agent " + a, a + "@desk.example")
                .withGroups(GROUPS.get(a))
                .withRole(a.equals(SUPERVISOR) ? Role.SUPERVISOR : Role.AGENT));
      }
      for (String c : CUSTOMERS) {
        desk.saveCustomer(
            admin,
            new Customer(
                CustomerId.of(c),
                "Customer " + c,
                EmailAddress.of(c + "@example.com"),
                Optional.ofNullable(ORGANISATIONS.get(c)).map(OrganisationId::of)));
      }
    }

    TicketId resolve(Target target) {
      List<TicketId> opened = model.opened;
      if (target.index() < 0 || opened.isEmpty()) {
        return UNKNOWN_TICKET;
      }
      return opened.get(opened.size() - 1 - target.index() % opened.size());
    }

    /** The customer who asked for the ticket, or c-1 when there is no such ticket. */
    Who ownerOf(TicketId id) {
      MTicket t = model.tickets.get(id);
      if (t == null || t.requester.equals("c-1")) {
        return Who.C1;
      }
      return t.requester.equals("c-2") ? Who.C2 : Who.C3;
    }

    String name(TicketId id) {
      MTicket t = model.tickets.get(id);
      return t == null ? "no such ticket" : t.key.value();
    }

    /** The desk's result of the current step, which the model expects to have succeeded. */
    <T> T deskResult(Class<T> type) {
      if (deskError != null) {
        fail("the model accepts, but the desk refused with " + deskError);
      }
      if (!type.isInstance(deskResult)) {
        fail("the desk returned " + deskResult + ", expected a " + type.getSimpleName());
      }
      return type.cast(deskResult);
    }

    void note(String text) {
      outcome += ", " + text;
    }

    void expect(String what, Object expected, Object actual) {
      if (!Objects.equals(expected, actual)) {
        fail(what + ": expected " + expected + " but was " + actual);
      }
    }

    void check(boolean condition, String what) {
      if (!condition) {
        fail(what);
      }
    }

    void fail(String problem) {
      fail(problem, null);
    }

    void fail(String problem, Throwable cause) {
      throw new AssertionError(
          "Step " + step + ": " + problem + "\nTrace (the failing step last):\n" + trace, cause);
    }

    // ---------------------------------------------------------------- reading the desk

    /** Every ticket on the desk, as staff see it. */
    Map<TicketId, TicketDetails> everything() {
      Map<TicketId, TicketDetails> all = new LinkedHashMap<>();
      for (String c : CUSTOMERS) {
        for (Ticket t : desk.ticketsOf(INSPECTOR, CustomerId.of(c))) {
          all.put(t.id(), desk.ticket(INSPECTOR, t.id()));
        }
      }
      return all;
    }

    static Map<TicketId, Snapshot> snapshot(Map<TicketId, TicketDetails> all) {
      Map<TicketId, Snapshot> snap = new HashMap<>();
      all.forEach(
          (id, d) ->
              snap.put(id, new Snapshot(d.ticket(), d.conversation().size(), d.history().size())));
      return snap;
    }

    // ---------------------------------------------------------------- invariants

    /**
     * Checks every invariant on the desk as it stands after a step. {@code nothingMayChange} when
     * the step was refused or only read: then the desk must be exactly as {@code before}.
     */
    void checkInvariants(Map<TicketId, Snapshot> before, boolean nothingMayChange) {
      Map<TicketId, TicketDetails> all = everything();
      Map<TicketId, Snapshot> after = snapshot(all);
      lastSnapshot = after;
      if (nothingMayChange && !before.equals(after)) {
        fail(
            "a refused operation or a read changed the desk:\n  before "
                + before.values()
                + "\n  after  "
                + after.values());
      }
      expect(
          "the tickets on the desk",
          new TreeSet<>(model.tickets.keySet().stream().map(model::keyOf).toList()),
          new TreeSet<>(all.values().stream().map(d -> d.ticket().key().value()).toList()));

      for (TicketDetails d : all.values()) {
        Ticket t = d.ticket();
        replayHistory(d);
        agreesWithModel(d, model.tickets.get(t.id()));
        everyoneSeesOnlyWhatTheyMay(d);
      }
      for (String c : CUSTOMERS) {
        listingsAreOwn(c);
      }
      closedTicketsAreFrozen(all);
    }

    /** Folds the history and checks every move in it, then compares the fold with the ticket. */
    private void replayHistory(TicketDetails d) {
      Ticket t = d.ticket();
      String k = t.key().value();
      List<TicketEvent> history = d.history();
      check(!history.isEmpty(), k + ": empty history");
      check(
          history.get(0) instanceof TicketEvent.Created,
          k + ": history does not start with Created");
      Status status = null;
      Optional<AgentId> assignee = Optional.empty();
      Priority priority = null;
      Optional<GroupId> group = Optional.empty();
      Optional<TicketId> followUpOf = Optional.empty();
      List<MessageId> messages = new ArrayList<>();
      boolean mergedInto = false;
      for (int i = 0; i < history.size(); i++) {
        TicketEvent e = history.get(i);
        String at = k + " history[" + i + "] " + e;
        expect(at + ": ticket id", t.id(), e.ticketId());
        check(status != Status.CLOSED, at + ": an event after CLOSED");
        if (e instanceof TicketEvent.Created c) {
          check(i == 0, at + ": Created again");
          status = Status.NEW;
          priority = c.priority();
          group = c.group();
          followUpOf = c.followUpOf();
        } else if (e instanceof TicketEvent.Assigned a) {
          expect(at + ": assignee before", assignee, a.from());
          check(!a.from().equals(a.to()), at + ": assigned to whom it already was");
          assignee = a.to();
        } else if (e instanceof TicketEvent.StatusChanged s) {
          expect(at + ": status before", status, s.from());
          check(s.to() != Status.NEW, at + ": moved into NEW");
          check(s.from() != Status.CLOSED, at + ": moved out of CLOSED");
          // A merged duplicate is closed from any status, right after it records the merge.
          check(
              StatusTransitions.defaults().allows(s.from(), s.to())
                  || (mergedInto && s.to() == Status.CLOSED),
              at + ": a move the default table does not allow");
          check(s.to() != Status.SOLVED || assignee.isPresent(), at + ": SOLVED with no assignee");
          status = s.to();
        } else if (e instanceof TicketEvent.PriorityChanged p) {
          expect(at + ": priority before", priority, p.from());
          priority = p.to();
        } else if (e instanceof TicketEvent.GroupChanged g) {
          expect(at + ": group before", group, g.from());
          group = g.to();
        } else if (e instanceof TicketEvent.MessageAdded m) {
          messages.add(m.messageId());
        } else if (e instanceof TicketEvent.Merged m) {
          messages.addAll(m.carried());
        } else if (e instanceof TicketEvent.MergedInto) {
          mergedInto = true;
        }
      }
      expect(k + ": status replayed from the history", status, t.status());
      expect(k + ": assignee replayed from the history", assignee, t.assignee());
      expect(k + ": priority replayed from the history", priority, t.priority());
      expect(k + ": group replayed from the history", group, t.group());
      expect(k + ": followUpOf replayed from the history", followUpOf, t.followUpOf());
      expect(
          k + ": the messages the history records are the conversation",
          messages,
          d.conversation().stream().map(Message::id).toList());
    }

    private void agreesWithModel(TicketDetails d, MTicket m) {
      Ticket t = d.ticket();
      String k = t.key().value();
      expect(k + ": status (model vs desk)", m.status, t.status());
      expect(k + ": assignee (model vs desk)", m.assignee, t.assignee());
      expect(k + ": priority (model vs desk)", m.priority, t.priority());
      expect(k + ": group (model vs desk)", m.group, t.group());
      expect(k + ": requester (model vs desk)", m.requester, t.requester().id().value());
      expect(k + ": followUpOf (model vs desk)", m.followUpOf, t.followUpOf());
      expect(k + ": solvedAt (model vs desk)", m.solvedAt, t.solvedAt());
      expect(
          k + ": conversation (model vs desk)",
          m.messages,
          d.conversation().stream().map(Message::visibility).toList());
    }

    /**
     * Every actor reads the ticket exactly when the model says they may, a customer without notes,
     * and nobody else is told it exists.
     */
    private void everyoneSeesOnlyWhatTheyMay(TicketDetails staffView) {
      Ticket t = staffView.ticket();
      String k = t.key().value();
      MTicket m = model.tickets.get(t.id());
      for (Who who : Who.values()) {
        if (who == Who.OWNER || who == Who.GHOST) {
          continue;
        }
        if (!model.canRead(who, m)) {
          try {
            desk.ticket(who.actor, t.id());
            fail(k + ": " + who + " can read " + m.requester + "'s ticket, which they may not");
          } catch (NotFoundException expected) {
            // as it should be: answered as for a ticket that does not exist
          }
          continue;
        }
        TicketDetails seen = desk.ticket(who.actor, t.id());
        if (!who.isCustomer()) {
          expect(
              k + ": the messages " + who + " sees", m.messages.size(), seen.conversation().size());
          continue;
        }
        for (Message msg : seen.conversation()) {
          check(msg.visibility() == Visibility.PUBLIC, k + ": " + who + " sees a note " + msg);
        }
        for (TicketEvent e : seen.history()) {
          check(
              !(e instanceof TicketEvent.MessageAdded a && a.visibility() != Visibility.PUBLIC),
              k + ": " + who + " sees that a note was added " + e);
        }
        expect(
            k + ": the public messages " + who + " sees",
            m.messages.stream().filter(v -> v == Visibility.PUBLIC).count(),
            (long) seen.conversation().size());
      }
    }

    private void listingsAreOwn(String customer) {
      List<Ticket> listed = desk.ticketsOf(Actor.customer(customer), CustomerId.of(customer));
      for (Ticket t : listed) {
        expect(t.key() + ": listed for " + customer, customer, t.requester().id().value());
      }
      expect(
          customer + "'s listing",
          new TreeSet<>(model.ticketsOf(customer).stream().map(model::keyOf).toList()),
          new TreeSet<>(listed.stream().map(t -> t.key().value()).toList()));
      for (int i = 1; i < listed.size(); i++) {
        check(
            !listed.get(i).createdAt().isAfter(listed.get(i - 1).createdAt()),
            customer + "'s listing is not newest first: " + listed);
      }
    }

    private void closedTicketsAreFrozen(Map<TicketId, TicketDetails> all) {
      for (Map.Entry<TicketId, Frozen> e : closed.entrySet()) {
        TicketDetails now = all.get(e.getKey());
        Frozen frozen = e.getValue();
        check(now != null, frozen.ticket().key() + ": a CLOSED ticket disappeared");
        expect(frozen.ticket().key() + ": a CLOSED ticket changed", frozen, Frozen.of(now));
      }
      for (TicketDetails d : all.values()) {
        if (d.ticket().status() == Status.CLOSED) {
          closed.putIfAbsent(d.ticket().id(), Frozen.of(d));
        }
      }
    }
  }

  record Snapshot(Ticket ticket, int conversationSize, int historySize) {
    @Override
    public String toString() {
      return ticket.key()
          + "{"
          + ticket.status()
          + ", "
          + ticket.assignee().map(AgentId::value).orElse("unassigned")
          + ", v"
          + ticket.version()
          + ", messages="
          + conversationSize
          + ", events="
          + historySize
          + "}";
    }
  }

  record Frozen(Ticket ticket, List<TicketEvent> history, List<Message> conversation) {
    static Frozen of(TicketDetails d) {
      return new Frozen(d.ticket(), d.history(), d.conversation());
    }
  }

  // ================================================================ the reference model

  /** Thrown by the model, before it changes anything, when it refuses an operation. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Class<? extends HelpDeskException> type;

    Refused(Class<? extends HelpDeskException> type) {
      super(type.getSimpleName(), null, false, false);
      this.type = type;
    }
  }

  /** The status table as documented, written out again rather than read from the desk. */
  private static final Map<Status, Set<Status>> TABLE = new EnumMap<>(Status.class);

  static {
    TABLE.put(Status.NEW, EnumSet.of(Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED));
    TABLE.put(Status.OPEN, EnumSet.of(Status.PENDING, Status.ON_HOLD, Status.SOLVED));
    TABLE.put(Status.PENDING, EnumSet.of(Status.OPEN, Status.ON_HOLD, Status.SOLVED));
    TABLE.put(Status.ON_HOLD, EnumSet.of(Status.OPEN, Status.PENDING, Status.SOLVED));
    TABLE.put(Status.SOLVED, EnumSet.of(Status.OPEN, Status.CLOSED));
    TABLE.put(Status.CLOSED, EnumSet.noneOf(Status.class));
  }

  private static final Set<Status> REOPENED_BY_CUSTOMER_REPLY =
      EnumSet.of(Status.PENDING, Status.ON_HOLD, Status.SOLVED);

  /** One ticket as the model knows it. */
  static final class MTicket {
    final TicketId id;
    final TicketKey key;
    final String requester;
    final Optional<String> organisation;
    final Optional<TicketId> followUpOf;
    Status status = Status.NEW;
    Optional<AgentId> assignee = Optional.empty();
    Priority priority;
    Optional<GroupId> group;
    Optional<Instant> solvedAt = Optional.empty();
    final List<Visibility> messages = new ArrayList<>();

    MTicket(
        TicketId id,
        TicketKey key,
        String requester,
        Optional<TicketId> followUpOf,
        Priority priority,
        Optional<GroupId> group) {
      this.id = id;
      this.key = key;
      this.requester = requester;
      // The requester's organisation when it was opened, which the desk keeps with the ticket.
      this.organisation = Optional.ofNullable(ORGANISATIONS.get(requester));
      this.followUpOf = followUpOf;
      this.priority = priority;
      this.group = group;
    }

    void moveTo(Status to, Instant now) {
      if (to == Status.SOLVED) {
        solvedAt = Optional.of(now);
      } else if (to != Status.CLOSED) {
        solvedAt = Optional.empty();
      }
      status = to;
    }
  }

  /** The tickets, in the order they were opened, and the time. */
  static final class Model {
    final boolean roles;
    final Map<TicketId, MTicket> tickets = new LinkedHashMap<>();
    final List<TicketId> opened = new ArrayList<>();
    Instant now = START;

    Model(boolean roles) {
      this.roles = roles;
    }

    MTicket add(
        Ticket fromDesk,
        String requester,
        Optional<TicketId> followUpOf,
        Priority priority,
        Optional<GroupId> group) {
      MTicket t =
          new MTicket(fromDesk.id(), fromDesk.key(), requester, followUpOf, priority, group);
      tickets.put(t.id, t);
      opened.add(t.id);
      return t;
    }

    String keyOf(TicketId id) {
      return tickets.get(id).key.value();
    }

    List<TicketId> ticketsOf(String customer) {
      return tickets.values().stream()
          .filter(t -> t.requester.equals(customer))
          .map(t -> t.id)
          .toList();
    }

    // ---------------------------------------------------------------- the rules, as documented

    void requireKnown(Who who) {
      if (who == Who.GHOST) {
        throw new Refused(AccessDeniedException.class);
      }
    }

    MTicket load(TicketId id) {
      MTicket t = tickets.get(id);
      if (t == null) {
        throw new Refused(NotFoundException.class);
      }
      return t;
    }

    /**
     * Whether a known actor may see the ticket: a customer their own, and with roles their
     * organisation's; an agent every ticket, with roles only their groups' and those assigned to
     * them; the supervisor and the system every ticket.
     */
    boolean canRead(Who who, MTicket t) {
      if (who.isCustomer()) {
        return who.customerId().equals(t.requester)
            || (roles
                && ORGANISATIONS.containsKey(who.customerId())
                && t.organisation.equals(Optional.of(ORGANISATIONS.get(who.customerId()))));
      }
      if (roles && who.isAgent() && !who.agentId().equals(SUPERVISOR)) {
        return t.assignee.equals(Optional.of(AgentId.of(who.agentId())))
            || t.group.filter(GROUPS.get(who.agentId())::contains).isPresent();
      }
      return true;
    }

    /** A ticket the actor may not see is answered as if it did not exist. */
    void requireCanRead(Who who, MTicket t) {
      if (!canRead(who, t)) {
        throw new Refused(NotFoundException.class);
      }
    }

    /** A customer who reads a colleague's ticket may not write to it. */
    void requireRequesterOrStaff(Who who, MTicket t) {
      if (who.isCustomer() && !who.customerId().equals(t.requester)) {
        throw new Refused(AccessDeniedException.class);
      }
    }

    /** With roles, what only a supervisor (or the system) may. */
    void requireSupervisor(Who who) {
      requireStaff(who);
      if (roles && who.isAgent() && !who.agentId().equals(SUPERVISOR)) {
        throw new Refused(AccessDeniedException.class);
      }
    }

    void requireStaff(Who who) {
      if (who.isCustomer()) {
        throw new Refused(AccessDeniedException.class);
      }
    }

    void requireNotClosed(MTicket t) {
      if (t.status == Status.CLOSED) {
        throw new Refused(TicketClosedException.class);
      }
    }
  }

  // ================================================================ operations

  /**
   * Who acts. {@code OWNER} is the customer who asked for the ticket acted on, resolved when the
   * step runs; {@code GHOST} is an agent id the desk has never registered.
   */
  enum Who {
    OWNER(null),
    C1(Actor.customer("c-1")),
    C2(Actor.customer("c-2")),
    C3(Actor.customer("c-3")),
    A1(Actor.agent("a-1")),
    A2(Actor.agent("a-2")),
    S1(Actor.agent("s-1")),
    SYSTEM(Actor.system("ops")),
    GHOST(Actor.agent("a-ghost"));

    final Actor actor;

    Who(Actor actor) {
      this.actor = actor;
    }

    boolean isCustomer() {
      return actor instanceof Actor.Customer;
    }

    String customerId() {
      return ((Actor.Customer) actor).id().value();
    }

    boolean isAgent() {
      return actor instanceof Actor.Agent;
    }

    String agentId() {
      return ((Actor.Agent) actor).id().value();
    }

    @Override
    public String toString() {
      return actor == null ? "owner" : actor.describe();
    }
  }

  /**
   * A ticket to act on: the {@code index mod count}-th most recently opened ticket ({@code t0} is
   * the newest), or an id the desk never issued.
   */
  record Target(int index) {
    static final Target UNKNOWN = new Target(-1);

    @Override
    public String toString() {
      return index < 0 ? "unknown-ticket" : "t" + index;
    }
  }

  /** One step: run on the desk, then on the model, which checks the desk's result. */
  interface Op {
    /** The ticket acted on, or null. */
    default Target target() {
      return null;
    }

    /** Who acts, or null. */
    default Who by() {
      return null;
    }

    /** Whether the operation only reads. */
    default boolean isRead() {
      return false;
    }

    /** Runs the step on the desk; may throw a {@link HelpDeskException}. */
    Object onDesk(World w, TicketId id, Who who);

    /**
     * Runs the step on the model: throws {@link Refused} before changing anything if the rules
     * refuse it; otherwise updates the model and checks the desk's result ({@link
     * World#deskResult}).
     */
    void onModel(World w, TicketId id, Who who);
  }

  record Open(Who by, String requester, boolean withDescription) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.open(
          who.actor,
          NewTicket.builder()
              .requester(requester, "Customer " + requester, requester + "@example.com")
              .subject("Help with my booking")
              .description(withDescription ? "Something went wrong." : "")
              .build());
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      if (who.isCustomer() && !who.customerId().equals(requester)) {
        throw new Refused(AccessDeniedException.class);
      }
      Ticket opened = w.deskResult(Ticket.class);
      w.expect("the opened ticket's status", Status.NEW, opened.status());
      MTicket t = m.add(opened, requester, Optional.empty(), Priority.NORMAL, Optional.empty());
      if (withDescription) {
        t.messages.add(Visibility.PUBLIC);
      }
      w.note("opened " + opened.key());
    }

    @Override
    public String toString() {
      return "open(" + by + " for " + requester + (withDescription ? ", with description)" : ")");
    }
  }

  record Reply(Who by, Target target) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.reply(who.actor, id, "A reply by " + who);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireRequesterOrStaff(who, t);
      if (t.status == Status.CLOSED) {
        if (!who.isCustomer()) {
          throw new Refused(TicketClosedException.class);
        }
        // A customer writing to a CLOSED ticket gets a NEW follow-up linked to it.
        Posted posted = w.deskResult(Posted.class);
        w.expect("the reply made a follow-up", true, posted.followUp());
        w.expect("the follow-up's link", Optional.of(t.id), posted.ticket().followUpOf());
        MTicket f = m.add(posted.ticket(), t.requester, Optional.of(t.id), t.priority, t.group);
        f.messages.add(Visibility.PUBLIC);
        w.note("follow-up " + posted.ticket().key());
        return;
      }
      Posted posted = w.deskResult(Posted.class);
      w.expect("the reply made a follow-up", false, posted.followUp());
      t.messages.add(Visibility.PUBLIC);
      if (who.isCustomer() && REOPENED_BY_CUSTOMER_REPLY.contains(t.status)) {
        t.moveTo(Status.OPEN, m.now);
      }
    }

    @Override
    public String toString() {
      return "reply(" + by + ", " + target + ")";
    }
  }

  record Note(Who by, Target target) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.note(who.actor, id, "An internal note by " + who);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      m.requireNotClosed(t);
      w.expect(
          "the note's visibility", Visibility.INTERNAL, w.deskResult(Message.class).visibility());
      t.messages.add(Visibility.INTERNAL);
    }

    @Override
    public String toString() {
      return "note(" + by + ", " + target + ")";
    }
  }

  record Assign(Who by, Target target, String agent, boolean overCapacity) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.assign(who.actor, id, AgentId.of(agent), overCapacity);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      if (overCapacity) {
        // Asking is a supervisor's, whatever the agent's load.
        m.requireSupervisor(who);
      }
      if (!AGENTS.contains(agent)) {
        throw new Refused(NotFoundException.class);
      }
      m.requireNotClosed(t);
      if (!t.assignee.equals(Optional.of(AgentId.of(agent)))) {
        t.assignee = Optional.of(AgentId.of(agent));
        if (t.status == Status.NEW) {
          t.moveTo(Status.OPEN, m.now);
        }
      }
    }

    @Override
    public String toString() {
      return "assign("
          + by
          + ", "
          + target
          + " to "
          + agent
          + (overCapacity ? ", over capacity)" : ")");
    }
  }

  record Unassign(Who by, Target target) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.unassign(who.actor, id);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      m.requireNotClosed(t);
      if (t.assignee.isEmpty()) {
        return;
      }
      if (t.status == Status.SOLVED) {
        throw new Refused(ValidationException.class);
      }
      t.assignee = Optional.empty();
    }

    @Override
    public String toString() {
      return "unassign(" + by + ", " + target + ")";
    }
  }

  record ChangeStatus(Who by, Target target, Status to) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.changeStatus(who.actor, id, to);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      if (to == t.status) {
        return;
      }
      if (t.status == Status.CLOSED
          || to == Status.NEW
          || !TABLE.get(t.status).contains(to)
          || (to == Status.SOLVED && t.assignee.isEmpty())) {
        throw new Refused(IllegalTransitionException.class);
      }
      t.moveTo(to, m.now);
    }

    @Override
    public String toString() {
      return "status(" + by + ", " + target + " -> " + to + ")";
    }
  }

  record ChangePriority(Who by, Target target, Priority to) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.changePriority(who.actor, id, to);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      m.requireNotClosed(t);
      t.priority = to;
    }

    @Override
    public String toString() {
      return "priority(" + by + ", " + target + " -> " + to + ")";
    }
  }

  record ChangeGroup(Who by, Target target, Optional<String> group) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return group.isPresent()
          ? w.desk.changeGroup(who.actor, id, GroupId.of(group.get()))
          : w.desk.clearGroup(who.actor, id);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireStaff(who);
      m.requireNotClosed(t);
      t.group = group.map(GroupId::of);
    }

    @Override
    public String toString() {
      return "group(" + by + ", " + target + " -> " + group.orElse("none") + ")";
    }
  }

  record Advance(Duration amount) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.clock.advance(amount);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      w.model.now = w.model.now.plus(amount);
      w.note("now " + w.model.now);
    }

    @Override
    public boolean isRead() {
      return true; // moving time alone changes no ticket
    }

    @Override
    public String toString() {
      return "advance("
          + (amount.toHours() % 24 == 0 ? amount.toDays() + "d" : amount.toHours() + "h")
          + ")";
    }
  }

  record CloseSolved() implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.closeSolvedTickets();
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      int closed = 0;
      for (MTicket t : m.tickets.values()) {
        if (t.status == Status.SOLVED
            && !t.solvedAt.orElseThrow().plus(CLOSE_SOLVED_AFTER).isAfter(m.now)) {
          t.moveTo(Status.CLOSED, m.now);
          closed++;
        }
      }
      w.expect("how many tickets the sweep closed", closed, w.deskResult(Integer.class));
      w.note("closed " + closed);
    }

    @Override
    public String toString() {
      return "closeSolvedTickets()";
    }
  }

  record Read(Who by, Target target) implements Op {
    @Override
    public boolean isRead() {
      return true;
    }

    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.ticket(who.actor, id);
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      TicketDetails d = w.deskResult(TicketDetails.class);
      w.expect("the status read", t.status, d.ticket().status());
      w.expect("the assignee read", t.assignee, d.ticket().assignee());
      w.expect(
          "the conversation " + who + " reads",
          t.messages.stream().filter(v -> !who.isCustomer() || v == Visibility.PUBLIC).toList(),
          d.conversation().stream().map(Message::visibility).toList());
      if (who.isCustomer()) {
        for (TicketEvent e : d.history()) {
          w.check(
              !(e instanceof TicketEvent.MessageAdded a && a.visibility() != Visibility.PUBLIC),
              who + " sees that a note was added: " + e);
        }
      }
    }

    @Override
    public String toString() {
      return "read(" + by + ", " + target + ")";
    }
  }

  record ListTickets(Who by, String customer) implements Op {
    @Override
    public boolean isRead() {
      return true;
    }

    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.ticketsOf(who.actor, CustomerId.of(customer));
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      // With roles, a customer of an organisation may list a colleague's tickets: the listing
      // holds those they may read.
      boolean colleagues =
          m.roles && who.isCustomer() && ORGANISATIONS.containsKey(who.customerId());
      if (who.isCustomer() && !who.customerId().equals(customer) && !colleagues) {
        throw new Refused(AccessDeniedException.class);
      }
      @SuppressWarnings("unchecked")
      List<Ticket> listed = (List<Ticket>) w.deskResult(List.class);
      w.expect(
          customer + "'s tickets as " + who + " may see them",
          new TreeSet<>(
              m.ticketsOf(customer).stream()
                  .filter(t -> m.canRead(who, m.tickets.get(t)))
                  .map(m::keyOf)
                  .toList()),
          new TreeSet<>(listed.stream().map(t -> t.key().value()).toList()));
    }

    @Override
    public String toString() {
      return "ticketsOf(" + by + ", " + customer + ")";
    }
  }

  record Escalate(Who by, Target target) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.escalate(who.actor, id, "Needs a supervisor");
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket t = m.load(id);
      m.requireCanRead(who, t);
      m.requireSupervisor(who);
      m.requireNotClosed(t);
      // To the escalation group, where nobody takes it: it waits unassigned, unless SOLVED (which
      // keeps its assignee).
      t.group = Optional.of(ESCALATED);
      if (t.status != Status.SOLVED) {
        t.assignee = Optional.empty();
      }
    }

    @Override
    public String toString() {
      return "escalate(" + by + ", " + target + ")";
    }
  }

  record Merge(Who by, Target target, Target into) implements Op {
    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      return w.desk.merge(who.actor, id, w.resolve(into));
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      MTicket d = m.load(id);
      m.requireCanRead(who, d);
      m.requireSupervisor(who);
      MTicket i = m.load(w.resolve(into));
      m.requireCanRead(who, i);
      if (d == i || !d.requester.equals(i.requester)) {
        throw new Refused(ValidationException.class);
      }
      m.requireNotClosed(i);
      m.requireNotClosed(d);
      // The duplicate's public messages are carried over, and the duplicate is closed.
      d.messages.stream().filter(v -> v == Visibility.PUBLIC).forEach(i.messages::add);
      d.moveTo(Status.CLOSED, m.now);
      w.note("merged " + d.key + " into " + i.key);
    }

    @Override
    public String toString() {
      return "merge(" + by + ", " + target + " into " + into + ")";
    }
  }

  /** Finds every ticket, page by page: the pages must hold exactly what the actor may read. */
  record Search(Who by, int pageSize) implements Op {
    @Override
    public boolean isRead() {
      return true;
    }

    @Override
    public Object onDesk(World w, TicketId id, Who who) {
      TicketQuery query = TicketQuery.builder().pageSize(pageSize).build();
      List<Page<Ticket>> pages = new ArrayList<>();
      Page<Ticket> page = w.desk.search(who.actor, query);
      pages.add(page);
      while (page.next().isPresent() && pages.size() <= 100) {
        page = w.desk.search(who.actor, query.after(page.next().get()));
        pages.add(page);
      }
      return pages;
    }

    @Override
    public void onModel(World w, TicketId id, Who who) {
      Model m = w.model;
      m.requireKnown(who);
      @SuppressWarnings("unchecked")
      List<Page<Ticket>> pages = (List<Page<Ticket>>) w.deskResult(List.class);
      List<String> found = new ArrayList<>();
      for (int p = 0; p < pages.size(); p++) {
        Page<Ticket> page = pages.get(p);
        if (p < pages.size() - 1) {
          // Restricted in the store's query, not after it: every page but the last is full.
          w.expect(
              "the size of page " + p + " of " + who + "'s search", pageSize, page.items().size());
        }
        page.items().forEach(t -> found.add(t.key().value()));
      }
      w.expect(
          "the tickets " + who + "'s search finds (each once)",
          m.tickets.values().stream()
              .filter(t -> m.canRead(who, t))
              .map(t -> t.key.value())
              .sorted()
              .toList(),
          found.stream().sorted().toList());
      w.note(found.size() + " found");
    }

    @Override
    public String toString() {
      return "search(" + by + ", pages of " + pageSize + ")";
    }
  }

  // ================================================================ generators

  /**
   * 1 to 60 steps. The first opens a ticket the desk accepts, so that the steps after it have
   * something to work on (unknown tickets are still targeted now and then).
   */
  private static Gen<List<Op>> sequences() {
    Gen<Op> firstOpen =
        Generate.pick(List.of(Who.C1, Who.A1, Who.C2, Who.A2, Who.SYSTEM, Who.C3, Who.S1))
            .zip(
                Generate.booleans(),
                (who, description) ->
                    (Op) new Open(who, who.isCustomer() ? who.customerId() : "c-1", description));
    return firstOpen.zip(
        SourceDSL.lists().of(operation()).ofSizeBetween(0, 59),
        (first, rest) -> {
          List<Op> all = new ArrayList<>();
          all.add(first);
          all.addAll(rest);
          return all;
        });
  }

  private static Gen<Op> operation() {
    return weighted(
        Pair.of(2, open()),
        Pair.of(5, anyone().zip(target(), (who, t) -> (Op) new Reply(who, t))),
        Pair.of(2, anyone().zip(target(), (who, t) -> (Op) new Note(who, t))),
        Pair.of(
            4,
            mostlyStaff()
                .zip(
                    target(),
                    weighted(
                        Pair.of(5, Generate.pick(AGENTS)),
                        Pair.of(1, Generate.constant("a-ghost"))),
                    weighted(
                        Pair.of(4, Generate.constant(false)), Pair.of(1, Generate.constant(true))),
                    (who, t, agent, over) -> (Op) new Assign(who, t, agent, over))),
        Pair.of(1, mostlyStaff().zip(target(), (who, t) -> (Op) new Unassign(who, t))),
        Pair.of(
            6,
            mostlyStaff()
                .zip(
                    target(),
                    weighted(
                        Pair.of(3, Generate.enumValues(Status.class)),
                        Pair.of(2, Generate.constant(Status.SOLVED))),
                    (who, t, s) -> (Op) new ChangeStatus(who, t, s))),
        Pair.of(
            1,
            mostlyStaff()
                .zip(
                    target(),
                    Generate.enumValues(Priority.class),
                    (who, t, p) -> (Op) new ChangePriority(who, t, p))),
        Pair.of(
            1,
            mostlyStaff()
                .zip(
                    target(),
                    Generate.pick(
                        List.of(Optional.<String>empty(), Optional.of("g-1"), Optional.of("g-2"))),
                    (who, t, g) -> (Op) new ChangeGroup(who, t, g))),
        Pair.of(
            3,
            weighted(
                    Pair.of(1, Generate.range(1, 36).map(h -> Duration.ofHours(h))),
                    Pair.of(2, Generate.range(1, 5).map(d -> Duration.ofDays(d))))
                .map(d -> (Op) new Advance(d))),
        Pair.of(3, Generate.constant((Op) new CloseSolved())),
        Pair.of(2, anyone().zip(target(), (who, t) -> (Op) new Read(who, t))),
        Pair.of(1, mostlyStaff().zip(target(), (who, t) -> (Op) new Escalate(who, t))),
        Pair.of(1, mostlyStaff().zip(target(), target(), (who, d, i) -> (Op) new Merge(who, d, i))),
        Pair.of(
            1,
            nobodyInParticular()
                .zip(Generate.range(1, 4), (who, size) -> (Op) new Search(who, size))),
        Pair.of(
            1,
            nobodyInParticular()
                .zip(Generate.pick(CUSTOMERS), (who, c) -> (Op) new ListTickets(who, c))));
  }

  /** Customers for themselves or someone else, agents, the system, and an unknown agent. */
  private static Gen<Op> open() {
    return nobodyInParticular()
        .zip(
            Generate.pick(CUSTOMERS),
            Generate.booleans(),
            (who, requester, description) -> (Op) new Open(who, requester, description));
  }

  /** Anyone, often the customer who asked for the ticket acted on. */
  private static Gen<Who> anyone() {
    return weighted(
        Pair.of(3, Generate.constant(Who.OWNER)),
        Pair.of(2, Generate.pick(List.of(Who.C1, Who.C2, Who.C3))),
        Pair.of(3, Generate.pick(List.of(Who.A1, Who.A2, Who.S1))),
        Pair.of(1, Generate.constant(Who.SYSTEM)),
        Pair.of(1, Generate.constant(Who.GHOST)));
  }

  /** Anyone, for operations on no ticket in particular. */
  private static Gen<Who> nobodyInParticular() {
    return weighted(
        Pair.of(3, Generate.pick(List.of(Who.C1, Who.C2, Who.C3))),
        Pair.of(3, Generate.pick(List.of(Who.A1, Who.A2, Who.S1))),
        Pair.of(1, Generate.constant(Who.SYSTEM)),
        Pair.of(1, Generate.constant(Who.GHOST)));
  }

  private static Gen<Who> mostlyStaff() {
    return weighted(
        Pair.of(6, Generate.pick(List.of(Who.A1, Who.A2, Who.S1))),
        Pair.of(1, Generate.constant(Who.OWNER)),
        Pair.of(1, Generate.pick(List.of(Who.C1, Who.C2, Who.C3))),
        Pair.of(1, Generate.constant(Who.SYSTEM)),
        Pair.of(1, Generate.constant(Who.GHOST)));
  }

  private static Gen<Target> target() {
    return weighted(
        Pair.of(6, Generate.constant(new Target(0))),
        Pair.of(4, Generate.range(1, 3).map(Target::new)),
        Pair.of(1, Generate.range(4, 9).map(Target::new)),
        Pair.of(1, Generate.constant(Target.UNKNOWN)));
  }

  @SafeVarargs
  private static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
    List<Pair<Integer, Gen<T>>> list = new ArrayList<>();
    for (Pair<Integer, Gen<T>> choice : choices) {
      list.add(choice);
    }
    return Generate.frequency(list);
  }
}
