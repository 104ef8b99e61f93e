/**
 * Privacy: what {@link dev.helpdesk.HelpDesk#eraseCustomer} reports, and the neutral values that
 * replace a customer's personal data (see {@code docs/privacy.md}).
 */
package dev.helpdesk.privacy;
