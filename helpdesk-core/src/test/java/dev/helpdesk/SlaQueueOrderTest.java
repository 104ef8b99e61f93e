package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With SLAs kept, the queue serves the ticket whose promise falls due first. */
class SlaQueueOrderTest {

  @Test
  void theQueueServesTheEarliestDuePromiseFirstWithinAPriority() {
    DeskFixture f =
        new DeskFixture(
            b ->
                b.sla(SlaFixture.settings().build())
                    .assignment(AssignmentPolicy.builder().build()));
    f.clock.set(SlaFixture.berlin("2026-03-02T10:00:00"));
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);

    // Same priority (NORMAL): the older ticket has 4 business hours, the VIP one 30 minutes.
    Ticket older = f.desk.open(ANA, DeskFixture.request("c-ana").build());
    f.clock.advance(Duration.ofMinutes(5));
    Ticket vip = f.desk.open(ANA, DeskFixture.request("c-ana").tag("vip").build());
    assertTrue(older.assignee().isEmpty() && vip.assignee().isEmpty(), "nobody is online");

    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example").withCapacity(Capacity.of(1)));
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.ONLINE);

    assertEquals(Optional.of(BEA_ID), f.tickets.byId(vip.id()).orElseThrow().assignee());
    assertTrue(f.tickets.byId(older.id()).orElseThrow().assignee().isEmpty());
  }

  @Test
  void withoutSlasTheQueueServesTheOldestFirst() {
    DeskFixture f = new DeskFixture(b -> b.assignment(AssignmentPolicy.builder().build()));
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket older = f.desk.open(ANA, DeskFixture.request("c-ana").build());
    f.clock.advance(Duration.ofMinutes(5));
    Ticket vip = f.desk.open(ANA, DeskFixture.request("c-ana").tag("vip").build());

    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example").withCapacity(Capacity.of(1)));
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.ONLINE);

    assertEquals(Optional.of(BEA_ID), f.tickets.byId(older.id()).orElseThrow().assignee());
    assertTrue(f.tickets.byId(vip.id()).orElseThrow().assignee().isEmpty());
  }
}
