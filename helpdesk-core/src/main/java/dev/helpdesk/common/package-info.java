/**
 * What every part of the desk shares: the exception hierarchy rooted at {@link
 * dev.helpdesk.common.HelpDeskException}, argument checks that name the offending field, and the
 * {@link dev.helpdesk.common.EmailAddress} value.
 */
package dev.helpdesk.common;
