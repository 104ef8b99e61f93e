package dev.helpdesk.memory;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricFact;
import dev.helpdesk.metrics.MetricFacts;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.TimeRange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The metrics of an {@link InMemoryTickets} store: its facts indexed by instant, so a range query
 * reads the facts in that range only, and counters of the tickets' current load and queue, kept up
 * to date with each change. {@link InMemoryTickets} records each change here under its write lock,
 * so facts are stored exactly when their change is. Thread-safe.
 */
public final class InMemoryMetrics implements MetricsQueries {

  private final NavigableMap<Instant, List<MetricFact>> byTime = new TreeMap<>();
  private final Map<Class<?>, Set<TicketId>> once = new HashMap<>();
  private final Map<AgentId, Long> load = new HashMap<>();
  private final Map<Priority, Long> queue = new EnumMap<>(Priority.class);
  private final Map<Priority, Long> unsolved = new EnumMap<>(Priority.class);

  InMemoryMetrics() {}

  /** Adds the facts of a stored change and moves the ticket's counts from before to after. */
  synchronized void record(TicketChange change) {
    MetricFacts facts = MetricFacts.of(change);
    for (MetricFact f : facts.facts()) {
      if (f.oncePerTicket()
          && !once.computeIfAbsent(f.getClass(), k -> new HashSet<>()).add(facts.ticketId())) {
        continue;
      }
      byTime.computeIfAbsent(f.at(), k -> new ArrayList<>()).add(f);
    }
    change.before().ifPresent(t -> count(t, -1));
    count(change.after(), +1);
  }

  private void count(Ticket t, long delta) {
    if (!t.status().isUnsolved()) {
      return;
    }
    unsolved.merge(t.priority(), delta, Long::sum);
    if (t.assignee().isPresent()) {
      load.merge(t.assignee().get(), delta, Long::sum);
    } else {
      queue.merge(t.priority(), delta, Long::sum);
    }
  }

  private <F extends MetricFact> List<F> in(TimeRange range, Class<F> kind) {
    List<F> found = new ArrayList<>();
    for (List<MetricFact> at : byTime.subMap(range.from(), true, range.to(), false).values()) {
      for (MetricFact f : at) {
        if (kind.isInstance(f)) {
          found.add(kind.cast(f));
        }
      }
    }
    return found;
  }

  @Override
  public synchronized long opened(TimeRange range) {
    return in(range, MetricFact.Opened.class).size();
  }

  @Override
  public synchronized DurationStats firstReply(TimeRange range) {
    return stats(in(range, MetricFact.FirstReply.class), MetricFact.FirstReply::sinceOpened);
  }

  @Override
  public synchronized DurationStats resolution(TimeRange range) {
    return stats(in(range, MetricFact.FirstSolve.class), MetricFact.FirstSolve::sinceOpened);
  }

  private static <F> DurationStats stats(List<F> facts, Function<F, Duration> duration) {
    long total = 0;
    long max = Long.MIN_VALUE;
    for (F f : facts) {
      long micros = DurationStats.micros(duration.apply(f));
      total += micros;
      max = Math.max(max, micros);
    }
    return DurationStats.ofMicros(facts.size(), total, max);
  }

  @Override
  public synchronized long reopens(TimeRange range) {
    return in(range, MetricFact.Reopened.class).size();
  }

  @Override
  public synchronized Map<SlaTarget, SlaCompliance> slaCompliance(TimeRange range) {
    Map<SlaTarget, SlaCompliance> result = new EnumMap<>(SlaTarget.class);
    for (SlaTarget t : SlaTarget.values()) {
      result.put(t, SlaCompliance.NONE);
    }
    for (MetricFact.SlaEnded f : in(range, MetricFact.SlaEnded.class)) {
      result.merge(
          f.target(),
          f.met() ? new SlaCompliance(1, 0) : new SlaCompliance(0, 1),
          SlaCompliance::plus);
    }
    return result;
  }

  @Override
  public synchronized SatisfactionScore satisfaction(TimeRange range) {
    SatisfactionScore score = SatisfactionScore.NONE;
    for (MetricFact.Rated f : in(range, MetricFact.Rated.class)) {
      score = score.plus(f.rating());
    }
    return score;
  }

  @Override
  public synchronized Map<AgentId, SatisfactionScore> satisfactionByAgent(TimeRange range) {
    Map<AgentId, SatisfactionScore> result = new HashMap<>();
    for (MetricFact.Rated f : in(range, MetricFact.Rated.class)) {
      f.agent()
          .ifPresent(
              a ->
                  result.merge(
                      a, SatisfactionScore.NONE.plus(f.rating()), SatisfactionScore::plus));
    }
    return result;
  }

  @Override
  public synchronized Map<GroupId, SatisfactionScore> satisfactionByGroup(TimeRange range) {
    Map<GroupId, SatisfactionScore> result = new HashMap<>();
    for (MetricFact.Rated f : in(range, MetricFact.Rated.class)) {
      f.group()
          .ifPresent(
              g ->
                  result.merge(
                      g, SatisfactionScore.NONE.plus(f.rating()), SatisfactionScore::plus));
    }
    return result;
  }

  @Override
  public synchronized Map<AgentId, Long> loadByAgent() {
    Map<AgentId, Long> result = new HashMap<>();
    load.forEach(
        (agent, n) -> {
          if (n > 0) {
            result.put(agent, n);
          }
        });
    return result;
  }

  @Override
  public synchronized Map<Priority, Long> queueByPriority() {
    return allPriorities(queue);
  }

  @Override
  public synchronized Map<Priority, Long> unsolvedByPriority() {
    return allPriorities(unsolved);
  }

  private static Map<Priority, Long> allPriorities(Map<Priority, Long> counts) {
    Map<Priority, Long> result = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      result.put(p, counts.getOrDefault(p, 0L));
    }
    return result;
  }
}
