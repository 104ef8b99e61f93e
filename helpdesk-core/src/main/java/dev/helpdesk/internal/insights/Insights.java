package dev.helpdesk.internal.insights;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.HelpDeskException;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.TimeRange;
import java.time.Instant;
import java.util.Optional;

/** The desk's figures, each answered by an aggregate query of the metrics port. */
public final class Insights {

  private final Access access;
  private final Optional<MetricsQueries> metrics;

  /** Insights over the metrics port, if the desk has one. */
  public Insights(Access access, Optional<MetricsQueries> metrics) {
    this.access = access;
    this.metrics = metrics;
  }

  /** The report over {@code [from, to)} and the load now, for staff. */
  public MetricsReport report(Actor actor, Instant from, Instant to) {
    // Desk-wide figures: a supervisor's, when the desk enforces the role.
    access.requireSupervisor(actor, "read metrics");
    TimeRange range = new TimeRange(from, to);
    MetricsQueries q =
        metrics.orElseThrow(
            () ->
                new HelpDeskException(
                    "No metrics: this desk's ticket store records no metric facts; pass its"
                        + " MetricsQueries to HelpDesk.builder().metrics(...)"));
    return new MetricsReport(
        range,
        q.opened(range),
        q.firstReply(range),
        q.resolution(range),
        q.reopens(range),
        q.slaCompliance(range),
        q.satisfaction(range),
        q.satisfactionByAgent(range),
        q.satisfactionByGroup(range),
        q.loadByAgent(),
        q.queueByPriority(),
        q.unsolvedByPriority());
  }
}
