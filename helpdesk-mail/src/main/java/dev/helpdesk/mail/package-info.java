/**
 * Mail for the help desk over jakarta.mail: what outbound notifications and inbound intake share.
 * {@link dev.helpdesk.mail.MailSettings} configures the identity of the desk's mail and the SMTP
 * connection, {@link dev.helpdesk.mail.MailThreading} is the Message-ID scheme that ties every mail
 * to its ticket, and {@link dev.helpdesk.mail.HeaderInjectionException} is what any attempt to
 * smuggle a line break into a header ends in. The notifier lives in {@code
 * dev.helpdesk.mail.outbound}, the intake in {@code dev.helpdesk.mail.inbound}.
 */
package dev.helpdesk.mail;
