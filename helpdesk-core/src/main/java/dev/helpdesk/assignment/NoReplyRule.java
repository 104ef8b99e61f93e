package dev.helpdesk.assignment;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;

/**
 * What the desk does when an assigned ticket gets no agent reply: after {@code within} of business
 * time (the ticket's business calendar, every hour without SLAs) with no public agent reply, the
 * ticket goes to another eligible agent of the pool, chosen by the policy's strategy among the
 * agents it has not had since the no-reply chain began; after {@code reassignments} such moves, the
 * next lapse escalates it to the supervisor group. Set with {@code
 * AssignmentPolicy.builder().noReply(within, reassignments)}; acted on by {@code
 * HelpDesk.escalateOverdue()} (the {@code escalation} job).
 *
 * @param within business time an assigned NEW or OPEN ticket may wait for its agent's first public
 *     reply; positive, at most {@link #MAX_WITHIN}
 * @param reassignments how many times the ticket moves to another agent before it is escalated; 0
 *     escalates at the first lapse, at most {@link #MAX_REASSIGNMENTS}
 * @throws ValidationException naming {@code within} or {@code reassignments}
 */
public record NoReplyRule(Duration within, int reassignments) {

  /** The longest wait the rule accepts. */
  public static final Duration MAX_WITHIN = Duration.ofDays(365);

  /**
   * The reason recorded on the assignments the rule makes ({@code TicketEvent.Assigned#reason}), so
   * the history and webhooks tell why the ticket moved.
   */
  public static final String REASON = "no-reply";

  /** The most reassignments before escalation. */
  public static final int MAX_REASSIGNMENTS = 100;

  /** Validates the rule. */
  public NoReplyRule {
    Check.present("within", within);
    if (within.isNegative() || within.isZero()) {
      throw new ValidationException("within", "must be positive (was " + within + ")");
    }
    if (within.compareTo(MAX_WITHIN) > 0) {
      throw new ValidationException(
          "within", "must be at most " + MAX_WITHIN + " (was " + within + ")");
    }
    if (reassignments < 0 || reassignments > MAX_REASSIGNMENTS) {
      throw new ValidationException(
          "reassignments", "must be 0 to " + MAX_REASSIGNMENTS + " (was " + reassignments + ")");
    }
  }
}
