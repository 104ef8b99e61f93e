package dev.helpdesk.jobs;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the desk's scheduled jobs, and the jobs the core itself does. The mail poll lives in
 * {@code helpdesk-mail}; an application reading a mailbox adds it itself, with {@code
 * intervals.job(DeskJobs.MAIL_POLL, () -> poller.pollOnce().size())}.
 */
public final class DeskJobs {

  /** Delivers notifications that are due ({@link HelpDesk#dispatchNotifications()}). */
  public static final String DISPATCH = "dispatch";

  /** Records SLA warnings and breaches as they fall due (the desk's SLA monitor, if any). */
  public static final String SLA_MONITOR = "sla-monitor";

  /** Serves the waiting queue with capacity freed elsewhere ({@link HelpDesk#assignQueued()}). */
  public static final String QUEUE = "queue";

  /**
   * Reassigns, then escalates, tickets no agent replied to in time ({@link
   * HelpDesk#escalateOverdue()}, the assignment policy's no-reply rule).
   */
  public static final String ESCALATION = "escalation";

  /** Closes tickets solved long enough ago ({@link HelpDesk#closeSolvedTickets()}). */
  public static final String CLOSE_SWEEP = "close-sweep";

  /**
   * Reminds the customers of tickets waiting in PENDING and solves those that waited long enough
   * ({@link HelpDesk#followUpPendingTickets()}).
   */
  public static final String PENDING_FOLLOW_UP = "pending-follow-up";

  /**
   * Erases the personal data of tickets closed longer ago than the desk's retention ({@link
   * HelpDesk#eraseExpiredTickets()}); only for a desk that has one.
   */
  public static final String RETENTION = "retention";

  /** Reads the support mailbox ({@code ImapPoller.pollOnce()} in {@code helpdesk-mail}). */
  public static final String MAIL_POLL = "mail-poll";

  /** Every job name, in the order the jobs are listed. */
  public static final List<String> NAMES =
      List.of(
          DISPATCH,
          SLA_MONITOR,
          QUEUE,
          ESCALATION,
          CLOSE_SWEEP,
          PENDING_FOLLOW_UP,
          RETENTION,
          MAIL_POLL);

  private DeskJobs() {}

  /**
   * The desk's own jobs at {@code intervals}, leaving out those switched off: dispatch, the SLA
   * monitor (only when the desk has SLA settings), queue serving, escalation, the close sweep, the
   * pending follow-up and the retention (only when the desk has one). Every one is safe to run on
   * several instances over one store at the same time.
   *
   * @return the jobs, in {@link #NAMES} order
   */
  public static List<DeskJob> standard(HelpDesk desk, JobIntervals intervals) {
    Check.present("desk", desk);
    Check.present("intervals", intervals);
    List<DeskJob> jobs = new ArrayList<>();
    intervals.job(DISPATCH, desk::dispatchNotifications).ifPresent(jobs::add);
    desk.slaMonitor()
        .flatMap(monitor -> intervals.job(SLA_MONITOR, monitor::tick))
        .ifPresent(jobs::add);
    intervals.job(QUEUE, desk::assignQueued).ifPresent(jobs::add);
    intervals.job(ESCALATION, desk::escalateOverdue).ifPresent(jobs::add);
    intervals.job(CLOSE_SWEEP, desk::closeSolvedTickets).ifPresent(jobs::add);
    intervals.job(PENDING_FOLLOW_UP, desk::followUpPendingTickets).ifPresent(jobs::add);
    if (desk.closedTicketRetention().isPresent()) {
      intervals.job(RETENTION, desk::eraseExpiredTickets).ifPresent(jobs::add);
    }
    return List.copyOf(jobs);
  }
}
