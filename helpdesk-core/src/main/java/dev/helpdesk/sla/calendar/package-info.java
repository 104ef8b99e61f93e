/**
 * Business time: a {@link dev.helpdesk.sla.calendar.BusinessCalendar} of working hours per weekday
 * in a time zone, minus {@link dev.helpdesk.sla.calendar.Holidays}, with the arithmetic SLA targets
 * need (add business time to an instant, measure the business time between two instants).
 */
package dev.helpdesk.sla.calendar;
