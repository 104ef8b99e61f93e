package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mail as an attacker writes it: forged senders, guessed ticket keys, loop signals on follow-ups.
 * Each test names the defect of issue 13 it guards against.
 */
class IntakeTrustTest {

  static final Actor STAFF = MailTestSupport.BEA;
  static final Actor SYSTEM = Actor.system(MailIntake.ACTOR);

  private MailTestSupport f;
  private MailIntake intake;
  private Ticket ana;
  private int mails;

  @BeforeEach
  void desk() {
    setUp(s -> s);
  }

  private void setUp(UnaryOperator<IntakeSettings> settings) {
    f = new MailTestSupport(MailTestSupport.freePort());
    intake = new MailIntake(f.desk, settings.apply(IntakeSettings.from(f.settings)));
    ana = open("c-ana", "Ana Example", "ana@example.com");
  }

  private Ticket open(String customer, String name, String email) {
    return f.desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, name, email)
            .subject("Seat missing on booking")
            .description("My seat reservation is not shown.")
            .build());
  }

  /** A Message-ID the desk put on a notification of this ticket. */
  private String ours(Ticket t) {
    return f.settings.threading().messageId(t.id().value(), UUID.randomUUID());
  }

  private IntakeResult mail(String from, String subject, String headers, String body) {
    String raw =
        "From: "
            + from
            + "\r\nTo: support@desk.example\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <m"
            + (++mails)
            + "."
            + UUID.randomUUID()
            + "@sender.example>\r\n"
            + headers
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body
            + "\r\n";
    return intake.process(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String threadedTo(String messageId) {
    return "In-Reply-To: " + messageId + "\r\nReferences: " + messageId + "\r\n";
  }

  private List<Message> conversation(Ticket t) {
    return f.desk.ticket(STAFF, t.id()).conversation();
  }

  private void close(Ticket t) {
    f.desk.assign(STAFF, t.id(), AgentId.of("a-bea"));
    f.desk.changeStatus(STAFF, t.id(), Status.SOLVED);
    f.desk.changeStatus(STAFF, t.id(), Status.CLOSED);
  }

  private int ticketsOf(String customer) {
    return f.desk.ticketsOf(STAFF, CustomerId.of(customer)).size();
  }

  // ------------------------------------------------------------ 1: a reply captured by another

  @Test
  void aReplyIsJudgedAgainstItsTicketsRequesterNotTheLastCustomerSavedForTheAddress() {
    Ticket bob = open("c-bob", "Bob Other", "bob@example.com");
    // Mallory opens a ticket of her own giving Bob's address: the desk now knows two customers
    // with it, c-mal saved last.
    open("c-mal", "Mal", "bob@example.com");

    IntakeResult r =
        mail(
            "Bob Other <bob@example.com>",
            "Re: [" + bob.key() + "] Seat missing on booking",
            threadedTo(ours(bob)),
            "Still no seat.");

    assertEquals(Outcome.REPLIED, r.outcome(), r.reason());
    assertEquals(bob.id(), r.ticketId().orElseThrow());
    Message last = conversation(bob).get(conversation(bob).size() - 1);
    assertEquals(Actor.customer("c-bob"), last.author());
    assertEquals("Still no seat.", last.body());
    assertEquals(1, ticketsOf("c-mal"), "c-mal got no ticket with Bob's mail");
  }

  @Test
  void newMailFromAnAddressSeveralCustomersShareGoesToNoneOfThem() {
    open("c-bob", "Bob Other", "bob@example.com");
    open("c-mal", "Mal", "bob@example.com");

    IntakeResult r = mail("Bob Other <bob@example.com>", "My train was cancelled", "", "Help.");

    assertEquals(Outcome.OPENED, r.outcome(), r.reason());
    Ticket t = f.desk.ticket(STAFF, r.ticketId().orElseThrow()).ticket();
    assertEquals("mail:bob@example.com", t.requester().id().value());
    assertEquals(1, ticketsOf("c-mal"), "c-mal does not get Bob's mail");
    assertEquals(1, ticketsOf("c-bob"), "nor is it filed under Bob's account on a guess");
  }

  // ------------------------------------------------------------ DMARC, when required

  private static final String PASS =
      "Authentication-Results: mx.desk.example; spf=pass smtp.mailfrom=example.com;"
          + " dkim=pass header.d=example.com; dmarc=pass (p=reject) header.from=example.com\r\n";

  @Test
  void aCcNamingTheTicketByItsKeyRepliesOnItButACcOfAnotherTicketGetsATicketOfTheirOwn() {
    f.desk.addCc(Actor.customer("c-ana"), ana.id(), Cc.of("bo@example.com", "Bo"));
    Ticket bobs = open("c-bob", "Bob", "bob@example.com");
    IntakeResult onAnas =
        mail("Bo <BO@example.com>", "Re: [" + ana.key() + "] seat", "", "Seat 42A is fine.");
    assertEquals(Outcome.CC_REPLIED, onAnas.outcome(), onAnas.reason());
    Message m = conversation(ana).get(conversation(ana).size() - 1);
    assertEquals(Actor.customer("mail:bo@example.com"), m.author());
    assertTrue(m.isPublic());

    int bobsMessages = conversation(bobs).size();
    IntakeResult onBobs =
        mail("Bo <bo@example.com>", "Re: [" + bobs.key() + "] seat", "", "Me too.");
    assertEquals(Outcome.OPENED, onBobs.outcome(), "Bo is copied on Ana's ticket, not Bob's");
    assertEquals(bobsMessages, conversation(bobs).size());
  }

  @Test
  void aCcWritingOnAClosedTicketGetsATicketOfTheirOwnNotAFollowUp() {
    f.desk.addCc(Actor.customer("c-ana"), ana.id(), Cc.of("bo@example.com"));
    close(ana);
    IntakeResult r =
        mail("Bo <bo@example.com>", "Re: seat", threadedTo(ours(ana)), "Another question.");
    assertEquals(Outcome.OPENED, r.outcome(), r.reason());
    Ticket t = f.desk.ticket(STAFF, r.ticketId().orElseThrow()).ticket();
    assertEquals("mail:bo@example.com", t.requester().id().value());
    assertEquals(java.util.Optional.empty(), t.followUpOf());
  }

  @Test
  void whenRequiredAnUnauthenticatedMailFromACcIsOnlyANote() {
    setUp(s -> s.requireAuthentication("mx.desk.example"));
    f.desk.addCc(Actor.customer("c-ana"), ana.id(), Cc.of("bo@example.com"));
    IntakeResult forged =
        mail("Bo <bo@example.com>", "Re: seat", threadedTo(ours(ana)), "Refund to my IBAN.");
    assertEquals(Outcome.COPIED_REPLY_RECORDED, forged.outcome(), forged.reason());
    IntakeResult vouched =
        mail("Bo <bo@example.com>", "Re: seat", PASS + threadedTo(ours(ana)), "Thanks.");
    assertEquals(Outcome.CC_REPLIED, vouched.outcome(), vouched.reason());
  }

  @Test
  void whenRequiredOnlyAMailOurServerAuthenticatedIsTheRequestersReply() {
    setUp(s -> s.requireAuthentication("mx.desk.example"));
    IntakeResult r =
        mail("Ana Example <ana@example.com>", "Re: seat", PASS + threadedTo(ours(ana)), "Thanks.");
    assertEquals(Outcome.REPLIED, r.outcome(), r.reason());
  }

  @Test
  void whenRequiredAnUnauthenticatedMailIsNeverAKnownCustomers() {
    setUp(s -> s.requireAuthentication("mx.desk.example"));
    List<String> unauthenticated =
        List.of(
            "", // no header at all
            PASS.replace("mx.desk.example", "mx.evil.example"), // another server's (forgeable)
            PASS.replace("dmarc=pass", "dmarc=fail"),
            PASS.replace("header.from=example.com", "header.from=evil.example"),
            PASS.replace("dmarc=pass (p=reject) header.from=example.com", "arc=none"),
            // Below our server's header: written by the sender, so it does not count.
            "Authentication-Results: mx.desk.example; dmarc=fail header.from=example.com\r\n"
                + PASS);
    for (String headers : unauthenticated) {
      int visible = f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size();
      IntakeResult threaded =
          mail(
              "Ana Example <ana@example.com>",
              "Re: seat",
              headers + threadedTo(ours(ana)),
              "Refund to another IBAN.");
      assertEquals(Outcome.COPIED_REPLY_RECORDED, threaded.outcome(), headers);
      Message note = conversation(ana).get(conversation(ana).size() - 1);
      assertTrue(note.body().contains("did not authenticate"), note.body());
      assertEquals(visible, f.desk.ticket(Actor.customer("c-ana"), ana.id()).conversation().size());

      IntakeResult fresh = mail("Ana Example <ana@example.com>", "New question", headers, "Hi.");
      assertEquals(Outcome.OPENED, fresh.outcome(), headers);
      Ticket t = f.desk.ticket(STAFF, fresh.ticketId().orElseThrow()).ticket();
      assertEquals("mail:ana@example.com", t.requester().id().value(), headers);
    }
    assertEquals(1, ticketsOf("c-ana"));
  }

  // ------------------------------------------------------------ 2: notes by forged auto-replies

  @Test
  void anAutoReplyNamingATicketOnlyByItsSubjectTokenIsDropped() {
    int before = conversation(ana).size();
    IntakeResult r =
        mail(
            "mallory@evil.example",
            "Automatic reply: [" + ana.key() + "] Seat missing on booking",
            "Auto-Submitted: auto-replied\r\n",
            "Please wire the refund to IBAN XX00 EVIL.");

    assertEquals(Outcome.IGNORED, r.outcome(), r.reason());
    assertTrue(r.reason().contains("no Message-ID we sent"), r.reason());
    assertEquals(before, conversation(ana).size(), "nothing was written on Ana's ticket");
    assertEquals(0, ticketsOf("mail:mallory@evil.example"));
  }

  @Test
  void aBounceNamingATicketOnlyByItsSubjectTokenIsDropped() {
    int before = conversation(ana).size();
    IntakeResult r =
        mail(
            "MAILER-DAEMON@evil.example",
            "Undelivered Mail Returned to Sender [" + ana.key() + "]",
            "",
            "Your refund goes to IBAN XX00 EVIL instead.");

    assertEquals(Outcome.IGNORED, r.outcome(), r.reason());
    assertEquals(before, conversation(ana).size(), "nothing was written on Ana's ticket");
  }

  @Test
  void anAutoReplyToOurMessageIdIsStillRecorded() {
    IntakeResult r =
        mail(
            "Ana Example <ana@example.com>",
            "Out of office",
            "Auto-Submitted: auto-replied\r\n" + threadedTo(ours(ana)),
            "Back on Monday.");
    assertEquals(Outcome.AUTO_REPLY_RECORDED, r.outcome(), r.reason());
  }

  // ------------------------------------------------------------ 3: a copied colleague's reply

  @Test
  void aCopiedColleaguesFilesAreKeptOnTheNoteForStaffOnly() {
    String id = ours(ana);
    String raw =
        "From: Carla Colleague <carla@example.com>\r\nTo: support@desk.example\r\n"
            + "Subject: Re: ["
            + ana.key()
            + "] Seat missing on booking\r\nMessage-ID: <files."
            + UUID.randomUUID()
            + "@sender.example>\r\n"
            + threadedTo(id)
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe booking, attached.\r\n"
            + "--b1\r\nContent-Type: text/plain; name=\"booking.txt\"\r\n"
            + "Content-Disposition: attachment; filename=\"booking.txt\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getEncoder()
                .encodeToString("seat 42A".getBytes(StandardCharsets.UTF_8))
            + "\r\n--b1--\r\n";

    IntakeResult r = intake.process(raw.getBytes(StandardCharsets.UTF_8));

    assertEquals(Outcome.COPIED_REPLY_RECORDED, r.outcome(), r.reason());
    List<Message> c = conversation(ana);
    Message note = c.get(c.size() - 1);
    assertFalse(note.isPublic());
    assertFalse(note.body().contains("not kept"), note.body());
    assertEquals(1, note.attachments().size());
    assertEquals("booking.txt", note.attachments().get(0).name());
    dev.helpdesk.conversation.AttachmentRef ref = note.attachments().get(0).ref();
    assertEquals(
        "seat 42A",
        new String(f.desk.attachment(STAFF, ana.id(), ref).bytes(), StandardCharsets.UTF_8));
    assertThrows(
        dev.helpdesk.common.NotFoundException.class,
        () -> f.desk.attachment(Actor.customer("c-ana"), ana.id(), ref));
  }

  @Test
  void aCopiedColleaguesReplyToOurMailIsANoteOnTheTicketWithoutAcknowledgement() {
    long queued = f.outbox.undelivered();
    int before = conversation(ana).size();

    IntakeResult r =
        mail(
            "Carla Colleague <carla@example.com>",
            "Re: [" + ana.key() + "] Seat missing on booking",
            threadedTo(ours(ana)),
            "I booked it for Ana; the seat was 42A.");

    assertEquals(Outcome.COPIED_REPLY_RECORDED, r.outcome(), r.reason());
    assertEquals(ana.id(), r.ticketId().orElseThrow());
    assertFalse(r.acknowledged());
    List<Message> c = conversation(ana);
    assertEquals(before + 1, c.size());
    Message note = c.get(c.size() - 1);
    assertFalse(note.isPublic());
    assertTrue(note.body().contains("carla@example.com"), note.body());
    assertTrue(note.body().contains("the seat was 42A"), note.body());
    assertEquals(queued, f.outbox.undelivered(), "nobody is mailed");
    assertEquals(0, ticketsOf("mail:carla@example.com"));
  }

  @Test
  void aStrangerMatchingOnlyByTheSubjectTokenStillGetsATicketOfTheirOwn() {
    int before = conversation(ana).size();
    IntakeResult r =
        mail(
            "Sam Stranger <sam@example.net>",
            "Re: [" + ana.key() + "] Seat missing on booking",
            "",
            "Same here.");
    assertEquals(Outcome.OPENED, r.outcome(), r.reason());
    assertEquals(before, conversation(ana).size());
    assertEquals(1, ticketsOf("mail:sam@example.net"));
    Ticket sams = f.desk.ticket(STAFF, r.ticketId().orElseThrow()).ticket();
    assertEquals("Re: Seat missing on booking", sams.subject(), "Ana's key is not carried over");
  }

  // ------------------------------------------------------------ 4: follow-ups and loop protection

  @Test
  void aFollowUpIsAcknowledgedAndSaysSo() {
    close(ana);
    long queued = f.outbox.undelivered();
    IntakeResult r =
        mail("Ana Example <ana@example.com>", "Re: seat", threadedTo(ours(ana)), "Again.");
    assertEquals(Outcome.FOLLOW_UP_OPENED, r.outcome(), r.reason());
    assertTrue(r.acknowledged(), r.reason());
    assertEquals(queued + 1, f.outbox.undelivered());
  }

  @Test
  void aFollowUpCarryingALoopSignalIsNotAcknowledged() {
    close(ana);
    for (String signal : List.of("X-Loop: desk\r\n", "Precedence: bulk\r\n")) {
      long queued = f.outbox.undelivered();
      IntakeResult r =
          mail(
              "Ana Example <ana@example.com>",
              "Re: seat",
              signal + threadedTo(ours(ana)),
              "Again.");
      assertEquals(Outcome.FOLLOW_UP_OPENED, r.outcome(), r.reason());
      assertFalse(r.acknowledged(), signal);
      assertEquals(queued, f.outbox.undelivered(), "no acknowledgement for " + signal.strip());
    }
  }

  @Test
  void aFollowUpPastTheHourlyLimitIsNotAcknowledged() {
    setUp(s -> s.withAcknowledgementsPerHour(1));
    close(ana);
    IntakeResult first =
        mail("Ana Example <ana@example.com>", "Re: seat", threadedTo(ours(ana)), "Once.");
    assertTrue(first.acknowledged(), first.reason());
    long queued = f.outbox.undelivered();
    IntakeResult second =
        mail("Ana Example <ana@example.com>", "Re: seat", threadedTo(ours(ana)), "Twice.");
    assertEquals(Outcome.FOLLOW_UP_OPENED, second.outcome(), second.reason());
    assertFalse(second.acknowledged());
    assertEquals(queued, f.outbox.undelivered());
  }

  // ------------------------------------------------------------ 5: automated mail to CLOSED

  @Test
  void anAutoReplyOrBounceThreadedToAClosedTicketIsDroppedNotThrown() {
    close(ana);
    int before = conversation(ana).size();
    IntakeResult auto =
        mail(
            "Ana Example <ana@example.com>",
            "Out of office",
            "Auto-Submitted: auto-replied\r\n" + threadedTo(ours(ana)),
            "Back on Monday.");
    assertEquals(Outcome.IGNORED, auto.outcome(), auto.reason());
    assertTrue(auto.reason().contains("CLOSED"), auto.reason());
    IntakeResult bounce =
        mail(
            "MAILER-DAEMON@mx.example.com",
            "Undelivered Mail Returned to Sender",
            threadedTo(ours(ana)),
            "550 5.1.1 User unknown");
    assertEquals(Outcome.IGNORED, bounce.outcome(), bounce.reason());
    assertEquals(before, conversation(ana).size());
    assertEquals(1, ticketsOf("c-ana"), "no follow-up either");
  }

  // ------------------------------------------------------------ 7: an old address on a follow-up

  @Test
  void aReplyOnAnOldClosedTicketKeepsTheCustomersCurrentAddress() {
    close(ana);
    // Ana moved: her next ticket carries her new address.
    open("c-ana", "Ana Example", "ana@new.example.com");

    IntakeResult r =
        mail("Ana Example <ana@example.com>", "Re: seat", threadedTo(ours(ana)), "Old thread.");

    assertEquals(Outcome.FOLLOW_UP_OPENED, r.outcome(), r.reason());
    assertEquals(
        CustomerId.of("c-ana"),
        f.desk.customerByEmail(SYSTEM, EmailAddress.of("ana@new.example.com")).orElseThrow().id());
    Ticket followUp = f.desk.ticket(STAFF, r.ticketId().orElseThrow()).ticket();
    assertEquals("ana@new.example.com", followUp.requester().email().value());
  }
}
