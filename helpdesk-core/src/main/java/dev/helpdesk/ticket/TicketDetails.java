package dev.helpdesk.ticket;

import dev.helpdesk.conversation.Message;
import java.util.List;

/**
 * One ticket as an actor may see it: the ticket, its conversation, its history and its links. For a
 * customer, internal notes and the events that record them are left out, and so are links to
 * tickets of other customers.
 *
 * @param ticket the ticket
 * @param conversation the messages the actor may see, in order
 * @param history the events the actor may see, in order
 * @param links the ticket's links to other tickets the actor may see, in the order they were made
 */
public record TicketDetails(
    Ticket ticket, List<Message> conversation, List<TicketEvent> history, List<TicketLink> links) {

  /** Freezes the lists. */
  public TicketDetails {
    conversation = List.copyOf(conversation);
    history = List.copyOf(history);
    links = List.copyOf(links);
  }
}
