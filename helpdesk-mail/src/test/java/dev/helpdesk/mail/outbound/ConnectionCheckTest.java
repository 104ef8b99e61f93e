package dev.helpdesk.mail.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.MessagingException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a new user gets wrong in the SMTP settings is reported as that, by {@link
 * MailNotifier#checkConnection()} at start-up and by every failed delivery, against real servers on
 * loopback.
 */
class ConnectionCheckTest {

  @RegisterExtension
  static final GreenMailExtension plain =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("desk", "right"));

  @RegisterExtension
  static final GreenMailExtension tls = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

  private static MailSettings.Builder plainServer() {
    return MailTestSupport.settings(plain.getSmtp().getPort());
  }

  private static String failure(MailSettings settings) {
    return assertThrows(
            MailDeliveryException.class, () -> new MailNotifier(settings).checkConnection())
        .getMessage();
  }

  @Test
  void aPlainServerPassesTheCheckWithAndWithoutALogin() {
    new MailNotifier(plainServer().build()).checkConnection();
    new MailNotifier(plainServer().auth("desk", "right").build()).checkConnection();
  }

  @Test
  void aServerWithoutStartTlsIsReportedAsThatAtTheCheckAndAtDelivery() {
    // STARTTLS is the default security; GreenMail's plain SMTP does not offer it.
    MailSettings settings = plainServer().security(MailSettings.Security.STARTTLS).build();
    String expected =
        "127.0.0.1:"
            + plain.getSmtp().getPort()
            + " does not offer STARTTLS; set security NONE for a plain relay or use port 465 with"
            + " SSL";
    assertEquals(expected, failure(settings));

    Notification n = notification();
    Map<NotificationId, RuntimeException> failures =
        new MailNotifier(settings).deliverAll(List.of(n));
    assertEquals(expected, failures.get(n.id()).getMessage());
  }

  @Test
  void aRefusedConnectionNamesHostAndPort() {
    int port = MailTestSupport.freePort();
    String message = failure(MailTestSupport.settings(port).build());
    assertTrue(message.startsWith("127.0.0.1:" + port + " refused the connection"), message);
    assertTrue(message.contains("check the SMTP host and port"), message);
  }

  @Test
  void aWrongPasswordIsReportedAsAFailedLogin() {
    String message = failure(plainServer().auth("desk", "wrong").build());
    assertTrue(message.contains("refused the login of 'desk'"), message);
    assertTrue(message.contains("check the username and password"), message);
  }

  @Test
  void anUntrustedCertificateIsReportedAsThat() {
    // GreenMail's SMTPS presents a self-signed certificate the JDK does not trust.
    MailSettings settings =
        MailTestSupport.settings(tls.getSmtps().getPort())
            .security(MailSettings.Security.SSL)
            .build();
    String message = failure(settings);
    assertTrue(message.startsWith("the TLS certificate of 127.0.0.1:"), message);
    assertTrue(message.contains("sslTrust"), message);
  }

  @Test
  void ssLOnAPlainPortIsReportedAsAFailedHandshake() {
    String message = failure(plainServer().security(MailSettings.Security.SSL).build());
    assertTrue(message.startsWith("the TLS handshake with 127.0.0.1:"), message);
    assertTrue(message.contains("465 speaks SSL"), message);
  }

  @Test
  void anUnknownHostIsNamed() {
    // Built like jakarta.mail's own failure; resolving a name for real would depend on the DNS.
    MailSettings settings = MailTestSupport.settings(25).build();
    MessagingException e =
        new MessagingException(
            "Unknown SMTP host: 127.0.0.1", new UnknownHostException("127.0.0.1"));
    assertEquals(
        "unknown SMTP host 127.0.0.1; check the host name and DNS",
        SmtpDiagnosis.connectFailure(settings, e));
  }

  private static Notification notification() {
    return new Notification(
        NotificationId.random(),
        NotificationKind.TICKET_RECEIVED,
        new Recipient("Ana", EmailAddress.of("ana@example.com")),
        TicketId.random(),
        TicketKey.of("HD", 1),
        "Seat missing",
        Map.of(),
        Instant.parse("2026-03-02T09:00:00Z"));
  }
}
