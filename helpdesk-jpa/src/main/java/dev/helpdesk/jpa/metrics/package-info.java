/**
 * Metrics over JPA: {@link dev.helpdesk.jpa.metrics.JpaMetrics} writes each change's metric facts
 * into {@code hd_metric_fact} in the change's transaction and answers the {@link
 * dev.helpdesk.metrics.MetricsQueries} with aggregate queries over that table and {@code
 * hd_ticket}.
 */
package dev.helpdesk.jpa.metrics;
