package dev.helpdesk.ticket;

import dev.helpdesk.conversation.Message;

/**
 * Where a reply landed. Usually on the ticket it was written to; a customer writing to a CLOSED
 * ticket lands on a new follow-up ticket linked to it.
 *
 * @param ticket the ticket the message is on, after the reply
 * @param message the message as stored
 * @param followUp whether {@link #ticket()} is a new follow-up of the ticket written to
 */
public record Posted(Ticket ticket, Message message, boolean followUp) {}
