package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live updates for the pages, as Server-Sent Events, from the desk's live subscriptions: a ticket's
 * new messages, status and assignee for whoever watches it (the desk lets a customer watch only
 * their own tickets, and never sends them internal notes), and, for an agent console, its queue.
 *
 * <p>Event types sent: {@code message} (a {@link Views.MessageView}), {@code status} ({@code from},
 * {@code to}), {@code assignee} ({@code assignee}), {@code resync} (updates were dropped: reload
 * the ticket), {@code queue} (reload the queue).
 */
final class Live {

  /** What a stream watches, until closed; closing never throws. */
  @FunctionalInterface
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private final HelpDesk desk;
  private final Views views;
  private final Set<EventStream> consoles = ConcurrentHashMap.newKeySet();
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

  Live(HelpDesk desk, Views views) {
    this.desk = desk;
    this.views = views;
    // The unassigned queue is everyone's: a new ticket, or one leaving or joining an agent, may
    // change it. Agents may see every ticket, so the nudge carries only an id.
    desk.addListener(
        event -> {
          if (event instanceof TicketEvent.Created || event instanceof TicketEvent.Assigned) {
            consoles.forEach(s -> s.send("queue", Map.of("ticketId", event.ticketId().toString())));
          }
        });
  }

  /**
   * Streams one ticket's updates to {@code stream} until the returned watch is closed.
   *
   * @throws dev.helpdesk.actor.AccessDeniedException if the viewer may not read the ticket
   * @throws dev.helpdesk.common.NotFoundException if there is no such ticket
   */
  Watch watchTicket(Actor viewer, TicketId ticket, EventStream stream) {
    // Read first for the access check and the customer's name (which never changes); the page
    // reads the whole ticket once the stream is open, after the subscription, so it misses nothing.
    String customerName = desk.ticket(viewer, ticket).ticket().requester().name();
    Subscription subscription =
        desk.subscribe(viewer, ticket, update -> forward(update, customerName, stream));
    streams.add(stream);
    return () -> {
      streams.remove(stream);
      subscription.close();
    };
  }

  /** Streams an agent's queue changes to {@code stream} until the watch is closed. */
  Watch watchQueues(Actor.Agent agent, EventStream stream) {
    Subscription mine =
        desk.subscribeQueue(
            agent, agent.id(), update -> stream.send("queue", Map.of("ticketId", id(update))));
    consoles.add(stream);
    return () -> {
      consoles.remove(stream);
      mine.close();
    };
  }

  /** Ends every stream, so that their HTTP threads finish (on shutdown). */
  void closeAll() {
    consoles.forEach(EventStream::close);
    streams.forEach(EventStream::close);
  }

  private void forward(LiveUpdate update, String customerName, EventStream stream) {
    if (update instanceof LiveUpdate.MessagePosted m) {
      stream.send("message", views.message(m.message(), customerName));
    } else if (update instanceof LiveUpdate.StatusChanged s) {
      stream.send("status", Map.of("from", s.from().name(), "to", s.to().name()));
    } else if (update instanceof LiveUpdate.AssigneeChanged a) {
      stream.send("assignee", Map.of("assignee", a.to().map(views::agentName).orElse("")));
    } else if (update instanceof LiveUpdate.Overflow) {
      stream.send("resync", Map.of());
    }
  }

  private static String id(LiveUpdate update) {
    if (update instanceof LiveUpdate.MessagePosted m) {
      return m.ticketId().toString();
    } else if (update instanceof LiveUpdate.StatusChanged s) {
      return s.ticketId().toString();
    } else if (update instanceof LiveUpdate.AssigneeChanged a) {
      return a.ticketId().toString();
    }
    return "";
  }
}
