/**
 * Figures of the desk's work, from its history: first reply and resolution times, reopenings, SLA
 * compliance per target, satisfaction per agent and group over a time range, and the current load
 * per agent and queue by priority. Each stored ticket change yields its {@link
 * dev.helpdesk.metrics.MetricFact facts} ({@link dev.helpdesk.metrics.MetricFacts#of}, a pure
 * function of the change's events), which the ticket store keeps in the same atomic write; the
 * {@link dev.helpdesk.metrics.MetricsQueries} port aggregates them over a {@link
 * dev.helpdesk.metrics.TimeRange} without loading tickets. {@code HelpDesk.metrics} gathers the
 * answers in a {@link dev.helpdesk.metrics.MetricsReport}.
 */
package dev.helpdesk.metrics;
