package dev.helpdesk.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A macro's definition rules and how its placeholders are filled in. */
class MacroTest {

  private static Ticket ticket(NewTicket.Builder request) {
    return TicketEdit.open(
            TicketId.random(),
            TicketKey.of("HD", 1042),
            request.build(),
            Optional.empty(),
            Actor.customer("c-ana"),
            Instant.parse("2026-03-02T09:00:00Z"),
            StatusTransitions.defaults())
        .current();
  }

  private static NewTicket.Builder request() {
    return NewTicket.builder()
        .requester("c-ana", "Ana Lima", "ana@example.com")
        .subject("Refund please");
  }

  @Test
  void everyPlaceholderIsFilledIn() {
    Macro m =
        Macro.builder("all")
            .reply(
                "Hello {{customer.name}} <{{customer.email}}>, about {{ticket.key}} "
                    + "\"{{ticket.subject}}\" and booking {{ booking_reference }}. {{agent.name}}")
            .build();
    assertEquals(
        "Hello Ana Lima <ana@example.com>, about HD-1042 \"Refund please\" and booking BK-77. Bea",
        m.replyFor(ticket(request().bookingReference("BK-77")), "Bea"));
    assertEquals(
        List.of(
            "customer.name",
            "customer.email",
            "ticket.key",
            "ticket.subject",
            "booking_reference",
            "agent.name"),
        List.copyOf(m.placeholders()));
  }

  @Test
  void textWithoutPlaceholdersAndStrayBracesStaysAsItIs() {
    Macro m = Macro.builder("plain").reply("Use {curly} and }} as you like.").build();
    assertEquals("Use {curly} and }} as you like.", m.replyFor(ticket(request()), "Bea"));
    assertEquals(Set.of(), m.placeholders());
  }

  @Test
  void aValueIsInsertedAsTextNeverReadAsAPlaceholder() {
    Macro m = Macro.builder("echo").reply("Re: {{ticket.subject}}").build();
    Ticket t = ticket(request().subject("{{agent.name}} is {{unknown}}"));
    assertEquals("Re: {{agent.name}} is {{unknown}}", m.replyFor(t, "Bea"));
  }

  @Test
  void anUnknownPlaceholderIsRefusedWhenTheMacroIsDefinedNamingIt() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> Macro.builder("typo").reply("Hello {{customer.nmae}}").build());
    assertEquals("reply", e.field());
    assertTrue(e.getMessage().contains("{{customer.nmae}}"), e.getMessage());
    assertTrue(e.getMessage().contains("{{customer.name}}"), "lists the known ones");
  }

  @Test
  void anUnclosedPlaceholderIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> Macro.builder("open").reply("Hello {{customer.name").build());
    assertTrue(e.getMessage().contains("without its }} at character 7"), e.getMessage());
  }

  @Test
  void aMissingBookingReferenceIsRefusedNotLeftAsAHole() {
    Macro m = Macro.builder("refund").reply("We refunded {{booking_reference}}.").build();
    ValidationException e =
        assertThrows(ValidationException.class, () -> m.replyFor(ticket(request()), "Bea"));
    assertEquals("booking_reference", e.field());
    assertTrue(e.getMessage().contains("HD-1042"), e.getMessage());
  }

  @Test
  void fieldsAreChecked() {
    assertThrows(ValidationException.class, () -> Macro.builder(" ").reply("x").build());
    assertThrows(ValidationException.class, () -> Macro.builder("n").build());
    assertThrows(ValidationException.class, () -> Macro.builder("n").reply(" ").build());
    ValidationException toNew =
        assertThrows(
            ValidationException.class,
            () -> Macro.builder("n").reply("x").status(Status.NEW).build());
    assertEquals("status", toNew.field());
    ValidationException tag =
        assertThrows(
            ValidationException.class,
            () -> Macro.builder("n").reply("x").tag("no spaces").build());
    assertEquals("tags", tag.field());
    assertEquals(
        Set.of("refund", "vip"),
        Macro.builder("n").reply("x").tag("VIP").tag("refund").build().tags());
  }
}
