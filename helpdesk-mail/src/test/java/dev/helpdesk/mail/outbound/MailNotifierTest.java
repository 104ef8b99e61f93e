package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.ANA;
import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.CAL;
import static dev.helpdesk.mail.MailTestSupport.header;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.HeaderInjectionException;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailNotifierTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private MailTestSupport f;

  @BeforeEach
  void desk() {
    f = new MailTestSupport(smtp.getSmtp().getPort());
  }

  /** Delivers everything made so far, the mails held for their coalescing window included. */
  private MimeMessage[] deliver() {
    f.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
    return smtp.getReceivedMessages();
  }

  private Ticket openAssigned() {
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    return f.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
  }

  @Test
  void theAcknowledgementCarriesKeyLinkThreadingAndRfc3834Headers() throws Exception {
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    MimeMessage[] got = deliver();
    assertEquals(1, got.length);
    MimeMessage m = got[0];
    assertEquals(
        "[" + t.key() + "] We received your request: Seat missing on booking", m.getSubject());
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertEquals("support@desk.example", from.getAddress());
    assertEquals("Example Travel Support", from.getPersonal());
    assertEquals("support@desk.example", ((InternetAddress) m.getReplyTo()[0]).getAddress());
    assertEquals(
        "c-ana@example.com",
        ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    MailThreading threading = f.settings.threading();
    String root = threading.threadRoot(t.id().value());
    assertEquals(root, header(m, "In-Reply-To"));
    assertEquals(root, header(m, "References"));
    assertEquals(t.id().value(), threading.ticketOf(m.getMessageID()).orElseThrow());
    assertEquals("auto-replied", header(m, "Auto-Submitted"));
    assertEquals("All", header(m, "X-Auto-Response-Suppress"));
    assertTrue(header(m, "Thread-Index").length() > 20);
    String text = part(m, "text/plain");
    String html = part(m, "text/html");
    assertTrue(text.contains("filed it as " + t.key()), text);
    assertTrue(text.contains("https://support.example/tickets/" + t.key()), text);
    assertTrue(text.contains(MailThreading.bodyToken(t.id().value())), text);
    assertTrue(html.contains("display:none"), html);
    assertTrue(html.contains(MailThreading.bodyToken(t.id().value())), html);
  }

  @Test
  void anAgentReplyCarriesItsTextAuthorAndTheSameThread() throws Exception {
    Ticket t = openAssigned();
    deliver();
    f.desk.reply(BEA, t.id(), "Your seat is 42A.\nSee you on board.");
    MimeMessage[] got = deliver();
    assertEquals(2, got.length);
    MimeMessage ack = got[0];
    MimeMessage reply = got[1];
    assertEquals("Re: [" + t.key() + "] Seat missing on booking", reply.getSubject());
    assertEquals("auto-generated", header(reply, "Auto-Submitted"));
    assertEquals(header(ack, "References"), header(reply, "References"));
    assertNotEquals(ack.getMessageID(), reply.getMessageID());
    String text = part(reply, "text/plain");
    assertTrue(text.contains("Bea Agent replied"), text);
    assertTrue(text.contains("Your seat is 42A.\nSee you on board."), text);
    // The thread index shares the ticket's 22-byte root.
    assertTrue(
        header(reply, "Thread-Index").startsWith(header(ack, "Thread-Index").substring(0, 28)));
  }

  @Test
  void pendingAndSolvedAreMailedAndOnlySolvedCarriesTheSatisfactionLink() throws Exception {
    Ticket t = openAssigned();
    deliver();
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    f.clock.advance(java.time.Duration.ofMinutes(2)); // apart: two mails, not one
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    MimeMessage[] got = deliver();
    assertEquals(3, got.length);
    MimeMessage pending = got[1];
    MimeMessage solved = got[2];
    assertEquals(
        "[" + t.key() + "] Waiting for your reply: Seat missing on booking", pending.getSubject());
    assertFalse(part(pending, "text/plain").contains("support.example/rate"));
    assertEquals("[" + t.key() + "] Solved: Seat missing on booking", solved.getSubject());
    String rate = "https://support.example/rate/" + t.id();
    assertTrue(part(solved, "text/plain").contains(rate));
    assertTrue(part(solved, "text/html").contains("href=\"" + rate + "\""));
  }

  @Test
  void anAgentIsMailedWhenSomeoneElseAssignsThem() throws Exception {
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    f.desk.assign(CAL, t.id(), AgentId.of("a-bea"));
    MimeMessage[] got = deliver();
    assertEquals(2, got.length);
    MimeMessage assigned = got[1];
    assertEquals(
        "bea@desk.example",
        ((InternetAddress) assigned.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    assertEquals(
        "[" + t.key() + "] Assigned to you: Seat missing on booking", assigned.getSubject());
    assertTrue(part(assigned, "text/plain").contains("Cal Agent assigned"));
  }

  @Test
  void mailsToAnAgentAreWordedForAnAgentAndLinkToTheConsole() throws Exception {
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    f.desk.assign(CAL, t.id(), AgentId.of("a-bea"));
    MimeMessage[] got = deliver();
    String agentText = part(got[1], "text/plain");
    String agentHtml = part(got[1], "text/html");
    String console = "https://desk.example/console/tickets/" + t.id();
    for (String part : List.of(agentText, agentHtml)) {
      assertTrue(part.contains(console), part);
      assertFalse(part.contains("https://support.example/tickets/"), part);
      assertFalse(part.contains("your request"), part);
      assertTrue(part.contains("as an agent of the desk"), part);
    }
    String customerText = part(got[0], "text/plain");
    assertTrue(customerText.contains("https://support.example/tickets/" + t.key()), customerText);
    assertFalse(customerText.contains(console), customerText);
  }

  @Test
  void anAgentWritingGermanGetsTheGermanAgentWording() throws Exception {
    MailTestSupport de =
        new MailTestSupport(smtp.getSmtp().getPort(), s -> s.locale(Locale.GERMAN), b -> b);
    Ticket t = de.desk.open(ANA, MailTestSupport.request("c-ana").build());
    de.desk.assign(CAL, t.id(), AgentId.of("a-bea"));
    de.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    de.desk.dispatchNotifications();
    MimeMessage[] got = smtp.getReceivedMessages();
    String text = part(got[1], "text/plain");
    assertTrue(text.contains("als Bearbeiter des Helpdesks"), text);
    assertFalse(text.contains("Ihre Anfrage"), text);
    assertTrue(text.contains("https://desk.example/console/tickets/" + t.id()), text);
  }

  @Test
  void timesInMailsCarryTheirZone() throws Exception {
    MailTestSupport berlin =
        new MailTestSupport(
            smtp.getSmtp().getPort(),
            s -> s.zone(java.time.ZoneId.of("Europe/Berlin")).locale(Locale.UK),
            b -> b);
    Notification n =
        new Notification(
            NotificationId.random(),
            NotificationKind.TICKET_RECEIVED,
            new Recipient("Ana", EmailAddress.of("ana@example.com")),
            TicketId.random(),
            new TicketKey("HD-7"),
            "Seat",
            Map.of(Notification.FIRST_REPLY_DUE, "2026-12-05T13:00:00Z"),
            Instant.parse("2026-12-05T09:00:00Z"));
    berlin.notifier.deliver(n);
    String text = part(smtp.getReceivedMessages()[0], "text/plain");
    assertTrue(text.contains("You will hear from us by 5 Dec 2026, 14:00 CET."), text);
  }

  @Test
  void anInternalNoteIsNeverMailed() {
    Ticket t = openAssigned();
    deliver();
    f.desk.note(BEA, t.id(), "Customer is a VIP; the refund is approved internally.");
    MimeMessage[] got = deliver();
    assertEquals(1, got.length, "only the acknowledgement");
    assertEquals(0, f.outbox.undelivered());
  }

  @Test
  void valuesAreHtmlEscapedInTheHtmlPartOnly() throws Exception {
    String evil = "<script>alert('x')</script> & \"quotes\"";
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").subject(evil).build());
    f.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    f.desk.reply(BEA, t.id(), "Use <b>seat</b> 42A & enjoy");
    MimeMessage[] got = deliver();
    MimeMessage reply = got[1];
    String html = part(reply, "text/html");
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;"), html);
    assertTrue(html.contains("Use &lt;b&gt;seat&lt;/b&gt; 42A &amp; enjoy"), html);
    String text = part(reply, "text/plain");
    assertTrue(text.contains("Use <b>seat</b> 42A & enjoy"), "plain text is not escaped: " + text);
    assertEquals("Re: [" + t.key() + "] " + evil, reply.getSubject());
  }

  private Notification forged(String subject, String name) {
    return new Notification(
        NotificationId.random(),
        NotificationKind.AGENT_REPLIED,
        new Recipient(name, EmailAddress.of("ana@example.com")),
        TicketId.random(),
        new TicketKey("HD-7"),
        subject,
        Map.of(Notification.BODY, "Hello"),
        Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void aSubjectWithLineBreaksFailsTypedAndIsNotSentWhileTheRestOfTheBatchGoes() {
    Notification good = forged("Seat", "Ana");
    List<Notification> bad =
        List.of(
            forged("Refund\r\nBcc: evil@attacker.example", "Ana"),
            forged("Refund\nBcc: evil@attacker.example", "Ana"),
            forged("Refund\rX-Evil: 1", "Ana"),
            forged("Refund\0", "Ana"),
            forged("Refund\u2028Bcc: evil@attacker.example", "Ana"));
    List<Notification> batch = new java.util.ArrayList<>(bad);
    batch.add(1, good);
    Map<NotificationId, RuntimeException> failures = f.notifier.deliverAll(batch);
    assertEquals(bad.size(), failures.size());
    for (Notification n : bad) {
      HeaderInjectionException e =
          assertInstanceOf(HeaderInjectionException.class, failures.get(n.id()));
      assertEquals("ticketSubject", e.field());
    }
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(1, got.length, "only the clean notification was sent");
    assertTrue(
        Arrays.stream(got).noneMatch(m -> header(m, "Bcc") != null || header(m, "X-Evil") != null));
    assertEquals(0, smtp.getReceivedMessagesForDomain("attacker.example").length);
  }

  @Test
  void theAcknowledgementTellsWhenTheFirstReplyIsDueWhereAnSlaApplies() throws Exception {
    Notification ack =
        new Notification(
            NotificationId.random(),
            NotificationKind.TICKET_RECEIVED,
            new Recipient("Ana", EmailAddress.of("ana@example.com")),
            TicketId.random(),
            new TicketKey("HD-7"),
            "Seat",
            Map.of(Notification.FIRST_REPLY_DUE, "2026-03-02T13:00:00Z"),
            Instant.parse("2026-03-02T09:00:00Z"));
    f.notifier.deliver(ack);
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertTrue(
        part(m, "text/plain").contains("You will hear from us by Mar 2, 2026, 1:00 PM UTC."),
        part(m, "text/plain"));
    assertTrue(part(m, "text/html").contains("You will hear from us by"));
    f.notifier.deliver(forgedKind(NotificationKind.TICKET_RECEIVED));
    assertFalse(
        part(smtp.getReceivedMessages()[1], "text/plain").contains("You will hear"),
        "no promise without an SLA");
  }

  private Notification forgedKind(NotificationKind kind) {
    return new Notification(
        NotificationId.random(),
        kind,
        new Recipient("Ana", EmailAddress.of("ana@example.com")),
        TicketId.random(),
        new TicketKey("HD-8"),
        "Seat",
        Map.of(),
        Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void aSingleDeliveryThrowsTheTypedException() {
    assertThrows(
        HeaderInjectionException.class, () -> f.notifier.deliver(forged("a\r\nb: c", "Ana")));
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void aDisplayNameWithLineBreaksIsRefusedInTheSettings() {
    HeaderInjectionException e =
        assertThrows(
            HeaderInjectionException.class,
            () ->
                MailTestSupport.settings(25)
                    .from("support@desk.example", "Support\r\nBcc: evil@attacker.example")
                    .build());
    assertEquals("fromName", e.field());
  }

  @Test
  void aCustomerNameWithLineBreaksNeverGetsIntoANotification() {
    // The core refuses control characters in names, so no notification can carry one.
    assertThrows(
        dev.helpdesk.common.ValidationException.class,
        () -> new Recipient("Ana\r\nBcc: x@y.example", EmailAddress.of("ana@example.com")));
  }

  @Test
  void theRecipientsLocalePicksTheGermanTemplates() throws Exception {
    MailTestSupport de =
        new MailTestSupport(smtp.getSmtp().getPort(), s -> s.locale(Locale.GERMAN), b -> b);
    Ticket t = de.desk.open(ANA, MailTestSupport.request("c-ana").build());
    de.desk.dispatchNotifications();
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertEquals(
        "[" + t.key() + "] Ihre Anfrage ist eingegangen: Seat missing on booking", m.getSubject());
    assertTrue(part(m, "text/plain").contains("unter " + t.key() + " erfasst"));
  }

  @Test
  void theApplicationsOwnTemplatesWinOverTheBuiltInOnes() throws Exception {
    // src/test/resources/custom-templates holds only agent_replied.subject.mustache.
    MailTestSupport custom =
        new MailTestSupport(
            smtp.getSmtp().getPort(), s -> s.templateRoot("custom-templates"), b -> b);
    Ticket t = custom.desk.open(ANA, MailTestSupport.request("c-ana").build());
    custom.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    custom.desk.reply(BEA, t.id(), "Done");
    custom.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    custom.desk.dispatchNotifications();
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(
        "[" + t.key() + "] We received your request: Seat missing on booking",
        got[0].getSubject(),
        "kinds without an override keep the built-in template");
    assertEquals(
        "Example Travel: news on " + t.key() + " <Seat missing on booking>",
        got[1].getSubject(),
        "the subject template renders values unescaped");
    assertTrue(
        part(got[1], "text/plain").contains("Bea Agent replied"),
        "parts without an override keep the built-in template");
  }

  @Test
  void everySmtpTimeoutIsAlwaysSet() {
    MailSettings s =
        MailSettings.builder()
            .smtp("smtp.example.com", 587)
            .from("support@desk.example", "Support")
            .ticketLink("https://support.example/t/{key}")
            .agentTicketLink("https://desk.example/console/t/{key}")
            .build();
    java.util.Properties p = MailNotifier.properties(s);
    assertEquals("10000", p.get("mail.smtp.connectiontimeout"));
    assertEquals("30000", p.get("mail.smtp.timeout"));
    assertEquals("30000", p.get("mail.smtp.writetimeout"));
    assertEquals("true", p.get("mail.smtp.starttls.required"));
    assertEquals("desk.example", s.threading().domain(), "defaults to the from domain");
  }

  @Test
  void sslAndAuthAreConfigured() {
    MailSettings s =
        MailTestSupport.settings(465)
            .security(MailSettings.Security.SSL)
            .auth("desk", "s3cret")
            .build();
    java.util.Properties p = MailNotifier.properties(s);
    assertEquals("true", p.get("mail.smtp.ssl.enable"));
    assertEquals("true", p.get("mail.smtp.auth"));
    assertNull(p.get("mail.smtp.starttls.enable"));
    assertFalse(s.toString().contains("s3cret"), "the password stays out of logs");
  }

  @Test
  void settingsRefuseWhatCannotWork() {
    assertThrows(
        dev.helpdesk.common.ValidationException.class, () -> MailTestSupport.settings(0).build());
    assertThrows(
        dev.helpdesk.common.ValidationException.class,
        () ->
            MailTestSupport.settings(25)
                .timeouts(
                    java.time.Duration.ZERO,
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1))
                .build());
    assertThrows(
        dev.helpdesk.common.ValidationException.class,
        () -> MailTestSupport.settings(25).ticketLink("javascript:alert(1)").build());
    assertThrows(
        dev.helpdesk.common.ValidationException.class,
        () -> MailTestSupport.settings(25).messageIdDomain("not a domain").build());
  }

  @Test
  void aLinkWithoutAPlaceholderIsRefusedNamingTheSetting() {
    Map<String, java.util.function.UnaryOperator<MailSettings.Builder>> wrong =
        Map.of(
            "ticketLink", b -> b.ticketLink("https://support.example/tickets"),
            "agentTicketLink", b -> b.agentTicketLink("https://desk.example/console"),
            "satisfactionLink", b -> b.satisfactionLink("https://support.example/rate"));
    wrong.forEach(
        (field, change) -> {
          dev.helpdesk.common.ValidationException e =
              assertThrows(
                  dev.helpdesk.common.ValidationException.class,
                  () -> change.apply(MailTestSupport.settings(25)).build(),
                  field);
          assertEquals(field, e.field(), e.getMessage());
          assertTrue(e.getMessage().contains(MailSettings.KEY), e.getMessage());
        });
    assertEquals(
        "agentTicketLink",
        assertThrows(
                dev.helpdesk.common.ValidationException.class,
                () -> MailTestSupport.settings(25).agentTicketLink(null).build())
            .field(),
        "the agents' link is required");
    assertEquals(
        "https://support.example/t/" + MailSettings.ID,
        MailTestSupport.settings(25)
            .ticketLink("https://support.example/t/" + MailSettings.ID)
            .build()
            .ticketLink());
  }

  @Test
  void anUnreachableServerFailsEveryNotificationOfTheBatchWithTheTypedException() {
    MailNotifier down =
        new MailNotifier(MailTestSupport.settings(MailTestSupport.freePort()).build());
    List<Notification> batch = List.of(forged("a", "Ana"), forged("b", "Ana"));
    Map<NotificationId, RuntimeException> failures = down.deliverAll(batch);
    assertEquals(2, failures.size());
    failures.values().forEach(e -> assertInstanceOf(MailDeliveryException.class, e));
  }
}
