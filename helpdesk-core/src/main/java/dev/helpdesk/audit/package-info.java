/**
 * The audit of staff changes: who changed an agent, an agent's availability or a dead letter's fate
 * through the desk, when, and what the thing looked like before and after. {@link
 * dev.helpdesk.audit.AuditLog} is the port a store implements; {@link
 * dev.helpdesk.HelpDesk#staffAudit} reads it for staff.
 *
 * <p>Macros, SLA policies, assignment policies and the desk's other settings are given to the
 * builder in code and cannot be changed through a running desk, so there is nothing of theirs to
 * record here: their history is the application's version control.
 */
package dev.helpdesk.audit;
