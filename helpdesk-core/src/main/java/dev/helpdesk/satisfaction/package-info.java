/**
 * Customer satisfaction: after a solve the ticket's customer rates it good or bad, once per solve
 * ({@link dev.helpdesk.internal.satisfaction.Satisfaction}); a bad rating reopens the ticket or
 * escalates it to the supervisors, as the desk is configured ({@link
 * dev.helpdesk.satisfaction.BadRatingAction}).
 */
package dev.helpdesk.satisfaction;
