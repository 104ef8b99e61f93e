package dev.helpdesk.metrics;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import java.util.Map;

/**
 * Port: aggregates over the {@link MetricFact}s the ticket store keeps with every change, and
 * counts over the tickets as they stand. Every answer comes from aggregate queries (counts, sums,
 * maxima, grouped), never from loading tickets or histories. The {@code MetricsQueriesContract}
 * suite in the core's test-jar states what every implementation must do.
 *
 * <p>A fact counts in a range when its instant is in it ({@link TimeRange#contains}). Maps hold
 * only keys with something counted, except those keyed by {@link SlaTarget} and {@link Priority},
 * which hold every key.
 */
public interface MetricsQueries {

  /** Tickets opened in the range. */
  long opened(TimeRange range);

  /** Tickets whose first reply was in the range: time from opening to the first reply. */
  DurationStats firstReply(TimeRange range);

  /** Tickets first solved in the range: time from opening to the first move to SOLVED. */
  DurationStats resolution(TimeRange range);

  /** Moves from SOLVED back to work in the range. */
  long reopens(TimeRange range);

  /** SLA cycles met or breached in the range, per target. */
  Map<SlaTarget, SlaCompliance> slaCompliance(TimeRange range);

  /** Ratings given in the range. */
  SatisfactionScore satisfaction(TimeRange range);

  /** Ratings given in the range, per agent who had the ticket then. */
  Map<AgentId, SatisfactionScore> satisfactionByAgent(TimeRange range);

  /** Ratings given in the range, per group the ticket was routed to then (none: not counted). */
  Map<GroupId, SatisfactionScore> satisfactionByGroup(TimeRange range);

  /** Now: each agent's unsolved tickets (NEW, OPEN, PENDING, ON_HOLD assigned to them). */
  Map<AgentId, Long> loadByAgent();

  /** Now: unsolved tickets nobody is assigned to, per priority. */
  Map<Priority, Long> queueByPriority();

  /** Now: every unsolved ticket, assigned or not, per priority. */
  Map<Priority, Long> unsolvedByPriority();
}
