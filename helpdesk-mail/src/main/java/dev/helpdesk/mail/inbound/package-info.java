/**
 * Inbound mail: {@link dev.helpdesk.mail.inbound.MailIntake} turns a received mail into a customer
 * reply on the ticket it answers, a new ticket, or a note (bounces, auto-replies), with loop and
 * bounce protection; {@link dev.helpdesk.mail.inbound.ImapPoller} feeds it from an IMAP folder.
 * {@link dev.helpdesk.mail.inbound.MailParser} reads hostile input and fails only with {@link
 * dev.helpdesk.mail.inbound.MalformedMailException}.
 */
package dev.helpdesk.mail.inbound;
