/**
 * SLA timers over JPA: {@link dev.helpdesk.jpa.sla.JpaSlaTimers}, one row per ticket in {@code
 * hd_sla_timer}, claimed by monitors with {@code FOR UPDATE SKIP LOCKED}.
 */
package dev.helpdesk.jpa.sla;
