package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void aBlankSubjectIsRefused(String subject) {
    assertField("subject", () -> DeskFixture.request("c-ana").subject(subject).build());
  }

  @Test
  void aMissingSubjectIsRefused() {
    assertField("subject", () -> DeskFixture.request("c-ana").subject(null).build());
  }

  @Test
  void fieldsHaveDocumentedLimits() {
    assertField("subject", () -> DeskFixture.request("c-ana").subject("x".repeat(201)).build());
    DeskFixture.request("c-ana").subject("x".repeat(200)).build();
    assertField(
        "subject",
        () -> DeskFixture.request("c-ana").subject("line one\nBcc: x@evil.example").build());
    assertField(
        "description",
        () ->
            DeskFixture.request("c-ana")
                .description("x".repeat(Ticket.MAX_DESCRIPTION_LENGTH + 1))
                .build());
    assertField(
        "name",
        () ->
            NewTicket.builder()
                .requester("c-1", "n".repeat(201), "a@example.com")
                .subject("s")
                .build());
    assertField("customerId", () -> CustomerId.of("c".repeat(129)));
    assertField("tags", () -> DeskFixture.request("c-ana").tag("two words").build());
    assertField("tags", () -> DeskFixture.request("c-ana").tag("x".repeat(51)).build());
    NewTicket.Builder manyTags = DeskFixture.request("c-ana");
    for (int i = 0; i <= Ticket.MAX_TAGS; i++) {
      manyTags.tag("t" + i);
    }
    assertField("tags", manyTags::build);
    assertField("customFields", () -> DeskFixture.request("c-ana").field("bad key", "v").build());
    assertField(
        "customFields.seat",
        () -> DeskFixture.request("c-ana").field("seat", "y".repeat(1001)).build());
    assertField("body", () -> MessageDraft.text("z".repeat(Message.MAX_BODY_LENGTH + 1)));
    assertField("body", () -> MessageDraft.text(" "));
  }

  /**
   * Every line break mail software breaks a header on is refused where the value ends up in a
   * header (subject, names), so the mail adapter can always send what the core accepted.
   */
  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\0", "\u0085", "\u2028", "\u2029"})
  void headerBoundFieldsRefuseEveryLineBreakAndNothingIsStored(String lineBreak) {
    int before = desk.ticketsOf(BEA, CustomerId.of("c-ana")).size();
    assertField(
        "subject",
        () ->
            desk.open(
                ANA, DeskFixture.request("c-ana").subject("Seat" + lineBreak + "Bcc: x").build()));
    assertField(
        "name",
        () ->
            desk.open(
                ANA,
                NewTicket.builder()
                    .requester("c-ana", "Ana" + lineBreak + "Bcc: x", "ana@example.com")
                    .subject("Seat")
                    .build()));
    assertField(
        "name", () -> dev.helpdesk.agent.Agent.of("a-x", "Bea" + lineBreak, "bea@example.com"));
    assertEquals(before, desk.ticketsOf(BEA, CustomerId.of("c-ana")).size());
  }

  @Test
  void tagsAreNormalisedToLowerCase() {
    NewTicket r = DeskFixture.request("c-ana").tag("Refund").tag("refund").tag("RAIL").build();
    assertEquals(java.util.List.of("rail", "refund"), java.util.List.copyOf(r.tags()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plainaddress",
        "@example.com",
        "ana@",
        "ana@localhost",
        "ana@@example.com",
        "ana@exa mple.com",
        "ana @example.com",
        "ana@example..com",
        ".ana@example.com",
        "ana.@example.com",
        "a..na@example.com",
        "ana@-example.com",
        "ana@example.com\r\nBcc: victim@example.com",
        "<ana@example.com>",
        "Ana <ana@example.com>"
      })
  void malformedAddressesAreRefused(String address) {
    assertField("email", () -> EmailAddress.of(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ana@example.com", "ana.traveller+rail@mail.example.co.uk", "o'brien@example.ie"})
  void wellFormedAddressesAreAccepted(String address) {
    assertEquals(address, EmailAddress.of(address).value());
  }

  @Test
  void theDomainIsKeptLowerCase() {
    assertEquals("Ana@example.com", EmailAddress.of("Ana@EXAMPLE.com").value());
  }

  @Test
  void unknownIdsAreNotFound() {
    TicketId unknown = TicketId.random();
    NotFoundException e = assertThrows(NotFoundException.class, () -> desk.ticket(BEA, unknown));
    assertEquals("ticket", e.kind());
    assertEquals(unknown.toString(), e.id());
    assertThrows(NotFoundException.class, () -> desk.ticket(BEA, TicketKey.parse("HD-999999")));
    assertThrows(NotFoundException.class, () -> desk.reply(BEA, unknown, "hello"));
    Ticket t = f.openByAna();
    NotFoundException agent =
        assertThrows(
            NotFoundException.class, () -> desk.assign(BEA, t.id(), AgentId.of("a-nobody")));
    assertEquals("agent", agent.kind());
    assertThrows(NotFoundException.class, () -> desk.queueOf(BEA, AgentId.of("a-nobody")));
  }

  @Test
  void malformedKeysAndIdsAreRefused() {
    assertField("ticketKey", () -> TicketKey.parse("hd-1"));
    assertField("ticketKey", () -> TicketKey.parse("HD1042"));
    assertField("ticketId", () -> TicketId.parse("not-a-uuid"));
  }

  @Test
  void aRefusedRequestStoresNothing() {
    assertThrows(
        ValidationException.class,
        () -> desk.open(ANA, DeskFixture.request("c-ana").subject(" ").build()));
    assertTrue(f.tickets.byRequester(CustomerId.of("c-ana"), 10).isEmpty());
    assertEquals(0, f.outbox.undelivered());
    assertTrue(f.events.isEmpty());
  }

  @Test
  void anOversizedAttachmentIsRefusedAndNothingIsStored() {
    DeskFixture small = new DeskFixture(b -> b.attachments(new InMemoryAttachments(1024)));
    Ticket t = small.openByAna();
    int messages = small.tickets.conversation(t.id()).size();
    MessageDraft draft =
        MessageDraft.text("photos attached")
            .attach(new NewAttachment("ok.txt", "text/plain", new byte[10]))
            .attach(new NewAttachment("huge.png", "image/png", new byte[2048]));
    assertField("attachment.content", () -> small.desk.reply(ANA, t.id(), draft));
    assertEquals(messages, small.tickets.conversation(t.id()).size());
  }

  @Test
  void attachmentsAreStoredWithTheirMetadata() {
    Ticket t = f.openByAna();
    byte[] pdf = "%PDF-1.7 receipt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Posted posted =
        desk.reply(
            ANA,
            t.id(),
            MessageDraft.text("Receipt attached")
                .attach(new NewAttachment("receipt.pdf", "application/pdf", pdf)));
    var attachment = posted.message().attachments().get(0);
    assertEquals("receipt.pdf", attachment.name());
    assertEquals("application/pdf", attachment.mediaType());
    assertEquals(pdf.length, attachment.size());
    assertField(
        "attachment.mediaType", () -> new NewAttachment("a.bin", "not a type", new byte[1]));
  }

  private static void assertField(String field, Executable call) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith("field '" + field + "'"), e.getMessage());
  }
}
