package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for the pages, as Server-Sent Events: a ticket's new messages, status and assignee
 * for whoever watches it (a customer only their own, and never internal notes), and a nudge to
 * every agent console when a queue may have changed.
 *
 * <p>Event types sent: {@code message} (a {@link Views.MessageView}), {@code status} ({@code from},
 * {@code to}), {@code assignee} ({@code assignee}), {@code resync} (reload the ticket), {@code
 * queue} (reload the queue).
 */
final class Live {

  private static final Logger log = LoggerFactory.getLogger(Live.class);

  private record Watcher(Actor viewer, EventStream stream) {}

  private final HelpDesk desk;
  private final Views views;
  private final Map<TicketId, Set<Watcher>> byTicket = new ConcurrentHashMap<>();
  private final Set<EventStream> consoles = ConcurrentHashMap.newKeySet();

  Live(HelpDesk desk, Views views) {
    this.desk = desk;
    this.views = views;
    desk.addListener(this::on);
  }

  /**
   * Streams one ticket's updates to {@code stream} until the returned handle is closed. The desk
   * checks first that {@code viewer} may read the ticket.
   *
   * @throws dev.helpdesk.actor.AccessDeniedException if the viewer may not read it
   */
  AutoCloseable watchTicket(Actor viewer, TicketId ticket, EventStream stream) {
    desk.ticket(viewer, ticket); // the access check, before anything is streamed
    Watcher w = new Watcher(viewer, stream);
    byTicket.computeIfAbsent(ticket, id -> ConcurrentHashMap.newKeySet()).add(w);
    return () ->
        byTicket.computeIfPresent(
            ticket,
            (id, set) -> {
              set.remove(w);
              return set.isEmpty() ? null : set;
            });
  }

  /** Nudges {@code stream} whenever any queue may have changed, until the handle is closed. */
  AutoCloseable watchQueues(Actor.Agent agent, EventStream stream) {
    desk.queueOf(agent, agent.id()); // the access check: staff only
    consoles.add(stream);
    return () -> consoles.remove(stream);
  }

  /** Ends every stream, so that their HTTP threads finish (on shutdown). */
  void closeAll() {
    byTicket.values().forEach(set -> set.forEach(w -> w.stream().close()));
    consoles.forEach(EventStream::close);
  }

  private void on(TicketEvent event) {
    if (event instanceof TicketEvent.Created || event instanceof TicketEvent.Assigned) {
      consoles.forEach(s -> s.send("queue", Map.of("ticketId", event.ticketId().toString())));
    } else if (event instanceof TicketEvent.StatusChanged) {
      consoles.forEach(s -> s.send("queue", Map.of("ticketId", event.ticketId().toString())));
    }
    Set<Watcher> watchers = byTicket.get(event.ticketId());
    if (watchers == null) {
      return;
    }
    for (Watcher w : watchers) {
      try {
        forward(event, w);
      } catch (RuntimeException e) {
        log.warn("Could not forward {} to a watcher; it reloads on reconnect", event, e);
        w.stream().close();
      }
    }
  }

  private void forward(TicketEvent event, Watcher w) {
    boolean customer = w.viewer() instanceof Actor.Customer;
    if (event instanceof TicketEvent.MessageAdded m) {
      if (customer && m.visibility() == Visibility.INTERNAL) {
        return;
      }
      // Read through the desk as the viewer: what it returns is what the viewer may see.
      var details = desk.ticket(w.viewer(), m.ticketId());
      Ticket ticket = details.ticket();
      for (Message message : details.conversation()) {
        if (message.id().equals(m.messageId())) {
          w.stream().send("message", views.message(message, ticket.requester().name()));
        }
      }
    } else if (event instanceof TicketEvent.StatusChanged s) {
      w.stream().send("status", Map.of("from", s.from().name(), "to", s.to().name()));
    } else if (event instanceof TicketEvent.Assigned a) {
      w.stream().send("assignee", Map.of("assignee", a.to().map(views::agentName).orElse("")));
    } else if (!customer) {
      w.stream().send("resync", Map.of());
    }
  }
}
