/**
 * Pending tickets: while a ticket waits in PENDING for its customer, the desk reminds the customer
 * once or twice and finally solves the ticket, each step after a business time set by a {@link
 * dev.helpdesk.pending.PendingFollowUp} (globally on the builder, or per SLA policy). The steps due
 * for each ticket are a {@link dev.helpdesk.pending.FollowUpPlan}, kept through the {@link
 * dev.helpdesk.pending.PendingFollowUps} port in the same unit of work as the change that made it.
 */
package dev.helpdesk.pending;
