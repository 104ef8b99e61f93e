/**
 * Tickets, conversations and histories over JPA: {@link dev.helpdesk.jpa.ticket.JpaTickets} and
 * {@link dev.helpdesk.jpa.ticket.SequenceTicketKeys}, with the entities and mappers they use.
 */
package dev.helpdesk.jpa.ticket;
