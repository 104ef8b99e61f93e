/**
 * Canned responses: a {@link dev.helpdesk.macro.Macro} is a named reply template with placeholders,
 * plus the fields it sets, that an agent applies to a ticket in one step.
 */
package dev.helpdesk.macro;
