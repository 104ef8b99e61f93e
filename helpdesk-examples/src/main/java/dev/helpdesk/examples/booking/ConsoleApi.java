package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.examples.booking.Views.BookingView;
import dev.helpdesk.examples.booking.Views.MessageView;
import dev.helpdesk.examples.booking.Views.PersonView;
import dev.helpdesk.examples.booking.Views.SlaView;
import dev.helpdesk.examples.booking.Views.TicketSummary;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The agent console's JSON API under {@code /api/agent/}: the queue, a ticket with its internal
 * notes, history, SLA timers and the customer's booking, and the agent's actions. Every call acts
 * as the signed-in agent.
 */
final class ConsoleApi {

  record SignIn(String agentId) {}

  record AgentView(String id, String name, List<String> skills) {}

  record Queue(List<TicketSummary> mine, List<TicketSummary> unassigned) {}

  record Text(String body) {}

  record StatusChange(String status) {}

  record MacroView(String name, String reply) {}

  record ApplyMacro(String name) {}

  record TicketView(
      TicketSummary ticket,
      PersonView customer,
      BookingView booking,
      List<MessageView> conversation,
      List<String> history,
      List<SlaView> sla,
      List<String> nextStatuses) {}

  private final HelpDesk desk;
  private final Agents agents;
  private final Bookings bookings;
  private final Identity identity;
  private final Views views;
  private final Live live;
  private final StatusTransitions transitions = StatusTransitions.defaults();

  ConsoleApi(
      HelpDesk desk, Agents agents, Bookings bookings, Identity identity, Views views, Live live) {
    this.desk = desk;
    this.agents = agents;
    this.bookings = bookings;
    this.identity = identity;
    this.views = views;
    this.live = live;
  }

  void register(Router router) {
    router
        .get(
            "/api/agents",
            r ->
                agents.all().stream()
                    .sorted(Comparator.comparing(Agent::name))
                    .map(a -> new AgentView(a.id().value(), a.name(), List.copyOf(a.skills())))
                    .toList())
        .post(
            "/api/agent/session",
            r -> {
              identity.signInAgent(r.exchange(), r.body(SignIn.class).agentId());
              return Router.NO_CONTENT;
            })
        .get(
            "/api/agent/me",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              Agent a = agents.byId(me.id()).orElseThrow();
              return new AgentView(a.id().value(), a.name(), List.copyOf(a.skills()));
            })
        .get(
            "/api/agent/queue",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              return new Queue(
                  views.summaries(desk.queueOf(me, me.id())),
                  views.summaries(desk.unassignedQueue(me)));
            })
        .get(
            "/api/agent/tickets/([^/]+)",
            r -> ticket(identity.agent(r.exchange()), TicketId.parse(r.group(1))))
        .post(
            "/api/agent/tickets/([^/]+)/replies",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              Posted p = desk.reply(me, TicketId.parse(r.group(1)), r.body(Text.class).body());
              return views.message(p.message(), p.ticket().requester().name());
            })
        .post(
            "/api/agent/tickets/([^/]+)/notes",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              TicketId id = TicketId.parse(r.group(1));
              var note = desk.note(me, id, r.body(Text.class).body());
              return views.message(note, desk.ticket(me, id).ticket().requester().name());
            })
        .post(
            "/api/agent/tickets/([^/]+)/status",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              Status to = status(r.body(StatusChange.class).status());
              return views.summary(desk.changeStatus(me, TicketId.parse(r.group(1)), to));
            })
        .post(
            "/api/agent/tickets/([^/]+)/take",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              return views.summary(desk.assign(me, TicketId.parse(r.group(1)), me.id()));
            })
        .get(
            "/api/agent/macros",
            r -> {
              identity.agent(r.exchange());
              return desk.macros().stream().map(m -> new MacroView(m.name(), m.reply())).toList();
            })
        .post(
            "/api/agent/tickets/([^/]+)/macros",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              Posted p =
                  desk.applyMacro(me, TicketId.parse(r.group(1)), r.body(ApplyMacro.class).name());
              return views.message(p.message(), p.ticket().requester().name());
            })
        .get(
            "/api/agent/tickets/([^/]+)/events",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              EventStream stream = new EventStream(r.exchange());
              try (Live.Watch watching = live.watchTicket(me, TicketId.parse(r.group(1)), stream)) {
                stream.pump(Duration.ofSeconds(15));
              }
              return Router.STREAMED;
            })
        .get(
            "/api/agent/events",
            r -> {
              Actor.Agent me = identity.agent(r.exchange());
              EventStream stream = new EventStream(r.exchange());
              try (Live.Watch watching = live.watchQueues(me, stream)) {
                stream.pump(Duration.ofSeconds(15));
              }
              return Router.STREAMED;
            });
  }

  private TicketView ticket(Actor.Agent me, TicketId id) {
    TicketDetails d = desk.ticket(me, id);
    Ticket t = d.ticket();
    var customer = t.requester();
    return new TicketView(
        views.summary(t),
        new PersonView(customer.id().value(), customer.name(), customer.email().value()),
        t.bookingReference().flatMap(bookings::find).map(Views::booking).orElse(null),
        views.messages(d.conversation(), t),
        Views.history(d.history()),
        desk.slaStatus(me, id).stream().map(Views::sla).toList(),
        transitions.from(t.status()).stream().map(Status::name).sorted().toList());
  }

  private static Status status(String name) {
    return Arrays.stream(Status.values())
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ValidationException(
                    "status", "must be one of " + Arrays.toString(Status.values())));
  }
}
