package dev.helpdesk.examples;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jobs.DeskScheduler;
import dev.helpdesk.jobs.JobIntervals;
import dev.helpdesk.mail.inbound.ImapPoller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The desk's scheduled work: started with the application, closed when it stops. */
final class ScheduledWork {

  static DeskScheduler start(HelpDesk desk, ImapPoller poller) {
    JobIntervals intervals =
        JobIntervals.production()
            .with(DeskJobs.DISPATCH, Duration.ofSeconds(2)) // mail out sooner than every 5 s
            .without(DeskJobs.ESCALATION); // this desk escalates by hand only
    List<DeskJob> jobs = new ArrayList<>(DeskJobs.standard(desk, intervals));
    // The IMAP poll lives in helpdesk-mail, so it joins the desk's own jobs here.
    intervals.job(DeskJobs.MAIL_POLL, () -> poller.pollOnce().size()).ifPresent(jobs::add);
    return DeskScheduler.builder()
        .jobs(jobs)
        .threads(2) // a poll waiting on the mail server does not hold up mail out
        .shutdownWait(Duration.ofSeconds(10))
        .start();
  }

  private ScheduledWork() {}
}
