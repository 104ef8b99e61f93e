package dev.helpdesk;

import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;

/**
 * One ticket as an actor may see it: the ticket, its conversation and its history. For a customer,
 * internal notes and the events that record them are left out.
 *
 * @param ticket the ticket
 * @param conversation the messages the actor may see, in order
 * @param history the events the actor may see, in order
 */
public record TicketDetails(Ticket ticket, List<Message> conversation, List<TicketEvent> history) {

  /** Freezes the lists. */
  public TicketDetails {
    conversation = List.copyOf(conversation);
    history = List.copyOf(history);
  }
}
