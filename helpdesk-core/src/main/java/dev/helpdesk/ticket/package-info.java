/**
 * Tickets and the rules of their life: the {@link dev.helpdesk.ticket.Ticket} value, the status
 * machine ({@link dev.helpdesk.ticket.StatusTransitions}), the rules applied to each change ({@link
 * dev.helpdesk.internal.change.TicketEdit}), who may do what ({@link
 * dev.helpdesk.internal.access.TicketAccess}), the audit history ({@link
 * dev.helpdesk.ticket.TicketEvent}), and the ports that store tickets and issue their keys.
 */
package dev.helpdesk.ticket;
