/**
 * Helpers for applications' own tests, shipped in the main jar: a {@link
 * dev.helpdesk.testing.SettableClock}.
 */
package dev.helpdesk.testing;
