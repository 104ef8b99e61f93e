package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.notification.Notifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mail from {@code helpdesk.mail.*}: notifications over SMTP once {@code helpdesk.mail.host} is
 * set, and the support mailbox read over IMAP once {@code helpdesk.mail.imap.host} is set too, by
 * one instance at a time (the lease is the desk's, shared through its database).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "helpdesk.mail", name = "host")
class HelpDeskMailConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MailSettings helpDeskMailSettings(HelpDeskProperties properties) {
    HelpDeskProperties.Mail mail = properties.getMail();
    String p = "helpdesk.mail.";
    String why = "when helpdesk.mail.host is";
    PropertyErrors.required(p + "from", mail.getFrom(), why);
    PropertyErrors.required(p + "ticket-link", mail.getTicketLink(), why);
    PropertyErrors.required(p + "agent-ticket-link", mail.getAgentTicketLink(), why);
    MailSettings.Builder settings = MailSettings.builder();
    PropertyErrors.run(
        p + "host", mail.getHost(), () -> settings.smtp(mail.getHost(), mail.getPort()));
    PropertyErrors.run(
        p + "security", mail.getSecurity(), () -> settings.security(mail.getSecurity()));
    PropertyErrors.run(
        p + "from", mail.getFrom(), () -> settings.from(mail.getFrom(), mail.getFromName()));
    PropertyErrors.run(
        p + "ticket-link", mail.getTicketLink(), () -> settings.ticketLink(mail.getTicketLink()));
    PropertyErrors.run(
        p + "agent-ticket-link",
        mail.getAgentTicketLink(),
        () -> settings.agentTicketLink(mail.getAgentTicketLink()));
    PropertyErrors.run(p + "locale", mail.getLocale(), () -> settings.locale(mail.getLocale()));
    PropertyErrors.run(p + "zone", mail.getZone(), () -> settings.zone(mail.getZone()));
    if (mail.getUsername() != null) {
      PropertyErrors.run(
          p + "username",
          mail.getUsername(),
          () -> settings.auth(mail.getUsername(), mail.getPassword()));
    }
    if (mail.getReplyTo() != null) {
      PropertyErrors.run(
          p + "reply-to", mail.getReplyTo(), () -> settings.replyTo(mail.getReplyTo()));
    }
    if (mail.getMessageIdDomain() != null) {
      PropertyErrors.run(
          p + "message-id-domain",
          mail.getMessageIdDomain(),
          () -> settings.messageIdDomain(mail.getMessageIdDomain()));
    }
    if (mail.getSatisfactionLink() != null) {
      PropertyErrors.run(
          p + "satisfaction-link",
          mail.getSatisfactionLink(),
          () -> settings.satisfactionLink(mail.getSatisfactionLink()));
    }
    PropertyErrors.run(
        p + "attachment-limit",
        mail.getAttachmentLimit(),
        () -> settings.attachmentLimit(mail.getAttachmentLimit().toBytes()));
    if (mail.getAttachmentLink() != null) {
      PropertyErrors.run(
          p + "attachment-link",
          mail.getAttachmentLink(),
          () -> settings.attachmentLink(mail.getAttachmentLink()));
    }
    try {
      return settings.build();
    } catch (dev.helpdesk.common.ValidationException e) {
      // A rule across settings, checked last: named by the field the library reports.
      throw PropertyErrors.invalid(p + PropertyErrors.kebab(e.field()), null, e.getMessage());
    }
  }

  @Bean
  @ConditionalOnMissingBean(Notifier.class)
  MailNotifier helpDeskMailNotifier(
      MailSettings settings, HelpDeskAutoConfiguration.DeskAttachments attachments) {
    // The desk's own store: the mail carries the files of the replies it announces.
    return new MailNotifier(
        settings, Thread.currentThread().getContextClassLoader(), attachments.store());
  }

  /** Reading the support mailbox. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "helpdesk.mail.imap", name = "host")
  static class Imap {

    /** Remembers Message-IDs in the desk's store, so every instance threads every reply. */
    @Bean
    @ConditionalOnMissingBean
    MailIntake helpDeskMailIntake(HelpDesk desk, MailSettings settings) {
      return new MailIntake(desk, IntakeSettings.from(settings));
    }

    @Bean
    @ConditionalOnMissingBean
    ImapPoller helpDeskImapPoller(HelpDeskProperties properties, MailIntake intake) {
      HelpDeskProperties.Imap imap = properties.getMail().getImap();
      PropertyErrors.required(
          "helpdesk.mail.imap.username", imap.getUsername(), "when helpdesk.mail.imap.host is");
      return PropertyErrors.at(
          "helpdesk.mail.imap.host",
          imap.getHost(),
          () -> {
            ImapSettings settings =
                ImapSettings.of(
                    imap.getHost(), imap.getPort(), imap.getUsername(), imap.getPassword());
            ImapPoller.Builder poller =
                ImapPoller.builder(imap.isSsl() ? settings : settings.withoutSsl(), intake);
            PropertyErrors.run(
                "helpdesk.mail.imap.lease", imap.getLease(), () -> poller.lease(imap.getLease()));
            if (imap.getOwner() != null) {
              PropertyErrors.run(
                  "helpdesk.mail.imap.owner", imap.getOwner(), () -> poller.owner(imap.getOwner()));
            }
            return poller.build();
          });
    }
  }
}
