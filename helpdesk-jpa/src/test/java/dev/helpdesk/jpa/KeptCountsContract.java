package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The kept counts of {@code hd_ticket_count} ({@code MetricsQueries.queueByPriority} and {@code
 * unsolvedByPriority} of the JPA store): after every operation of a random sequence (openings with
 * and without an assignee, assignments, unassignments, priority and status changes that solve,
 * reopen and close, customer replies, merges, the close sweep, and batches of changes saved with
 * {@code Tickets.saveAll}), run on a desk over this database and on an in-memory desk alike, the
 * kept figures equal a {@code count(*)} over {@code hd_ticket} and what the in-memory adapter
 * reports. Also {@link dev.helpdesk.jpa.metrics.JpaMetrics#recount()} and the migration that
 * creates the counts.
 */
abstract class KeptCountsContract {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<AgentId> AGENTS = List.of(AgentId.of("a-1"), AgentId.of("a-2"));
  private static final Actor AGENT = Actor.agent(AGENTS.get(0));

  /** The database the JPA desk stores in. */
  abstract TestDatabase db();

  /** How many sequences to try. */
  protected int examples() {
    return 20;
  }

  @Test
  void keptCountsEqualTheTableAndTheInMemoryAdapterAfterEveryOperation() {
    qt().withExamples(examples())
        .withShrinkCycles(20)
        .forAll(SourceDSL.lists().of(operation()).ofSizeBetween(1, 30))
        .describedAs(ops -> ops.stream().map(Object::toString).collect(Collectors.joining("\n  ")))
        .checkAssert(this::run);
  }

  private void run(List<Op> ops) {
    SettableClock clock = SettableClock.at(START);
    JpaHelpDeskStore store = db().freshStore();
    Side jpa = new Side(desk(store.configure(HelpDesk.builder()), clock), store.tickets(), clock);
    // A clock of its own, moved on by the same operations.
    SettableClock memClock = SettableClock.at(START);
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets memory = new InMemoryTickets(outbox);
    Side mem =
        new Side(
            desk(HelpDesk.builder().tickets(memory, outbox).metrics(memory.metrics()), memClock),
            memory,
            memClock);
    List<Op> done = new ArrayList<>();
    for (Op op : ops) {
      done.add(op);
      boolean memRefused = mem.apply(op);
      boolean jpaRefused = jpa.apply(op);
      assertEquals(
          memRefused,
          jpaRefused,
          () ->
              "refused by one store only ("
                  + (memRefused ? mem : jpa).lastRefusal
                  + ", cause "
                  + ((memRefused ? mem : jpa).lastRefusal == null
                      ? null
                      : (memRefused ? mem : jpa).lastRefusal.getCause())
                  + ") after "
                  + done);
      check(store.metrics(), memory.metrics(), done);
    }
  }

  private static HelpDesk desk(HelpDeskBuilder builder, SettableClock clock) {
    HelpDesk desk =
        builder
            .clock(clock)
            .notifier(n -> {})
            .assignment(AssignmentPolicy.builder().automatic(false).build())
            .build();
    for (AgentId a : AGENTS) {
      desk.saveAgent(
          Actor.system("admin"), Agent.of(a.value(), "Agent " + a, a.value() + "@desk.example"));
    }
    return desk;
  }

  private void check(MetricsQueries kept, MetricsQueries memory, List<Op> done) {
    Map<Priority, Long> queue = counted(" and assignee_id is null");
    Map<Priority, Long> unsolved = counted("");
    String after = "after " + done;
    assertEquals(queue, kept.queueByPriority(), "queue kept vs count(*) " + after);
    assertEquals(unsolved, kept.unsolvedByPriority(), "unsolved kept vs count(*) " + after);
    assertEquals(
        filled(memory.queueByPriority()), kept.queueByPriority(), "queue vs in memory " + after);
    assertEquals(
        filled(memory.unsolvedByPriority()),
        kept.unsolvedByPriority(),
        "unsolved vs in memory " + after);
  }

  /** {@code count(*)} of the unsolved tickets of {@code hd_ticket} per priority. */
  private Map<Priority, Long> counted(String condition) {
    Map<Priority, Long> counts = filled(Map.of());
    try (Connection c = db().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select priority, count(*) from hd_ticket where unsolved = true"
                    + condition
                    + " group by priority")) {
      while (rs.next()) {
        counts.put(Priority.values()[rs.getInt(1) - 1], rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  private static Map<Priority, Long> filled(Map<Priority, Long> counts) {
    Map<Priority, Long> all = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      all.put(p, counts.getOrDefault(p, 0L));
    }
    return all;
  }

  // ================================================================ recount and migration

  @Test
  void recountCorrectsCountsOfTicketsChangedAroundTheLibrary() throws Exception {
    SettableClock clock = SettableClock.at(START);
    JpaHelpDeskStore store = db().freshStore();
    HelpDesk desk = desk(store.configure(HelpDesk.builder()), clock);
    List<Ticket> opened = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      opened.add(desk.open(Actor.customer("c-1"), request(Priority.values()[i % 4])));
    }
    desk.assign(AGENT, opened.get(0).id(), AGENTS.get(0), true);
    desk.assign(AGENT, opened.get(1).id(), AGENTS.get(1), true);
    desk.changeStatus(AGENT, opened.get(1).id(), Status.SOLVED);
    assertEquals(
        10L, store.metrics().queueByPriority().values().stream().mapToLong(Long::longValue).sum());

    // Written around the library: every ticket moved to URGENT and assigned, the counts made up.
    try (Connection c = db().connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("update hd_ticket set priority = 4, assignee_id = 'a-2' where priority < 3");
      s.executeUpdate("update hd_ticket_count set n = n + 7 where slot = 3");
      s.executeUpdate("delete from hd_ticket_count where priority = 2");
    }
    assertNotEquals(counted(" and assignee_id is null"), store.metrics().queueByPriority());
    assertNotEquals(counted(""), store.metrics().unsolvedByPriority());

    store.metrics().recount();

    assertEquals(counted(" and assignee_id is null"), store.metrics().queueByPriority());
    assertEquals(counted(""), store.metrics().unsolvedByPriority());
    assertEquals(
        128, db().count("hd_ticket_count", "1=1"), "every count row is there again, 4 x 2 x 16");
    // And the desk goes on moving them from there.
    desk.unassign(AGENT, opened.get(2).id());
    assertEquals(counted(" and assignee_id is null"), store.metrics().queueByPriority());
    assertEquals(counted(""), store.metrics().unsolvedByPriority());
  }

  @Test
  void theMigrationCountsTheTicketsStoredBeforeIt() throws Exception {
    SettableClock clock = SettableClock.at(START);
    JpaHelpDeskStore store = db().freshStore();
    HelpDesk desk = desk(store.configure(HelpDesk.builder()), clock);
    for (int i = 0; i < 14; i++) {
      Ticket t = desk.open(Actor.customer("c-1"), request(Priority.values()[i % 4]));
      switch (i % 5) {
        case 1 -> desk.assign(AGENT, t.id(), AGENTS.get(i % 2), true);
        case 2 -> {
          desk.assign(AGENT, t.id(), AGENTS.get(1), true);
          desk.changeStatus(AGENT, t.id(), Status.SOLVED);
        }
        case 3 -> {
          desk.assign(AGENT, t.id(), AGENTS.get(0), true);
          desk.changeStatus(AGENT, t.id(), Status.SOLVED);
          desk.changeStatus(AGENT, t.id(), Status.CLOSED);
        }
        default -> {}
      }
    }
    Map<Priority, Long> queue = counted(" and assignee_id is null");
    Map<Priority, Long> unsolved = counted("");

    // As before version 18: no counts table. Then the script, as Flyway would run it.
    try (Connection c = db().connect();
        Statement s = c.createStatement()) {
      s.execute("drop table hd_ticket_count");
      for (String statement :
          TestDatabase.statements(
              TestDatabase.script(db().database().scriptFolder() + "/V18__ticket_counts.sql"))) {
        s.execute(statement);
      }
    }

    assertEquals(queue, store.metrics().queueByPriority());
    assertEquals(unsolved, store.metrics().unsolvedByPriority());
    assertEquals(128, db().count("hd_ticket_count", "1=1"));
  }

  private static NewTicket request(Priority priority) {
    return NewTicket.builder()
        .requester("c-1", "Customer c-1", "c-1@example.com")
        .subject("Train cancelled")
        .description("My train was cancelled; I need a refund.")
        .priority(priority)
        .build();
  }

  // ================================================================ running operations

  /** One desk, its ticket store, and the tickets it opened, oldest first. */
  static final class Side {
    final HelpDesk desk;
    final Tickets tickets;
    final SettableClock clock;
    final List<TicketId> ids = new ArrayList<>();
    int batchKeys;
    HelpDeskException lastRefusal;

    Side(HelpDesk desk, Tickets tickets, SettableClock clock) {
      this.desk = desk;
      this.tickets = tickets;
      this.clock = clock;
    }

    /** Applies the operation; true when the desk refused it (which changes nothing). */
    boolean apply(Op op) {
      try {
        op.apply(this);
        return false;
      } catch (HelpDeskException refused) {
        lastRefusal = refused;
        return true;
      }
    }

    /** The ticket {@code index} places back from the newest; null when there is none yet. */
    TicketId ticket(int index) {
      return ids.isEmpty() ? null : ids.get(ids.size() - 1 - index % ids.size());
    }

    Ticket read(TicketId id) {
      return tickets.byId(id).orElseThrow();
    }

    /** An opening as one change, with an assignee or without, as a store receives it. */
    TicketChange opening(Priority priority, Optional<AgentId> assignee) {
      TicketEdit edit =
          TicketEdit.open(
              TicketId.random(),
              TicketKey.of("BATCH", ++batchKeys),
              request(priority),
              Optional.empty(),
              Actor.customer("c-1"),
              clock.instant(),
              StatusTransitions.defaults());
      assignee.ifPresent(a -> edit.assign(a, AGENT));
      return edit.done();
    }
  }

  interface Op {
    void apply(Side s);
  }

  record Open(Priority priority) implements Op {
    @Override
    public void apply(Side s) {
      s.ids.add(s.desk.open(Actor.customer("c-1"), request(priority)).id());
    }
  }

  /** Opened with an assignee in its one change, saved straight to the store. */
  record OpenAssigned(Priority priority, int agent) implements Op {
    @Override
    public void apply(Side s) {
      TicketChange change = s.opening(priority, Optional.of(AGENTS.get(agent)));
      s.tickets.save(change);
      s.ids.add(change.after().id());
    }
  }

  record Assign(int ticket, int agent) implements Op {
    @Override
    public void apply(Side s) {
      TicketId id = s.ticket(ticket);
      if (id != null) {
        s.desk.assign(AGENT, id, AGENTS.get(agent), true);
      }
    }
  }

  record Unassign(int ticket) implements Op {
    @Override
    public void apply(Side s) {
      TicketId id = s.ticket(ticket);
      if (id != null) {
        s.desk.unassign(AGENT, id);
      }
    }
  }

  record ChangePriority(int ticket, Priority to) implements Op {
    @Override
    public void apply(Side s) {
      TicketId id = s.ticket(ticket);
      if (id != null) {
        s.desk.changePriority(AGENT, id, to);
      }
    }
  }

  /** Solves, closes, reopens (SOLVED to OPEN), puts on hold or pending. */
  record ChangeStatus(int ticket, Status to) implements Op {
    @Override
    public void apply(Side s) {
      TicketId id = s.ticket(ticket);
      if (id != null) {
        s.desk.changeStatus(AGENT, id, to);
      }
    }
  }

  /** The customer writes: reopens a solved ticket, or opens a follow-up of a closed one. */
  record CustomerReply(int ticket) implements Op {
    @Override
    public void apply(Side s) {
      TicketId id = s.ticket(ticket);
      if (id != null) {
        Posted posted = s.desk.reply(Actor.customer("c-1"), id, "Any news?");
        if (posted.followUp()) {
          s.ids.add(posted.ticket().id());
        }
      }
    }
  }

  record Merge(int duplicate, int into) implements Op {
    @Override
    public void apply(Side s) {
      TicketId d = s.ticket(duplicate);
      TicketId i = s.ticket(into);
      if (d != null) {
        s.desk.merge(AGENT, d, i);
      }
    }
  }

  /** Time passes and the sweep closes tickets solved long enough ago. */
  record CloseSolved(int days) implements Op {
    @Override
    public void apply(Side s) {
      s.clock.advance(Duration.ofDays(days));
      s.desk.closeSolvedTickets();
    }
  }

  /**
   * Several changes in one {@code Tickets.saveAll}: openings (with or without an assignee) and
   * edits of distinct stored tickets; an edit the ticket's state refuses is left out.
   */
  record Batch(List<Item> items) implements Op {
    @Override
    public void apply(Side s) {
      List<TicketChange> changes = new ArrayList<>();
      Set<TicketId> edited = new HashSet<>();
      List<TicketId> opened = new ArrayList<>();
      for (Item item : items) {
        if (item.kind() < 2) {
          TicketChange change =
              s.opening(
                  item.priority(),
                  item.kind() == 1 ? Optional.of(AGENTS.get(item.agent())) : Optional.empty());
          changes.add(change);
          opened.add(change.after().id());
          continue;
        }
        TicketId id = s.ticket(item.ticket());
        if (id == null || !edited.add(id)) {
          continue;
        }
        TicketEdit edit =
            TicketEdit.of(s.read(id), AGENT, s.clock.instant(), StatusTransitions.defaults());
        try {
          switch (item.kind()) {
            case 2 -> edit.changePriority(item.priority());
            case 3 -> edit.changeStatus(item.status());
            case 4 -> edit.assign(AGENTS.get(item.agent()), AGENT);
            default -> edit.unassign();
          }
        } catch (HelpDeskException refused) {
          continue;
        }
        if (edit.changed()) {
          changes.add(edit.done());
        }
      }
      if (!changes.isEmpty()) {
        s.tickets.saveAll(changes);
        s.ids.addAll(opened);
      }
    }
  }

  /**
   * One change of a batch: kind 0 opens, 1 opens assigned, 2 changes the priority, 3 the status, 4
   * assigns, 5 unassigns.
   */
  record Item(int kind, int ticket, Priority priority, Status status, int agent) {}

  // ================================================================ generators

  private static Gen<Integer> target() {
    return weighted(
        Pair.of(5, Generate.constant(0)),
        Pair.of(4, Generate.range(1, 3)),
        Pair.of(1, Generate.range(4, 9)));
  }

  private static Gen<Status> status() {
    return weighted(
        Pair.of(3, Generate.constant(Status.SOLVED)),
        Pair.of(
            3, Generate.pick(List.of(Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.CLOSED))));
  }

  private static Gen<Integer> agent() {
    return Generate.range(0, AGENTS.size() - 1);
  }

  private static Gen<Op> operation() {
    Gen<Priority> priority = Generate.enumValues(Priority.class);
    Gen<Item> item =
        Generate.range(0, 5)
            .zip(target(), priority, (k, t, p) -> new Item(k, t, p, Status.SOLVED, 0))
            .zip(
                status(),
                agent(),
                (i, st, a) -> new Item(i.kind(), i.ticket(), i.priority(), st, a));
    return weighted(
        Pair.of(4, priority.map(p -> (Op) new Open(p))),
        Pair.of(2, priority.zip(agent(), (p, a) -> (Op) new OpenAssigned(p, a))),
        Pair.of(4, target().zip(agent(), (t, a) -> (Op) new Assign(t, a))),
        Pair.of(2, target().map(t -> (Op) new Unassign(t))),
        Pair.of(2, target().zip(priority, (t, p) -> (Op) new ChangePriority(t, p))),
        Pair.of(5, target().zip(status(), (t, st) -> (Op) new ChangeStatus(t, st))),
        Pair.of(2, target().map(t -> (Op) new CustomerReply(t))),
        Pair.of(2, target().zip(target(), (a, b) -> (Op) new Merge(a, b))),
        Pair.of(1, Generate.range(1, 10).map(d -> (Op) new CloseSolved(d))),
        Pair.of(3, SourceDSL.lists().of(item).ofSizeBetween(1, 6).map(i -> (Op) new Batch(i))));
  }

  @SafeVarargs
  private static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
    return Generate.frequency(List.of(choices));
  }
}
