package dev.helpdesk.examples.booking;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.examples.QuickstartMain;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What the pages receive as JSON: flat records made from the desk's values. A view shows only what
 * the desk returned for the actor asking, so a customer's view never holds an internal note.
 */
final class Views {

  private final Agents agents;

  Views(Agents agents) {
    this.agents = agents;
  }

  record TicketSummary(
      String id,
      String key,
      String subject,
      String status,
      String priority,
      String bookingReference,
      String requester,
      String assigneeId,
      String assignee,
      Instant createdAt,
      Instant updatedAt) {}

  record MessageView(
      String id, String author, String role, boolean internal, String body, Instant at) {}

  record BookingView(
      String reference,
      String kind,
      String title,
      LocalDate startsOn,
      String details,
      String price) {}

  record PersonView(String id, String name, String email) {}

  record SlaView(String target, String state, Instant dueAt, long remainingMinutes) {}

  TicketSummary summary(Ticket t) {
    return new TicketSummary(
        t.id().toString(),
        t.key().value(),
        t.subject(),
        t.status().name(),
        t.priority().name(),
        t.bookingReference().orElse(null),
        t.requester().name(),
        t.assignee().map(AgentId::value).orElse(null),
        t.assignee().map(this::agentName).orElse(null),
        t.createdAt(),
        t.updatedAt());
  }

  List<TicketSummary> summaries(List<Ticket> tickets) {
    return tickets.stream().map(this::summary).toList();
  }

  /** A message of a ticket whose customer is called {@code customerName}. */
  MessageView message(Message m, String customerName) {
    return new MessageView(
        m.id().toString(),
        author(m.author(), customerName),
        role(m.author()),
        m.visibility() == Visibility.INTERNAL,
        m.body(),
        m.at());
  }

  List<MessageView> messages(List<Message> conversation, Ticket ticket) {
    return conversation.stream().map(m -> message(m, ticket.requester().name())).toList();
  }

  static BookingView booking(Bookings.Booking b) {
    return new BookingView(
        b.reference(),
        b.kind().name().toLowerCase(Locale.ROOT),
        b.title(),
        b.startsOn(),
        b.details(),
        String.format(Locale.ROOT, "EUR %d.%02d", b.priceCents() / 100, b.priceCents() % 100));
  }

  /** One line per event, as the desk's activity log reads (the Quickstart's wording). */
  static List<String> history(List<TicketEvent> events) {
    return events.stream().map(e -> e.at() + "  " + QuickstartMain.describe(e)).toList();
  }

  static SlaView sla(SlaStatus s) {
    return new SlaView(s.target().name(), s.state().name(), s.dueAt(), s.remaining().toMinutes());
  }

  String agentName(AgentId id) {
    return agents.byId(id).map(Agent::name).orElse(id.value());
  }

  private String author(Actor a, String customerName) {
    if (a instanceof Actor.Agent agent) {
      return agentName(agent.id());
    } else if (a instanceof Actor.Customer) {
      return customerName;
    }
    return "Helpdesk";
  }

  private static String role(Actor a) {
    if (a instanceof Actor.Agent) {
      return "agent";
    } else if (a instanceof Actor.Customer) {
      return "customer";
    }
    return "system";
  }
}
