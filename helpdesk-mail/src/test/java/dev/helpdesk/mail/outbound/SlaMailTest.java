package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.ANA;
import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.header;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SLA warnings and breaches mailed to agents, against GreenMail on loopback. */
class SlaMailTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String EVIL = "<script>alert('x')</script> & \"seat\"";
  private static final TicketId TICKET = TicketId.of("5b0c2f7e-2d3a-4c7e-9a51-0f3b1d2c4e6f");

  private MailTestSupport f;

  @BeforeEach
  void mailer() {
    f = new MailTestSupport(smtp.getSmtp().getPort());
  }

  private static Notification alert(NotificationKind kind, String target) {
    return new Notification(
        NotificationId.random(),
        kind,
        new Recipient("Bea Agent", EmailAddress.of("bea@desk.example")),
        TICKET,
        new TicketKey("HD-42"),
        EVIL,
        Map.of(Notification.SLA_TARGET, target, Notification.SLA_DUE, "2026-03-02T13:00:00Z"),
        Instant.parse("2026-03-02T12:00:00Z"));
  }

  @Test
  void aWarningNamesTheTargetAndWhenItIsDueEscapedInHtmlAndThreadedOnTheTicket() throws Exception {
    f.notifier.deliver(alert(NotificationKind.SLA_WARNING, "FIRST_REPLY"));
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertEquals("[HD-42] SLA warning, first reply due soon: " + EVIL, m.getSubject());
    assertEquals(
        "bea@desk.example",
        ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
    String text = part(m, "text/plain");
    assertTrue(
        text.contains("the first reply target of ticket HD-42, \"" + EVIL + "\", is due by"), text);
    // The desk's zone (UTC by default) goes with the time, so nobody reads it as their own.
    assertTrue(text.contains("is due by Mar 2, 2026, 1:00 PM UTC."), text);
    assertTrue(text.contains("https://desk.example/console/tickets/"), "the agents' link: " + text);
    assertFalse(text.contains("https://support.example/tickets/"), text);
    String html = part(m, "text/html");
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"), html);
    assertTrue(html.contains("<strong>first reply</strong>"), html);
    assertThreaded(m);
  }

  @Test
  void aBreachNamesEachTargetAndTheInstantItWasDue() throws Exception {
    f.notifier.deliverAll(
        List.of(
            alert(NotificationKind.SLA_BREACHED, "FIRST_REPLY"),
            alert(NotificationKind.SLA_BREACHED, "NEXT_REPLY"),
            alert(NotificationKind.SLA_BREACHED, "PERIODIC_UPDATE"),
            alert(NotificationKind.SLA_BREACHED, "RESOLUTION")));
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(
        List.of(
            "[HD-42] SLA breached, first reply overdue: " + EVIL,
            "[HD-42] SLA breached, next reply overdue: " + EVIL,
            "[HD-42] SLA breached, periodic update overdue: " + EVIL,
            "[HD-42] SLA breached, resolution overdue: " + EVIL),
        Arrays.stream(got).map(SlaMailTest::subject).sorted().toList());
    for (MimeMessage m : got) {
      assertTrue(part(m, "text/plain").contains("was breached: it was due by Mar 2, 2026"));
      assertFalse(part(m, "text/html").contains("<script>"));
      assertThreaded(m);
    }
    assertEquals(
        4, Arrays.stream(got).map(SlaMailTest::messageId).collect(Collectors.toSet()).size());
  }

  @Test
  void germanAgentsGetTheGermanWording() throws Exception {
    MailTestSupport de =
        new MailTestSupport(smtp.getSmtp().getPort(), s -> s.locale(Locale.GERMAN), b -> b);
    de.notifier.deliver(alert(NotificationKind.SLA_WARNING, "RESOLUTION"));
    de.notifier.deliver(alert(NotificationKind.SLA_BREACHED, "FIRST_REPLY"));
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals("[HD-42] SLA-Warnung, Lösung bald fällig: " + EVIL, got[0].getSubject());
    assertEquals("[HD-42] SLA verletzt, Erstantwort überfällig: " + EVIL, got[1].getSubject());
    assertTrue(part(got[0], "text/plain").contains("ist bald fällig (bis"));
    assertTrue(part(got[1], "text/html").contains("<strong>Erstantwort</strong>"));
    assertFalse(part(got[1], "text/html").contains("<script>"));
  }

  @Test
  void aTargetThisVersionDoesNotKnowIsNamedAsItCame() throws Exception {
    f.notifier.deliver(alert(NotificationKind.SLA_WARNING, "CALLBACK"));
    assertEquals(
        "[HD-42] SLA warning, CALLBACK due soon: " + EVIL,
        smtp.getReceivedMessages()[0].getSubject());
  }

  private void assertThreaded(MimeMessage m) {
    MailThreading threading = f.settings.threading();
    String root = threading.threadRoot(TICKET.value());
    assertEquals(root, header(m, "In-Reply-To"));
    assertEquals(root, header(m, "References"));
    assertEquals(TICKET.value(), threading.ticketOf(messageId(m)).orElseThrow());
    assertTrue(messageId(m).endsWith("@mail.desk.example>"), messageId(m));
    assertEquals("auto-generated", header(m, "Auto-Submitted"));
    assertEquals("HD-42", header(m, "X-Helpdesk-Ticket"));
    assertEquals("support@desk.example", header(m, "Reply-To"));
  }

  // ------------------------------------------------------------ end to end through a desk

  @Test
  void theMonitorsTickMailsTheAssigneeAndTheSupervisorsOfAWarningAndABreach() throws Exception {
    // Mon-Fri 09:00-17:00 in Berlin; the desk's clock starts Mon 2026-03-02 10:00 Berlin.
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(SlaPolicy.named("normal").firstReply(Duration.ofHours(2)).build())
            .onWarning(Escalation.notifyAssignee())
            .onBreach(Escalation.notifyAssignee(), Escalation.notifySupervisors())
            .build();
    MailTestSupport d = new MailTestSupport(smtp.getSmtp().getPort(), s -> s, b -> b.sla(sla));
    GroupId supervisors = GroupId.of("supervisors");
    d.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example")
            .withEscalationGroup(java.util.Optional.of(supervisors)));
    d.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-sue", "Sue Super", "sue@desk.example").withGroups(Set.of(supervisors)));
    Ticket t = d.desk.open(ANA, MailTestSupport.request("c-ana").subject(EVIL).build());
    d.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    d.desk.dispatchNotifications();
    MimeMessage ack = smtp.getReceivedMessages()[0];
    assertTrue(part(ack, "text/plain").contains("You will hear from us by"));
    SlaMonitor monitor = d.desk.slaMonitor().orElseThrow();

    // 75% of 2 business hours: the warning at 11:30 Berlin (10:30Z), the breach at 12:00.
    d.clock.set(Instant.parse("2026-03-02T10:29:59Z"));
    assertEquals(0, monitor.tick());
    d.clock.set(Instant.parse("2026-03-02T10:30:00Z"));
    assertEquals(1, monitor.tick());
    d.desk.dispatchNotifications();
    List<MimeMessage> warnings = received("SLA warning");
    assertEquals(List.of("bea@desk.example"), recipients(warnings));
    assertEquals(
        "[" + t.key() + "] SLA warning, first reply due soon: " + EVIL,
        warnings.get(0).getSubject());
    assertTrue(part(warnings.get(0), "text/plain").contains("is due by Mar 2, 2026, 11:00 AM UTC"));

    d.clock.set(Instant.parse("2026-03-02T11:00:00Z"));
    assertEquals(1, monitor.tick());
    assertEquals(0, monitor.tick());
    d.desk.dispatchNotifications();
    List<MimeMessage> breaches = received("SLA breached");
    assertEquals(List.of("bea@desk.example", "sue@desk.example"), recipients(breaches));
    String root = d.settings.threading().threadRoot(t.id().value());
    for (MimeMessage m : breaches) {
      assertEquals("[" + t.key() + "] SLA breached, first reply overdue: " + EVIL, m.getSubject());
      assertEquals(root, header(m, "References"));
      assertEquals(root, header(ack, "References"));
      assertFalse(part(m, "text/html").contains("<script>"));
    }
    assertEquals(0, d.outbox.undelivered());
  }

  private static List<MimeMessage> received(String subjectPart) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).contains(subjectPart))
        .toList();
  }

  private static List<String> recipients(List<MimeMessage> mails) {
    return mails.stream()
        .map(
            m -> {
              try {
                return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                    .getAddress();
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .sorted()
        .toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
