/**
 * Outbound mail: {@link dev.helpdesk.mail.outbound.MailNotifier} delivers the desk's notifications
 * over SMTP, one connection per batch, rendered from Mustache templates (plain text plus an HTML
 * alternative, per locale, overridable from the application's class path) and threaded per ticket.
 */
package dev.helpdesk.mail.outbound;
