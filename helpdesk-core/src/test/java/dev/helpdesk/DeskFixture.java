package dev.helpdesk;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A desk in memory with a settable clock, two agents, and recorders for mail and events. */
final class DeskFixture {

  final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  final InMemoryOutbox outbox = new InMemoryOutbox();
  final InMemoryTickets tickets = new InMemoryTickets(outbox);
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  final List<TicketEvent> events = new CopyOnWriteArrayList<>();
  final HelpDesk desk;

  static final Actor ANA = Actor.customer("c-ana");
  static final Actor BOB = Actor.customer("c-bob");
  static final Actor BEA = Actor.agent("a-bea");
  static final Actor CAL = Actor.agent("a-cal");
  static final AgentId BEA_ID = AgentId.of("a-bea");
  static final AgentId CAL_ID = AgentId.of("a-cal");

  DeskFixture() {
    this(b -> b);
  }

  DeskFixture(UnaryOperator<HelpDeskBuilder> customize) {
    desk =
        customize
            .apply(
                HelpDesk.builder()
                    .clock(clock)
                    .tickets(tickets, outbox)
                    .notifier(sent::add)
                    .listener(events::add))
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    desk.saveAgent(Actor.system("admin"), Agent.of("a-cal", "Cal Agent", "cal@desk.example"));
  }

  static NewTicket.Builder request(String customer) {
    return NewTicket.builder()
        .requester(customer, "Name of " + customer, customer + "@example.com")
        .subject("Seat missing on booking")
        .description("My seat reservation is not shown.");
  }

  /** A ticket Ana opened. */
  Ticket openByAna() {
    return desk.open(ANA, request("c-ana").build());
  }

  /** A ticket Ana opened and Bea took. */
  Ticket openAssigned() {
    Ticket t = openByAna();
    return desk.assign(BEA, t.id(), BEA_ID);
  }

  /** Delivers what is due and returns what was sent by this call. */
  List<Notification> deliver() {
    int before = sent.size();
    desk.dispatchNotifications();
    return List.copyOf(sent.subList(before, sent.size()));
  }

  /**
   * Lets the default coalescing window pass, delivers what is due and returns what was sent by this
   * call: what a change told the assignee or the customer, which waits for the window.
   */
  List<Notification> deliverHeld() {
    clock.advance(dev.helpdesk.notification.NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    return deliver();
  }

  int historySize(Ticket t) {
    return tickets.history(t.id()).size();
  }
}
