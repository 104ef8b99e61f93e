package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.FieldType;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Declared custom fields: checked at intake and when staff edit them, each edit in the history. */
class FieldsTest {

  static final FieldDefinition SEAT_CLASS =
      FieldDefinition.choice("seat_class", "Seat class", "first", "second").asRequired();
  static final FieldDefinition FARE = FieldDefinition.number("fare", "Fare paid");
  static final FieldDefinition TRAVEL_DATE = FieldDefinition.date("travel_date", "Travel date");
  static final FieldDefinition TRAIN = FieldDefinition.text("train", "Train").withMaxLength(8);
  static final FieldDefinition PNR = FieldDefinition.bookingReference("pnr", "Airline PNR");

  private final DeskFixture f =
      new DeskFixture(b -> b.fields(SEAT_CLASS, FARE, TRAVEL_DATE, TRAIN, PNR));

  private NewTicket.Builder withSeat() {
    return request("c-ana").field("seat_class", "second");
  }

  private Ticket openWith(Map<String, String> more) {
    NewTicket.Builder r = withSeat();
    more.forEach(r::field);
    return f.desk.ticket(BEA, f.desk.open(ANA, r.build()).id()).ticket();
  }

  private static void refused(String field, String rule, Executable call) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  private List<TicketEvent.FieldsChanged> fieldChanges(Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(TicketEvent.FieldsChanged.class::isInstance)
        .map(TicketEvent.FieldsChanged.class::cast)
        .toList();
  }

  @Test
  void theDeskListsItsDeclaredFields() {
    assertEquals(List.of(SEAT_CLASS, FARE, TRAVEL_DATE, TRAIN, PNR), f.desk.fields());
    assertEquals(List.of(), new DeskFixture().desk.fields());
  }

  @Test
  void aTicketWithValidValuesOfEveryTypeOpens() {
    Ticket t =
        openWith(
            Map.of(
                "fare",
                "-12.50",
                "travel_date",
                "2026-04-01",
                "train",
                "ICE 123",
                "pnr",
                "X7Y-Q2",
                Ticket.BOOKING_REFERENCE,
                "BK-77",
                Ticket.LOCALE,
                "de"));
    assertEquals("second", t.customFields().get("seat_class"));
    assertEquals("-12.50", t.customFields().get("fare"));
    assertEquals("2026-04-01", t.customFields().get("travel_date"));
    assertEquals("BK-77", t.bookingReference().orElseThrow());
  }

  @Test
  void intakeRefusesAValueThatDoesNotSuitItsTypeAndStoresNothing() {
    refused("customFields.fare", "decimal", () -> openWith(Map.of("fare", "twelve")));
    refused("customFields.fare", "decimal", () -> openWith(Map.of("fare", "1,5")));
    refused(
        "customFields.travel_date",
        "yyyy-MM-dd",
        () -> openWith(Map.of("travel_date", "1.4.2026")));
    refused(
        "customFields.travel_date",
        "yyyy-MM-dd",
        () -> openWith(Map.of("travel_date", "2026-02-30")));
    refused("customFields.seat_class", "one of", () -> openWith(Map.of("seat_class", "Second")));
    refused("customFields.train", "at most 8", () -> openWith(Map.of("train", "ICE 123456")));
    refused("customFields.pnr", "blank", () -> openWith(Map.of("pnr", " ")));
    assertEquals(List.of(), f.desk.ticketsOf(BEA, CustomerId.of("c-ana")));
  }

  @Test
  void intakeRefusesAMissingRequiredFieldAndAnUndeclaredKey() {
    refused(
        "customFields.seat_class", "is required", () -> f.desk.open(ANA, request("c-ana").build()));
    refused(
        "customFields.seat",
        "not a declared field",
        () -> f.desk.open(ANA, withSeat().field("seat", "12A").build()));
  }

  @Test
  void aTicketOpenedFromAMailIsNotRefusedForARequiredFieldButItsValuesAreChecked() {
    // A mail has no form: refusing it would leave the poller retrying it for ever.
    Ticket t = f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).build());
    assertEquals(Channel.EMAIL, t.channel());
    refused(
        "customFields.seat_class",
        "is required",
        () -> f.desk.open(ANA, request("c-ana").channel(Channel.WEB).build()));
    refused(
        "customFields.seat",
        "not a declared field",
        () -> f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).field("seat", "1").build()));
  }

  @Test
  void withoutADeclarationAnyKeyIsAcceptedAsBefore() {
    DeskFixture plain = new DeskFixture();
    Ticket t = plain.desk.open(ANA, request("c-ana").field("anything", "goes").build());
    assertEquals(Map.of("anything", "goes"), t.customFields());
    Ticket after = plain.desk.setFields(BEA, t.id(), Map.of("fare", "not a number"));
    assertEquals("not a number", after.customFields().get("fare"));
  }

  @Test
  void staffSetFieldsAndTheChangeIsInTheHistory() {
    Ticket t = openWith(Map.of("fare", "10"));
    Ticket after = f.desk.setFields(BEA, t.id(), Map.of("fare", "12.50", "seat_class", "first"));
    assertEquals(Map.of("seat_class", "first", "fare", "12.50"), after.customFields());
    assertEquals(t.version() + 1, after.version());
    assertEquals(after, f.desk.ticket(BEA, t.id()).ticket());
    TicketEvent.FieldsChanged change = fieldChanges(t).get(0);
    assertEquals(Map.of("seat_class", "second", "fare", "10"), change.from());
    assertEquals(after.customFields(), change.to());
    assertEquals(Set.of("fare", "seat_class"), change.changedKeys());
    assertEquals(BEA, change.actor());
    assertTrue(f.events.contains(change), "listeners are told");
    assertTrue(
        f.desk.ticket(ANA, t.id()).history().contains(change),
        "the customer sees the fields, so their edits too");
  }

  @Test
  void staffRemoveOptionalFieldsButNotRequiredOnes() {
    Ticket t = openWith(Map.of("fare", "10"));
    Ticket after = f.desk.removeFields(BEA, t.id(), Set.of("fare"));
    assertEquals(Map.of("seat_class", "second"), after.customFields());
    refused(
        "customFields.seat_class",
        "cannot be removed",
        () -> f.desk.removeFields(BEA, t.id(), Set.of("seat_class")));
    assertEquals(after, f.desk.ticket(BEA, t.id()).ticket());
  }

  @Test
  void anEditThatBreaksTheSchemaIsRefusedAndNothingIsStored() {
    Ticket t = openWith(Map.of());
    int history = f.historySize(t);
    refused(
        "customFields.fare", "decimal", () -> f.desk.setFields(BEA, t.id(), Map.of("fare", "x")));
    refused(
        "customFields.seat_class",
        "one of",
        () -> f.desk.setFields(BEA, t.id(), Map.of("fare", "1", "seat_class", "third")));
    refused(
        "customFields.colour",
        "not a declared field",
        () -> f.desk.setFields(BEA, t.id(), Map.of("colour", "red")));
    refused(
        "customFields",
        "keys must match",
        () -> f.desk.setFields(BEA, t.id(), Map.of("no spaces", "x")));
    assertEquals(history, f.historySize(t));
    assertEquals(t, f.desk.ticket(BEA, t.id()).ticket());
  }

  @Test
  void anEditThatChangesNothingStoresNothing() {
    Ticket t = openWith(Map.of("fare", "10"));
    int history = f.historySize(t);
    assertEquals(t, f.desk.setFields(BEA, t.id(), Map.of("fare", "10")));
    assertEquals(t, f.desk.removeFields(BEA, t.id(), Set.of("train")));
    assertEquals(history, f.historySize(t));
  }

  @Test
  void customersMayNotEditFieldsNorMayAnyoneOnAClosedTicket() {
    Ticket t = f.desk.assign(BEA, openWith(Map.of()).id(), DeskFixture.BEA_ID);
    assertThrows(
        AccessDeniedException.class, () -> f.desk.setFields(ANA, t.id(), Map.of("fare", "1")));
    assertThrows(
        AccessDeniedException.class, () -> f.desk.removeFields(ANA, t.id(), Set.of("fare")));
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.desk.changeStatus(BEA, t.id(), Status.CLOSED);
    assertThrows(
        TicketClosedException.class, () -> f.desk.setFields(BEA, t.id(), Map.of("fare", "1")));
  }

  @Test
  void aMacroSetsFieldsInTheChangeThatAppliesIt() {
    Macro upgrade =
        Macro.builder("upgrade")
            .reply("Upgraded.")
            .field("seat_class", "first")
            .tag("upgrade")
            .build();
    DeskFixture g =
        new DeskFixture(b -> b.fields(SEAT_CLASS, FARE, TRAVEL_DATE, TRAIN, PNR).macro(upgrade));
    Ticket t = g.desk.open(ANA, withSeat().build());
    Ticket after = g.desk.applyMacro(BEA, t.id(), "upgrade").ticket();
    assertEquals("first", after.customFields().get("seat_class"));
    assertEquals(t.version() + 1, after.version(), "one change");
    List<TicketEvent> history = g.tickets.history(t.id());
    TicketEvent.FieldsChanged change =
        history.stream()
            .filter(TicketEvent.FieldsChanged.class::isInstance)
            .map(TicketEvent.FieldsChanged.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(Set.of("seat_class"), change.changedKeys());
  }

  @Test
  void aDeskRefusesAMacroWhoseFieldsDoNotSuitTheDeclaration() {
    Macro wrong = Macro.builder("wrong").reply("Hi.").field("seat_class", "third").build();
    Macro undeclared = Macro.builder("odd").reply("Hi.").field("colour", "red").build();
    refused(
        "customFields.seat_class",
        "one of",
        () -> HelpDesk.builder().macro(wrong).fields(SEAT_CLASS).build());
    refused(
        "customFields.colour",
        "not a declared field",
        () -> HelpDesk.builder().fields(SEAT_CLASS).macro(undeclared).build());
    // Without a declaration, as before, any field goes.
    HelpDesk.builder().macro(wrong).macro(undeclared).build().close();
  }

  @Test
  void definitionsAreCheckedWhenDeclared() {
    refused("field.choices", "at least one", () -> FieldDefinition.choice("c", "C"));
    refused("field.choices", "twice", () -> FieldDefinition.choice("c", "C", "a", "a"));
    refused(
        "field.choices",
        "only a choice field",
        () -> new FieldDefinition("n", "N", FieldType.NUMBER, false, List.of("1"), 10));
    refused("field.key", "must match", () -> FieldDefinition.text("a b", "A"));
    refused("field.maxLength", "between", () -> FieldDefinition.text("a", "A").withMaxLength(0));
    refused(
        "fields",
        "declared twice",
        () -> HelpDesk.builder().fields(FARE, FieldDefinition.text("fare", "Again")));
    // A null definition is a ValidationException naming the declaration, not a bare NPE.
    assertEquals(
        "fields",
        assertThrows(ValidationException.class, () -> HelpDesk.builder().fields(FARE, null))
            .field());
  }
}
