package dev.helpdesk.jpa.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_metric_fact}: one {@link dev.helpdesk.metrics.MetricFact}, with the columns
 * its kind uses and nulls in the others (a handful of small columns, all of them aggregated on, so
 * no JSON payload here).
 */
@Entity(name = "HdMetricFact")
@Table(name = "hd_metric_fact")
class MetricFactEntity {

  @Id
  @SequenceGenerator(
      name = "hd_metric_fact_seq",
      sequenceName = "hd_metric_fact_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_metric_fact_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "position", nullable = false)
  int position;

  @Column(name = "kind", nullable = false, length = 16)
  String kind;

  @Column(name = "occurred_at", nullable = false)
  Instant occurredAt;

  @Column(name = "duration_micros")
  Long durationMicros;

  @Column(name = "agent_id", length = 128)
  String agentId;

  @Column(name = "group_id", length = 64)
  String groupId;

  @Column(name = "sla_target", length = 16)
  String slaTarget;

  @Column(name = "outcome", length = 16)
  String outcome;

  protected MetricFactEntity() {}
}
