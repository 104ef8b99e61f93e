/**
 * Service levels: {@link dev.helpdesk.sla.SlaPolicy policies} choose per ticket the business-time
 * targets (first reply, next reply, periodic update, resolution); {@link dev.helpdesk.sla.SlaTimer
 * timers} count them, pause and resume with the ticket's status, warn and breach once per cycle;
 * the {@link dev.helpdesk.sla.SlaMonitor monitor} finds what is due through the {@link
 * dev.helpdesk.sla.SlaTimers} index. Business time comes from {@link
 * dev.helpdesk.sla.calendar.BusinessCalendar}. A ticket's {@link dev.helpdesk.sla.SlaState} (its
 * earliest running due instant, whether a target is breached) is what search filters and sorts by.
 */
package dev.helpdesk.sla;
