package dev.helpdesk.contract;

import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.TimeRange;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
 * A property every store's metrics must have: after any sequence of operations through the desk
 * (opening, replies, notes, assignment, status moves, ratings, escalations, merges, links, SLA
 * monitor ticks and close sweeps, with time moving on a {@link SettableClock}), {@code
 * desk.metrics(...)} over any range equals what a small model computes by replaying every ticket's
 * history ({@code desk.ticket(...).history()}) by the definitions of {@code
 * docs/satisfaction-and-metrics.md}, written here without {@code MetricFacts}, and counting the
 * tickets as they stand. Subclass it with a fresh store for each example.
 */
public abstract class DeskMetricsContract {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor STAFF = Actor.system("metrics-check");
  private static final List<String> CUSTOMERS = List.of("c-1", "c-2");
  private static final GroupId SUPERVISORS = GroupId.of("sup");
  private static final List<AgentId> AGENTS =
      List.of(AgentId.of("a-1"), AgentId.of("a-2"), AgentId.of("s-1"));

  /** Sets an empty store (tickets and outbox, metrics, SLA timers, agents) on the builder. */
  protected abstract HelpDeskBuilder withFreshStore(HelpDeskBuilder builder);

  /** How many sequences to try. */
  protected int examples() {
    return 150;
  }

  @Test
  void metricsOfTheDeskEqualThoseReplayedFromEveryHistory() {
    qt().withExamples(examples())
        .withShrinkCycles(50)
        .forAll(scenarios())
        .describedAs(Scenario::toString)
        .checkAssert(this::run);
  }

  private void run(Scenario s) {
    SettableClock clock = SettableClock.at(START);
    SlaSettings sla =
        SlaSettings.builder(BusinessCalendar.alwaysOpen())
            .policy(
                SlaPolicy.named("all")
                    .firstReply(Duration.ofHours(1))
                    .nextReply(Duration.ofHours(2))
                    .periodicUpdate(Duration.ofHours(4))
                    .resolution(Duration.ofHours(8))
                    .build())
            .build();
    HelpDesk desk =
        withFreshStore(HelpDesk.builder())
            .clock(clock)
            .notifier(n -> {})
            .sla(sla)
            .onBadRating(s.onBad())
            .assignment(
                AssignmentPolicy.builder()
                    .automatic(s.automatic())
                    .escalationGroup(SUPERVISORS)
                    .build())
            .build();
    desk.saveAgent(Actor.system("admin"), agent("a-1", "g-1"));
    desk.saveAgent(Actor.system("admin"), agent("a-2", "g-2"));
    desk.saveAgent(Actor.system("admin"), agent("s-1", "sup"));
    Run r = new Run(desk, clock);
    for (Op op : s.ops()) {
      try {
        op.apply(r);
      } catch (HelpDeskException refused) {
        // A refusal changes nothing; the property is about what was done.
      }
    }
    Instant end = clock.instant().plusSeconds(1);
    List<TimeRange> ranges = new ArrayList<>();
    ranges.add(new TimeRange(START.minusSeconds(1), end));
    for (Window w : s.windows()) {
      Instant from = START.plus(Duration.ofMinutes(w.fromMinute()));
      ranges.add(new TimeRange(from, from.plus(Duration.ofMinutes(w.minutes()))));
    }
    for (TimeRange range : ranges) {
      MetricsReport expected = replay(desk, r.tickets, range);
      MetricsReport actual = desk.metrics(STAFF, range.from(), range.to());
      if (!expected.equals(actual)) {
        throw new AssertionError(
            "Over "
                + range
                + "\n  replayed: "
                + expected
                + "\n  the desk: "
                + actual
                + "\n  ops: "
                + s.ops());
      }
    }
  }

  private static Agent agent(String id, String group) {
    return new Agent(
            AgentId.of(id),
            "Agent " + id,
            EmailAddress.of(id + "@desk.example"),
            Set.of(GroupId.of(group)))
        .withEscalationGroup(group.equals("sup") ? Optional.empty() : Optional.of(SUPERVISORS));
  }

  // ================================================================ the model

  /** The report a reader of the histories and the tickets would write, by the documented rules. */
  static MetricsReport replay(HelpDesk desk, List<TicketId> ids, TimeRange range) {
    long opened = 0;
    List<Duration> firstReplies = new ArrayList<>();
    List<Duration> resolutions = new ArrayList<>();
    long reopens = 0;
    Map<SlaTarget, SlaCompliance> sla = new EnumMap<>(SlaTarget.class);
    SatisfactionScore satisfaction = SatisfactionScore.NONE;
    Map<AgentId, SatisfactionScore> byAgent = new HashMap<>();
    Map<GroupId, SatisfactionScore> byGroup = new HashMap<>();
    Map<AgentId, Long> load = new HashMap<>();
    Map<Priority, Long> queue = new EnumMap<>(Priority.class);
    Map<Priority, Long> unsolved = new EnumMap<>(Priority.class);
    for (TicketId id : ids) {
      TicketDetails d = desk.ticket(STAFF, id);
      TicketEvent.Created created = (TicketEvent.Created) d.history().get(0);
      Instant openedAt = created.at();
      if (range.contains(openedAt)) {
        opened++;
      }
      // The description is the first message; replies are what agents write after it.
      boolean openingMessageSeen = created.description().isEmpty();
      Instant firstReply = null;
      Instant firstSolve = null;
      for (TicketEvent e : d.history()) {
        if (e instanceof TicketEvent.MessageAdded m) {
          if (!openingMessageSeen) {
            openingMessageSeen = true;
          } else if (firstReply == null
              && m.actor() instanceof Actor.Agent
              && m.visibility() == Visibility.PUBLIC) {
            firstReply = m.at();
          }
        } else if (e instanceof TicketEvent.StatusChanged c) {
          if (c.to() == Status.SOLVED && firstSolve == null) {
            firstSolve = c.at();
          }
          if (c.from() == Status.SOLVED && c.to().isUnsolved() && range.contains(c.at())) {
            reopens++;
          }
        } else if (e instanceof TicketEvent.SlaMet m && range.contains(m.at())) {
          sla.merge(m.target(), new SlaCompliance(1, 0), SlaCompliance::plus);
        } else if (e instanceof TicketEvent.SlaBreached b && range.contains(b.dueAt())) {
          sla.merge(b.target(), new SlaCompliance(0, 1), SlaCompliance::plus);
        } else if (e instanceof TicketEvent.Rated rated && range.contains(rated.at())) {
          satisfaction = satisfaction.plus(rated.rating());
          SatisfactionScore one = SatisfactionScore.NONE.plus(rated.rating());
          rated.agent().ifPresent(a -> byAgent.merge(a, one, SatisfactionScore::plus));
          rated.group().ifPresent(g -> byGroup.merge(g, one, SatisfactionScore::plus));
        }
      }
      if (firstReply != null && range.contains(firstReply)) {
        firstReplies.add(Duration.between(openedAt, firstReply));
      }
      if (firstSolve != null && range.contains(firstSolve)) {
        resolutions.add(Duration.between(openedAt, firstSolve));
      }
      Ticket t = d.ticket();
      if (t.status().isUnsolved()) {
        unsolved.merge(t.priority(), 1L, Long::sum);
        if (t.assignee().isPresent()) {
          load.merge(t.assignee().get(), 1L, Long::sum);
        } else {
          queue.merge(t.priority(), 1L, Long::sum);
        }
      }
    }
    return new MetricsReport(
        range,
        opened,
        stats(firstReplies),
        stats(resolutions),
        reopens,
        sla,
        satisfaction,
        byAgent,
        byGroup,
        load,
        queue,
        unsolved);
  }

  private static DurationStats stats(List<Duration> durations) {
    if (durations.isEmpty()) {
      return DurationStats.NONE;
    }
    Duration total = durations.stream().reduce(Duration.ZERO, Duration::plus);
    Duration average =
        Duration.ofNanos(total.dividedBy(durations.size()).toNanos())
            .truncatedTo(ChronoUnit.MICROS);
    return new DurationStats(
        durations.size(), Optional.of(average), durations.stream().max(Duration::compareTo));
  }

  // ================================================================ running operations

  /** The desk under test and every ticket it opened, oldest first. */
  static final class Run {
    final HelpDesk desk;
    final SettableClock clock;
    final List<TicketId> tickets = new ArrayList<>();

    Run(HelpDesk desk, SettableClock clock) {
      this.desk = desk;
      this.clock = clock;
    }

    /** The ticket {@code index} places back from the newest; null when there is none yet. */
    TicketId ticket(int index) {
      return tickets.isEmpty() ? null : tickets.get(tickets.size() - 1 - index % tickets.size());
    }

    Actor owner(TicketId id) {
      return Actor.customer(desk.ticket(STAFF, id).ticket().requester().id());
    }
  }

  interface Op {
    void apply(Run r);
  }

  record Open(int customer, Priority priority, boolean description, boolean byAgent) implements Op {
    @Override
    public void apply(Run r) {
      String c = CUSTOMERS.get(customer);
      NewTicket.Builder request =
          NewTicket.builder()
              .requester(c, "Customer " + c, c + "@example.com")
              .subject("Train cancelled")
              .priority(priority);
      if (description) {
        request.description("My train was cancelled; I need a refund.");
      }
      Actor by = byAgent ? Actor.agent(AGENTS.get(0)) : Actor.customer(c);
      r.tickets.add(r.desk.open(by, request.build()).id());
    }
  }

  record Reply(int ticket, int who) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id == null) {
        return;
      }
      Actor by = who < AGENTS.size() ? Actor.agent(AGENTS.get(who)) : r.owner(id);
      Posted posted = r.desk.reply(by, id, "A reply");
      if (posted.followUp()) {
        r.tickets.add(posted.ticket().id());
      }
    }
  }

  record Note(int ticket) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.note(Actor.agent(AGENTS.get(0)), id, "An internal note");
      }
    }
  }

  record Assign(int ticket, int agent) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.assign(Actor.agent(AGENTS.get(0)), id, AGENTS.get(agent), true);
      }
    }
  }

  record ChangeStatus(int ticket, Status to) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.changeStatus(Actor.agent(AGENTS.get(1)), id, to);
      }
    }
  }

  record ChangePriority(int ticket, Priority to) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.changePriority(Actor.agent(AGENTS.get(1)), id, to);
      }
    }
  }

  record Rate(int ticket, Rating rating) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.rate(r.owner(id), id, rating, rating == Rating.BAD ? "Still no refund" : null);
      }
    }
  }

  record Escalate(int ticket) implements Op {
    @Override
    public void apply(Run r) {
      TicketId id = r.ticket(ticket);
      if (id != null) {
        r.desk.escalate(Actor.agent(AGENTS.get(1)), id, "customer unhappy");
      }
    }
  }

  record Merge(int duplicate, int into) implements Op {
    @Override
    public void apply(Run r) {
      TicketId d = r.ticket(duplicate);
      TicketId i = r.ticket(into);
      if (d != null) {
        r.desk.merge(Actor.agent(AGENTS.get(0)), d, i);
      }
    }
  }

  record Link(int from, int to, LinkKind kind) implements Op {
    @Override
    public void apply(Run r) {
      TicketId a = r.ticket(from);
      TicketId b = r.ticket(to);
      if (a != null) {
        r.desk.link(Actor.agent(AGENTS.get(0)), a, b, kind);
      }
    }
  }

  record Advance(int minutes) implements Op {
    @Override
    public void apply(Run r) {
      r.clock.advance(Duration.ofMinutes(minutes));
    }
  }

  record Tick() implements Op {
    @Override
    public void apply(Run r) {
      r.desk.slaMonitor().orElseThrow().tick();
    }
  }

  record Sweep() implements Op {
    @Override
    public void apply(Run r) {
      r.desk.closeSolvedTickets();
    }
  }

  /** A range to ask about, in minutes from the start. */
  record Window(int fromMinute, int minutes) {}

  record Scenario(BadRatingAction onBad, boolean automatic, List<Op> ops, List<Window> windows) {
    @Override
    public String toString() {
      return "onBadRating "
          + onBad
          + ", automatic assignment "
          + automatic
          + ", windows "
          + windows
          + ops.stream().map(Object::toString).collect(Collectors.joining("\n  ", ":\n  ", ""));
    }
  }

  // ================================================================ generators

  private static Gen<Scenario> scenarios() {
    Gen<Op> first = open();
    Gen<List<Op>> ops =
        first.zip(
            SourceDSL.lists().of(operation()).ofSizeBetween(0, 40),
            (o, rest) -> {
              List<Op> all = new ArrayList<>();
              all.add(o);
              all.addAll(rest);
              return all;
            });
    Gen<Window> window = Generate.range(0, 3_000).zip(Generate.range(1, 3_000), Window::new);
    return Generate.enumValues(BadRatingAction.class)
        .zip(
            Generate.booleans(),
            ops,
            SourceDSL.lists().of(window).ofSizeBetween(1, 3),
            Scenario::new);
  }

  private static Gen<Op> open() {
    return Generate.range(0, 1)
        .zip(
            Generate.enumValues(Priority.class),
            Generate.booleans(),
            Generate.booleans(),
            (c, p, d, a) -> (Op) new Open(c, p, d, a));
  }

  private static Gen<Integer> target() {
    return weighted(
        Pair.of(5, Generate.constant(0)),
        Pair.of(4, Generate.range(1, 3)),
        Pair.of(1, Generate.range(4, 9)));
  }

  private static Gen<Op> operation() {
    return weighted(
        Pair.of(3, open()),
        Pair.of(8, target().zip(Generate.range(0, AGENTS.size()), (t, w) -> (Op) new Reply(t, w))),
        Pair.of(1, target().map(t -> (Op) new Note(t))),
        Pair.of(
            4, target().zip(Generate.range(0, AGENTS.size() - 1), (t, a) -> (Op) new Assign(t, a))),
        Pair.of(
            6,
            target()
                .zip(
                    weighted(
                        Pair.of(3, Generate.constant(Status.SOLVED)),
                        Pair.of(
                            2,
                            Generate.pick(
                                List.of(
                                    Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.CLOSED)))),
                    (t, s) -> (Op) new ChangeStatus(t, s))),
        Pair.of(
            1,
            target()
                .zip(Generate.enumValues(Priority.class), (t, p) -> (Op) new ChangePriority(t, p))),
        Pair.of(4, target().zip(Generate.enumValues(Rating.class), (t, g) -> (Op) new Rate(t, g))),
        Pair.of(1, target().map(t -> (Op) new Escalate(t))),
        Pair.of(2, target().zip(target(), (a, b) -> (Op) new Merge(a, b))),
        Pair.of(
            1,
            target()
                .zip(
                    target(),
                    Generate.enumValues(LinkKind.class),
                    (a, b, k) -> (Op) new Link(a, b, k))),
        Pair.of(
            6,
            weighted(
                    Pair.of(4, Generate.range(1, 90)),
                    Pair.of(2, Generate.range(90, 600)),
                    Pair.of(1, Generate.range(600, 7_000)))
                .map(m -> (Op) new Advance(m))),
        Pair.of(3, Generate.constant((Op) new Tick())),
        Pair.of(1, Generate.constant((Op) new Sweep())));
  }

  @SafeVarargs
  private static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
    return Generate.frequency(List.of(choices));
  }
}
