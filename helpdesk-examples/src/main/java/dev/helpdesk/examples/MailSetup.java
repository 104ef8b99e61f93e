package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailNotifier;

/** A desk that mails through a production SMTP server and reads its IMAP mailbox. */
record MailSetup(HelpDesk desk, ImapPoller poller) {

  /** The mail settings; {@code secret} is the mailbox password, e.g. from the environment. */
  static MailSettings settings(String secret) {
    return MailSettings.builder()
        .smtp("smtp.example.com", 587)
        .security(MailSettings.Security.STARTTLS) // NONE, STARTTLS (default) or SSL
        .auth("desk", secret)
        .from("support@example.com", "Example Travel Support")
        .replyTo("support@example.com") // default: the from address
        .messageIdDomain("mail.example.com") // default: the from address's domain
        .ticketLink("https://support.example.com/tickets/" + MailSettings.KEY)
        .agentTicketLink("https://desk.example.com/tickets/" + MailSettings.KEY)
        .satisfactionLink("https://support.example.com/rate/" + MailSettings.ID)
        .build();
  }

  /**
   * Checks the SMTP server, then builds the desk and the poller. A wrong host, port, security or
   * password fails here with a MailDeliveryException naming it, not at the first notification.
   */
  static MailSetup start(MailSettings mail, String secret) {
    MailNotifier notifier = new MailNotifier(mail);
    notifier.checkConnection();
    HelpDesk desk = HelpDesk.builder().notifier(notifier).build();

    MailIntake intake = new MailIntake(desk, IntakeSettings.from(mail));
    ImapPoller poller =
        new ImapPoller(
            ImapSettings.of("imap.example.com", 993, "support@example.com", secret), intake);
    return new MailSetup(desk, poller);
  }
}
