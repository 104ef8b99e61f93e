package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two desks over one database run the close sweep at once: the other instance closes the ticket
 * between this one's query and its change. The ticket is closed once and counted once.
 */
class SeveralInstancesTest {

  private static final TestDatabase DB = TestDatabase.H2;
  private static final Actor BEA = Actor.agent("a-bea");

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");

  @Test
  void theCloseSweepOfTwoInstancesClosesAndCountsATicketOnce() {
    JpaHelpDeskStore store = DB.freshStore();
    HelpDesk one = store.configure(HelpDesk.builder()).clock(clock).build();
    AtomicBoolean armed = new AtomicBoolean();
    AtomicInteger byOne = new AtomicInteger(-1);
    Tickets racing =
        (Tickets)
            Proxy.newProxyInstance(
                Tickets.class.getClassLoader(),
                new Class<?>[] {Tickets.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(store.tickets(), args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  // The other instance sweeps between this one's query and its changes.
                  if (method.getName().equals("solvedBefore") && armed.compareAndSet(true, false)) {
                    byOne.set(one.closeSolvedTickets());
                  }
                  return result;
                });
    HelpDesk two =
        store.configure(HelpDesk.builder()).tickets(racing, store.outbox()).clock(clock).build();
    one.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t =
        one.open(
            Actor.customer("c-ana"),
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build());
    one.assign(BEA, t.id(), AgentId.of("a-bea"));
    one.changeStatus(BEA, t.id(), Status.SOLVED);
    clock.advance(Duration.ofDays(5));

    armed.set(true);
    int byTwo = two.closeSolvedTickets();

    assertEquals(1, byOne.get());
    assertEquals(0, byTwo, "the ticket the other instance closed is not counted again");
    assertEquals(Status.CLOSED, store.tickets().byId(t.id()).orElseThrow().status());
    assertEquals(
        1,
        store.tickets().history(t.id()).stream()
            .filter(e -> e instanceof TicketEvent.StatusChanged s && s.to() == Status.CLOSED)
            .count());
  }
}
