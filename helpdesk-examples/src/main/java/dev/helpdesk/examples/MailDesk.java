package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.notification.NotificationPolicy;
import java.time.Duration;

/** A desk that mails through a local SMTP server and reads a local IMAP mailbox. */
record MailDesk(HelpDesk desk, ImapPoller poller) {

  static MailDesk start(int smtpPort, int imapPort) {
    MailSettings mail =
        MailSettings.builder()
            .smtp("127.0.0.1", smtpPort)
            .security(MailSettings.Security.NONE) // a local server; STARTTLS is the default
            .from("support@desk.example", "Example Travel Support")
            .ticketLink("https://travel.example/support/tickets/{id}")
            .agentTicketLink("https://travel.example/desk/tickets/{id}")
            .build();
    MailNotifier notifier = new MailNotifier(mail);
    notifier.checkConnection(); // names what is wrong, e.g. a server without STARTTLS
    HelpDesk desk =
        HelpDesk.builder()
            .notifier(notifier)
            // The example runs straight through: mail at once rather than after the one-minute
            // coalescing window, which a desk in production keeps (docs/notifications.md).
            .notifications(NotificationPolicy.defaults().coalescingWindow(Duration.ZERO))
            .build();

    MailIntake intake = new MailIntake(desk, IntakeSettings.from(mail));
    ImapPoller poller =
        new ImapPoller(
            ImapSettings.of("127.0.0.1", imapPort, "support", "secret").withoutSsl(), intake);
    return new MailDesk(desk, poller);
  }
}
