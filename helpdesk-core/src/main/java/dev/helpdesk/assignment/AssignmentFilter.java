package dev.helpdesk.assignment;

import dev.helpdesk.ticket.Ticket;

/**
 * A condition every strategy respects: an agent it refuses is not among the {@link Candidates} a
 * strategy sees. Availability (ONLINE only), group (the ticket's group, when it has one) and
 * capacity (over all channels and on the ticket's channel) always apply; a policy adds its own.
 */
@FunctionalInterface
public interface AssignmentFilter {

  /** Whether {@code candidate} may get {@code ticket}. */
  boolean allows(Ticket ticket, Candidate candidate);
}
