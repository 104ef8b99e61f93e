/**
 * Automatic assignment: who gets a ticket. A team's policy is an {@link
 * dev.helpdesk.assignment.AssignmentStrategy} (built-ins in {@link
 * dev.helpdesk.assignment.Strategies}, composable into chains) that chooses among the {@link
 * dev.helpdesk.assignment.Candidates} every {@link dev.helpdesk.assignment.AssignmentFilter} lets
 * through; {@link dev.helpdesk.assignment.AssignmentPolicy} holds the whole configuration and
 * {@link dev.helpdesk.internal.assignment.Assignment} applies it to ticket edits. Capacity is
 * enforced by the ticket store itself, through the {@link dev.helpdesk.ticket.CapacityGuard}s a
 * change carries. See {@code docs/assignment.md}.
 */
package dev.helpdesk.assignment;
