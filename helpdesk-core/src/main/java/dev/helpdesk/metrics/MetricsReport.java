package dev.helpdesk.metrics;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The desk's figures for a time range, and its load now; see {@code
 * docs/satisfaction-and-metrics.md} for every definition. Each figure is answered by its own query,
 * so figures of one report may be a few changes apart when the desk is busy.
 *
 * @param range the range the ranged figures cover
 * @param opened tickets opened in the range
 * @param firstReply tickets whose first public agent reply (after opening) was in the range: time
 *     from opening to that reply
 * @param resolution tickets first solved in the range: time from opening to the first SOLVED
 * @param reopens moves from SOLVED back to work in the range
 * @param sla per target, cycles met (ended in the range before falling due) and breached (fell due
 *     in the range unmet)
 * @param satisfaction ratings given in the range
 * @param satisfactionByAgent those ratings per agent who had the ticket when it was rated
 * @param satisfactionByGroup those ratings per group the ticket was routed to then
 * @param loadByAgent now: unsolved tickets per agent assigned (agents with none are left out)
 * @param queueByPriority now: unsolved tickets nobody is assigned to, per priority
 * @param unsolvedByPriority now: every unsolved ticket per priority
 */
public record MetricsReport(
    TimeRange range,
    long opened,
    DurationStats firstReply,
    DurationStats resolution,
    long reopens,
    Map<SlaTarget, SlaCompliance> sla,
    SatisfactionScore satisfaction,
    Map<AgentId, SatisfactionScore> satisfactionByAgent,
    Map<GroupId, SatisfactionScore> satisfactionByGroup,
    Map<AgentId, Long> loadByAgent,
    Map<Priority, Long> queueByPriority,
    Map<Priority, Long> unsolvedByPriority) {

  /** Validates and freezes: enum-keyed maps hold every key, the others are sorted by id. */
  public MetricsReport {
    Check.present("range", range);
    Check.present("firstReply", firstReply);
    Check.present("resolution", resolution);
    Check.present("satisfaction", satisfaction);
    sla = complete(SlaTarget.class, sla, SlaCompliance.NONE);
    satisfactionByAgent = sorted(satisfactionByAgent, Comparator.comparing(AgentId::value));
    satisfactionByGroup = sorted(satisfactionByGroup, Comparator.comparing(GroupId::value));
    loadByAgent = sorted(loadByAgent, Comparator.comparing(AgentId::value));
    queueByPriority = complete(Priority.class, queueByPriority, 0L);
    unsolvedByPriority = complete(Priority.class, unsolvedByPriority, 0L);
  }

  /** The SLA figures of every target together. */
  public SlaCompliance slaOverall() {
    return sla.values().stream().reduce(SlaCompliance.NONE, SlaCompliance::plus);
  }

  private static <K extends Enum<K>, V> Map<K, V> complete(
      Class<K> type, Map<K, V> values, V none) {
    Check.present("map", values);
    Map<K, V> all = new EnumMap<>(type);
    for (K k : type.getEnumConstants()) {
      all.put(k, values.getOrDefault(k, none));
    }
    return Collections.unmodifiableMap(all);
  }

  private static <K, V> Map<K, V> sorted(Map<K, V> values, Comparator<K> order) {
    Check.present("map", values);
    Map<K, V> sorted = new TreeMap<>(order);
    sorted.putAll(values);
    return Collections.unmodifiableMap(sorted);
  }
}
