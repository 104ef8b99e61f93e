package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The facade's API as a new user meets it. */
class ApiTidyTest {

  private static final Actor ADMIN = Actor.system("admin");

  @Test
  void ticketIdsAreMadeLikeAgentIds() {
    UUID uuid = UUID.randomUUID();
    assertEquals(new TicketId(uuid), TicketId.of(uuid));
    assertEquals(new TicketId(uuid), TicketId.of(uuid.toString()));
    ValidationException e = assertThrows(ValidationException.class, () -> TicketId.of("HD-1"));
    assertEquals("ticketId", e.field());
  }

  @Test
  void aNullDescriptionMeansNone() {
    NewTicket request =
        NewTicket.builder()
            .requester("c-1", "Ana", "ana@example.com")
            .subject("Seat missing")
            .description(null)
            .build();
    assertEquals("", request.description());
    Ticket t = HelpDesk.builder().build().open(Actor.customer("c-1"), request);
    assertEquals("", t.description());
  }

  @Test
  void customersMayNeitherSaveAgentsNorSetTheirAvailability() {
    HelpDesk desk = HelpDesk.builder().build();
    Actor customer = Actor.customer("c-1");
    assertThrows(
        AccessDeniedException.class,
        () -> desk.saveAgent(customer, Agent.of("a-1", "Bea", "bea@desk.example")));
    desk.saveAgent(ADMIN, Agent.of("a-1", "Bea", "bea@desk.example"));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.setAvailability(customer, AgentId.of("a-1"), Availability.OFFLINE));
    assertEquals(
        Availability.OFFLINE,
        desk.setAvailability(Actor.agent("a-1"), AgentId.of("a-1"), Availability.OFFLINE)
            .availability());
  }

  @Test
  void aGroupIsSetAndCleared() {
    HelpDesk desk = HelpDesk.builder().build();
    Ticket t =
        desk.open(
            Actor.customer("c-1"),
            NewTicket.builder()
                .requester("c-1", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build());
    assertEquals(
        Optional.of(GroupId.of("rail")),
        desk.changeGroup(ADMIN, t.id(), GroupId.of("rail")).group());
    assertTrue(desk.clearGroup(ADMIN, t.id()).group().isEmpty());
    ValidationException e =
        assertThrows(ValidationException.class, () -> desk.changeGroup(ADMIN, t.id(), null));
    assertEquals("group", e.field());
  }

  @Test
  void aPolicyWithoutAStrategyAssignsTheLeastLoadedAndANullStrategyIsRefusedByName() {
    assertTrue(AssignmentPolicy.builder().build().automatic());
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> AssignmentPolicy.builder().strategy(null).build());
    assertEquals("strategy", e.field());
    HelpDesk desk = HelpDesk.builder().assignment(AssignmentPolicy.builder().build()).build();
    desk.saveAgent(ADMIN, Agent.of("a-1", "Bea", "bea@desk.example"));
    Ticket t =
        desk.open(
            Actor.customer("c-1"),
            NewTicket.builder()
                .requester("c-1", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build());
    assertEquals(Optional.of(AgentId.of("a-1")), t.assignee());
  }
}
