package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags and custom fields changed through a whole desk on a store: the ticket and the history read
 * back hold the change as it was made. Subclass it with a fresh store per test.
 */
public abstract class TagsAndFieldsContract {

  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");

  /** Sets an empty store (tickets and outbox at least) on the builder. */
  protected abstract void withFreshStore(HelpDeskBuilder builder);

  private HelpDesk desk;

  @BeforeEach
  void freshDesk() {
    HelpDeskBuilder builder =
        HelpDesk.builder()
            .fields(
                FieldDefinition.choice("seat_class", "Seat class", "first", "second").asRequired(),
                FieldDefinition.number("fare", "Fare"),
                FieldDefinition.date("travel_date", "Travel date"));
    withFreshStore(builder);
    desk = builder.build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
  }

  private Ticket open(NewTicket.Builder request) {
    return desk.open(
        ANA,
        request
            .requester("c-ana", "Ana", "ana@example.com")
            .subject("Seat missing")
            .description("Booked 12A")
            .build());
  }

  private <E extends TicketEvent> List<E> history(Ticket t, Class<E> type) {
    TicketDetails read = desk.ticket(BEA, t.id());
    return read.history().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void tagsAddedAndRemovedAreStoredAndReadBackWithTheirHistory() {
    Ticket t = open(NewTicket.builder().tag("rail").field("seat_class", "first"));
    desk.addTags(BEA, t.id(), Set.of("refund", "vip"));
    Ticket after = desk.removeTags(BEA, t.id(), Set.of("rail"));
    assertEquals(Set.of("refund", "vip"), after.tags());
    assertEquals(after, desk.ticket(BEA, t.id()).ticket());
    List<TicketEvent.TagsChanged> changes = history(t, TicketEvent.TagsChanged.class);
    assertEquals(2, changes.size());
    assertEquals(Set.of("rail"), changes.get(0).from());
    assertEquals(Set.of("rail", "refund", "vip"), changes.get(0).to());
    assertEquals(Set.of("rail", "refund", "vip"), changes.get(1).from());
    assertEquals(Set.of("refund", "vip"), changes.get(1).to());
    assertEquals(BEA, changes.get(1).actor());
  }

  @Test
  void tagsThatChangeNothingWriteNothing() {
    Ticket t = open(NewTicket.builder().tag("rail").field("seat_class", "first"));
    Ticket before = desk.ticket(BEA, t.id()).ticket();
    int history = desk.ticket(BEA, t.id()).history().size();
    assertEquals(before, desk.addTags(BEA, t.id(), Set.of("RAIL")));
    assertEquals(before, desk.removeTags(BEA, t.id(), Set.of("vip")));
    assertEquals(history, desk.ticket(BEA, t.id()).history().size());
    assertEquals(before, desk.ticket(BEA, t.id()).ticket());
  }

  @Test
  void fieldEditsAreStoredAndReadBackWithTheirHistory() {
    Ticket t = open(NewTicket.builder().field("seat_class", "first").field("fare", "10"));
    desk.setFields(BEA, t.id(), Map.of("fare", "12.50", "travel_date", "2026-04-01"));
    Ticket after = desk.removeFields(BEA, t.id(), Set.of("fare"));
    assertEquals(Map.of("seat_class", "first", "travel_date", "2026-04-01"), after.customFields());
    assertEquals(after, desk.ticket(BEA, t.id()).ticket());
    List<TicketEvent.FieldsChanged> changes = history(t, TicketEvent.FieldsChanged.class);
    assertEquals(2, changes.size());
    assertEquals(Map.of("seat_class", "first", "fare", "10"), changes.get(0).from());
    assertEquals(
        Map.of("seat_class", "first", "fare", "12.50", "travel_date", "2026-04-01"),
        changes.get(0).to());
    assertEquals(changes.get(0).to(), changes.get(1).from());
    assertEquals(after.customFields(), changes.get(1).to());
    assertEquals(BEA, changes.get(1).actor());
  }

  @Test
  void aRefusedFieldEditWritesNothing() {
    Ticket t = open(NewTicket.builder().field("seat_class", "first"));
    TicketDetails before = desk.ticket(BEA, t.id());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> desk.setFields(BEA, t.id(), Map.of("fare", "1", "travel_date", "tomorrow")));
    assertEquals("customFields.travel_date", e.field());
    assertEquals(before, desk.ticket(BEA, t.id()));
  }
}
