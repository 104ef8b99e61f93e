package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.jobs.JobIntervals;
import dev.helpdesk.mail.inbound.ImapPoller;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * The desk's scheduled work: notification dispatch, the SLA monitor, queue serving, escalation, the
 * close sweep and, with IMAP configured, the mailbox poll. Each job has its own interval under
 * {@code helpdesk.jobs.<job>.interval} and is switched off with {@code
 * helpdesk.jobs.<job>.enabled=false}; {@code helpdesk.jobs.enabled=false} keeps this instance from
 * running any. Safe on several instances: the desk shares the work out through its store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "helpdesk.jobs.enabled", matchIfMissing = true)
class HelpDeskJobsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  HelpDeskJobs helpDeskJobs(
      HelpDesk desk,
      HelpDeskProperties properties,
      ObjectProvider<ImapPoller> poller,
      ObjectProvider<TaskScheduler> scheduler) {
    JobIntervals intervals = intervals(properties.getJobs(), poller.getIfAvailable() != null);
    return new HelpDeskJobs(
        desk,
        intervals,
        poller.getIfAvailable(),
        scheduler.getIfUnique(),
        new JobRuns(desk.clock()));
  }

  /** The intervals the properties ask for, each wrong one named by its property. */
  static JobIntervals intervals(HelpDeskProperties.Jobs jobs, boolean mailbox) {
    Map<String, HelpDeskProperties.Job> byName = new LinkedHashMap<>();
    byName.put(DeskJobs.DISPATCH, jobs.getDispatch());
    byName.put(DeskJobs.SLA_MONITOR, jobs.getSlaMonitor());
    byName.put(DeskJobs.QUEUE, jobs.getQueue());
    byName.put(DeskJobs.ESCALATION, jobs.getEscalation());
    byName.put(DeskJobs.CLOSE_SWEEP, jobs.getCloseSweep());
    byName.put(DeskJobs.PENDING_FOLLOW_UP, jobs.getPendingFollowUp());
    byName.put(DeskJobs.RETENTION, jobs.getRetention());
    byName.put(DeskJobs.MAIL_POLL, jobs.getMailPoll());
    JobIntervals intervals = JobIntervals.production();
    for (Map.Entry<String, HelpDeskProperties.Job> entry : byName.entrySet()) {
      String name = entry.getKey();
      HelpDeskProperties.Job job = entry.getValue();
      boolean wanted = job.isEnabled() && (mailbox || !name.equals(DeskJobs.MAIL_POLL));
      try {
        intervals = wanted ? intervals.with(name, job.getInterval()) : intervals.without(name);
      } catch (ValidationException e) {
        throw new InvalidConfigurationPropertyValueException(
            "helpdesk.jobs." + name + ".interval",
            String.valueOf(job.getInterval()),
            e.getMessage());
      }
    }
    return intervals;
  }
}
