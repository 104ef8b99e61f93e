package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import dev.helpdesk.memory.InMemoryAttachments;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .eml} under {@code src/test/resources/eml} is a mail in the shape a real client or
 * server writes it; each test feeds one to the intake and checks its outcome. {@code @@TICKET@@}
 * and {@code @@KEY@@} in a fixture stand for Ana's ticket, opened before each test.
 */
class InboundFixturesTest {

  static final Actor STAFF = MailTestSupport.BEA;

  private final InMemoryAttachments files = new InMemoryAttachments();
  private MailTestSupport f;
  private MailIntake intake;
  private Ticket ana;

  @BeforeEach
  void desk() {
    setUp(s -> s);
  }

  private void setUp(UnaryOperator<IntakeSettings> settings) {
    f = new MailTestSupport(MailTestSupport.freePort(), s -> s, b -> b.attachments(files));
    intake = new MailIntake(f.desk, settings.apply(IntakeSettings.from(f.settings)));
    ana =
        f.desk.open(
            Actor.customer("c-ana"),
            NewTicket.builder()
                .requester("c-ana", "Ana Example", "ana@example.com")
                .subject("Seat missing on booking")
                .description("My seat reservation is not shown.")
                .build());
    f.desk.open(
        Actor.customer("c-bob"),
        NewTicket.builder()
            .requester("c-bob", "Bob Other", "bob@example.com")
            .subject("Another question")
            .build());
  }

  static byte[] fixture(String name, Ticket t) {
    try (InputStream in = InboundFixturesTest.class.getResourceAsStream("/eml/" + name)) {
      // ISO-8859-1 maps every byte to one char and back, so non-UTF-8 bodies stay intact.
      String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return raw.replace("@@TICKET@@", t.id().toString())
          .replace("@@KEY@@", t.key().value())
          .getBytes(StandardCharsets.ISO_8859_1);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("fixture " + name, e);
    }
  }

  private IntakeResult process(String name) {
    return intake.process(fixture(name, ana));
  }

  private TicketDetails details(TicketId id) {
    return f.desk.ticket(STAFF, id);
  }

  private Message last(TicketId id) {
    List<Message> c = details(id).conversation();
    return c.get(c.size() - 1);
  }

  private void assertRepliedOnAna(IntakeResult r, String body) {
    assertEquals(Outcome.REPLIED, r.outcome(), r.reason());
    assertEquals(ana.id(), r.ticketId().orElseThrow());
    Message m = last(ana.id());
    assertEquals(Actor.customer("c-ana"), m.author());
    assertTrue(m.isPublic());
    assertEquals(body, m.body());
  }

  private Ticket opened(IntakeResult r) {
    assertEquals(Outcome.OPENED, r.outcome(), r.reason());
    assertNotEquals(ana.id(), r.ticketId().orElseThrow());
    Ticket t = details(r.ticketId().orElseThrow()).ticket();
    assertEquals(Channel.EMAIL, t.channel());
    return t;
  }

  @Test
  void gmailReplyLandsOnItsTicketByInReplyToWithTheQuoteStripped() {
    IntakeResult r = process("gmail-reply.eml");
    assertRepliedOnAna(r, "Thanks, the seat shows now.");
    assertTrue(r.reason().contains("thread"), r.reason());
  }

  @Test
  void outlookReplyInQuotedPrintableWindows1252IsMatchedByReferences() {
    IntakeResult r = process("outlook-reply-windows-1252.eml");
    assertRepliedOnAna(
        r,
        "Vielen Dank! Der Sitz ist jetzt da. Die Gebühr von 12 € bitte erstatten.\n\nGrüße\nAna");
  }

  @Test
  void outlook8bitMislabelledIso88591IsReadAsWindows1252AndMatchedBySubject() {
    IntakeResult r = process("outlook-8bit-windows-1252.eml");
    assertRepliedOnAna(r, "Die Erstattung über 12 € fehlt noch – bitte prüfen.");
    assertTrue(r.reason().contains("subject"), r.reason());
  }

  @Test
  void appleMailReplyInBase64Utf8() {
    assertRepliedOnAna(
        process("apple-mail-reply.eml"), "Perfect, thank you \u2013 it\u2019s fixed. 👍\n\nAna");
  }

  @Test
  void aReplyWithoutThreadingHeadersIsMatchedByTheSubjectToken() {
    IntakeResult r = process("subject-token-only.eml");
    assertRepliedOnAna(r, "Any news on this?");
    assertTrue(r.reason().contains("subject [" + ana.key() + "]"), r.reason());
  }

  @Test
  void aReplyWithNeitherHeadersNorSubjectTokenIsMatchedByTheHiddenBodyToken() {
    IntakeResult r = process("body-token-only.eml");
    assertRepliedOnAna(r, "I wrote before, still no seat.");
    assertTrue(r.reason().contains("body token"), r.reason());
  }

  @Test
  void aNewMailFromAnUnknownSenderOpensAnAcknowledgedTicket() {
    long queued = f.outbox.undelivered();
    IntakeResult r = process("new-request.eml");
    Ticket t = opened(r);
    assertTrue(r.acknowledged());
    assertEquals(queued + 1, f.outbox.undelivered(), "the acknowledgement is queued");
    assertEquals("mail:joao@example.org", t.requester().id().value());
    assertEquals("João Silva", t.requester().name());
    assertEquals("Change my train booking BK-99812", t.subject());
    assertEquals(
        "Hello, I need to move booking BK-99812 to Friday.\nThanks, João",
        t.description().replace("\r\n", "\n"));
  }

  @Test
  void aForwardOpensATicketForTheKnownCustomerAndKeepsWhatItForwards() {
    Ticket t = opened(process("gmail-forward.eml"));
    assertEquals("c-ana", t.requester().id().value());
    assertTrue(t.description().contains("Please see below, the hotel is wrong."));
    assertTrue(t.description().contains("Hotel Seeblick, 2 nights"), t.description());
  }

  @Test
  void anOutOfOfficeReplyToOurMailIsANoteNotAReply() {
    Status before = ana.status();
    int visible = f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size();
    IntakeResult r = process("out-of-office-reply.eml");
    assertEquals(Outcome.AUTO_REPLY_RECORDED, r.outcome());
    Message note = last(ana.id());
    assertFalse(note.isPublic());
    assertEquals(Actor.system("mail-intake"), note.author());
    assertTrue(note.body().contains("out of the office until 9 March"));
    assertEquals(before, details(ana.id()).ticket().status());
    assertEquals(visible, f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size());
  }

  @Test
  void anUnmatchedOutOfOfficeOpensATicketWithoutAcknowledgement() {
    long queued = f.outbox.undelivered();
    IntakeResult r = process("out-of-office-unmatched.eml");
    opened(r);
    assertFalse(r.acknowledged());
    assertTrue(r.reason().contains("Auto-Submitted: auto-replied"), r.reason());
    assertEquals(queued, f.outbox.undelivered(), "nothing is mailed back");
  }

  @Test
  void aBounceIsRecordedOnTheTicketItReturnsAsAnInternalNote() {
    int before = details(ana.id()).conversation().size();
    IntakeResult r = process("bounce-dsn.eml");
    assertEquals(Outcome.BOUNCE_RECORDED, r.outcome(), r.reason());
    assertEquals(ana.id(), r.ticketId().orElseThrow());
    Message note = last(ana.id());
    assertEquals(before + 1, details(ana.id()).conversation().size());
    assertFalse(note.isPublic());
    assertEquals(Actor.system("mail-intake"), note.author());
    assertTrue(note.body().contains("Status: 5.1.1"), note.body());
    assertTrue(note.body().contains("User unknown"), note.body());
  }

  @Test
  void aMailingListMailOpensATicketWithoutAcknowledgement() {
    IntakeResult r = process("mailing-list.eml");
    opened(r);
    assertFalse(r.acknowledged());
    assertTrue(r.reason().contains("Precedence: list"), r.reason());
    assertTrue(r.reason().contains("List-Unsubscribe"), r.reason());
  }

  @Test
  void iso88591QuotedPrintableBodyAndRfc2047SubjectAndName() {
    Ticket t = opened(process("iso-8859-1-qp.eml"));
    assertEquals("Réservation annulée", t.subject());
    assertEquals("Renée Dupré", t.requester().name());
    assertEquals("Ma réservation a été annulée sans préavis. Merci de vérifier.", t.description());
  }

  @Test
  void utf8Base64BodyAndEncodedWordSubject() {
    Ticket t = opened(process("utf8-base64-subject.eml"));
    assertEquals("予約の変更 ✈️", t.subject());
    assertEquals("予約を金曜日に変更したいです。", t.description());
  }

  @Test
  void anHtmlOnlyMailIsTurnedIntoText() {
    Ticket t = opened(process("html-only.eml"));
    assertTrue(t.description().contains("The concert on 5 March was cancelled."), t.description());
    assertTrue(t.description().contains("Please refund €€ 80 & the fee."), t.description());
    assertFalse(t.description().contains("alert"), t.description());
    assertFalse(t.description().contains("color: red"), t.description());
  }

  @Test
  void anAttachmentGoesToTheAttachmentStoreWithNameTypeAndSize() {
    Ticket t = opened(process("attachment-pdf.eml"));
    assertEquals("The invoice attached shows the wrong amount.", t.description());
    Attachment a =
        details(t.id()).conversation().stream()
            .flatMap(m -> m.attachments().stream())
            .findFirst()
            .orElseThrow();
    byte[] pdf =
        "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("Rechnung März.pdf", a.name());
    assertEquals("application/pdf", a.mediaType());
    assertEquals(pdf.length, a.size());
    assertArrayEquals(pdf, files.read(a.ref()).orElseThrow());
  }

  @Test
  void someoneElseReplyingToOurMailIsANoteOnTheTicketNeverTheCustomersReply() {
    // Bob answers a mail of Ana's ticket (she copied him): part of the conversation, but Ana's
    // ticket shows him to staff only, and Bob is neither acknowledged nor given a ticket.
    int visible = f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size();
    int bobs = f.desk.ticketsOf(STAFF, dev.helpdesk.customer.CustomerId.of("c-bob")).size();
    long queued = f.outbox.undelivered();
    IntakeResult r = process("other-customer-reply.eml");
    assertEquals(Outcome.COPIED_REPLY_RECORDED, r.outcome(), r.reason());
    assertFalse(r.acknowledged());
    Message note = last(ana.id());
    assertFalse(note.isPublic());
    assertEquals(Actor.system("mail-intake"), note.author());
    assertTrue(note.body().contains("bob@example.com"), note.body());
    assertTrue(note.body().endsWith("I have the same problem with my seat."), note.body());
    assertEquals(visible, f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size());
    assertEquals(
        bobs, f.desk.ticketsOf(STAFF, dev.helpdesk.customer.CustomerId.of("c-bob")).size());
    assertEquals(queued, f.outbox.undelivered());
  }

  @Test
  void ourOwnMailComingBackIsIgnored() {
    long tickets = f.desk.ticketsOf(STAFF, ana.requester().id()).size();
    IntakeResult r = process("own-mail-looped.eml");
    assertEquals(Outcome.IGNORED, r.outcome());
    assertEquals(tickets, f.desk.ticketsOf(STAFF, ana.requester().id()).size());
  }

  @Test
  void aMailWithoutSenderIsRejected() {
    IntakeResult r = process("no-sender.eml");
    assertEquals(Outcome.REJECTED, r.outcome());
    assertTrue(r.reason().contains("sender"), r.reason());
  }

  @Test
  void aReplyToAClosedTicketOpensALinkedFollowUp() {
    f.desk.assign(STAFF, ana.id(), dev.helpdesk.agent.AgentId.of("a-bea"));
    f.desk.changeStatus(STAFF, ana.id(), Status.SOLVED);
    f.desk.changeStatus(STAFF, ana.id(), Status.CLOSED);
    IntakeResult r = process("gmail-reply.eml");
    assertEquals(Outcome.FOLLOW_UP_OPENED, r.outcome());
    Ticket followUp = details(r.ticketId().orElseThrow()).ticket();
    assertEquals(ana.id(), followUp.followUpOf().orElseThrow());
    assertEquals("Thanks, the seat shows now.", followUp.description());
  }

  @Test
  void theSameMailProcessedTwiceIsRecognised() {
    assertEquals(Outcome.REPLIED, process("gmail-reply.eml").outcome());
    int size = details(ana.id()).conversation().size();
    IntakeResult again = process("gmail-reply.eml");
    assertEquals(Outcome.DUPLICATE, again.outcome());
    assertEquals(ana.id(), again.ticketId().orElseThrow());
    assertEquals(size, details(ana.id()).conversation().size());
  }

  @Test
  void aMailOverTheSizeLimitIsRejectedWithItsReason() {
    setUp(s -> s.withMaxBytes(2048));
    byte[] big =
        ("From: a@example.com\r\nSubject: big\r\n\r\n" + "x".repeat(3000))
            .getBytes(StandardCharsets.US_ASCII);
    IntakeResult r = intake.process(big);
    assertEquals(Outcome.REJECTED, r.outcome());
    assertTrue(r.reason().contains("exceeds the limit of 2048"), r.reason());
  }

  @Test
  void aSenderGetsAtMostNAcknowledgementsAnHour() {
    setUp(s -> s.withAcknowledgementsPerHour(2));
    boolean[] acks = new boolean[4];
    for (int i = 0; i < 3; i++) {
      String mail =
          "From: loop@example.net\r\nSubject: Hello "
              + i
              + "\r\nMessage-ID: <m"
              + i
              + "@example.net>\r\n\r\nHi\r\n";
      acks[i] = intake.process(mail.getBytes(StandardCharsets.US_ASCII)).acknowledged();
      f.clock.advance(Duration.ofMinutes(10));
    }
    assertTrue(acks[0]);
    assertTrue(acks[1]);
    assertFalse(acks[2], "the third within the hour is not acknowledged");
    f.clock.advance(Duration.ofMinutes(41)); // the first acknowledgement is now over an hour old
    String mail =
        "From: loop@example.net\r\nSubject: Hello 3\r\nMessage-ID: <m3@example.net>\r\n\r\nHi\r\n";
    acks[3] = intake.process(mail.getBytes(StandardCharsets.US_ASCII)).acknowledged();
    assertTrue(acks[3]);
  }
}
