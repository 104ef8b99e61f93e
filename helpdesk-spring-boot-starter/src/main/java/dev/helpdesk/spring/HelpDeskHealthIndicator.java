package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.jobs.DeskJob;
import dev.helpdesk.jobs.DeskJobs;
import dev.helpdesk.notification.Outbox;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The desk's health: down when its store cannot be read; otherwise up, with the outbox backlog
 * (notifications not yet delivered), the dead letters (given up on; each needs a person) and how
 * long ago this instance's SLA monitor last finished a tick. A monitor that has not finished for
 * {@value #STALE_INTERVALS} of its intervals is reported as lagging and the desk as down: warnings
 * and breaches are not being recorded.
 */
final class HelpDeskHealthIndicator extends AbstractHealthIndicator {

  /** How many missed intervals make the SLA monitor stale. */
  static final int STALE_INTERVALS = 5;

  /** Dead letters are counted up to this many. */
  static final int DEAD_LETTER_LIMIT = 1000;

  private final HelpDesk desk;
  private final Outbox outbox;
  private final Optional<HelpDeskJobs> jobs;

  HelpDeskHealthIndicator(HelpDesk desk, Outbox outbox, Optional<HelpDeskJobs> jobs) {
    super("Help desk health check failed");
    this.desk = desk;
    this.outbox = outbox;
    this.jobs = jobs;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    // Both read the store: an unreachable database fails here, and the indicator reports down.
    long backlog = outbox.undelivered();
    int dead = desk.deadLetters(DEAD_LETTER_LIMIT).size();
    builder.up().withDetail("outboxBacklog", backlog).withDetail("deadLetters", dead);
    if (desk.slaMonitor().isEmpty()) {
      return;
    }
    if (jobs.isEmpty()) {
      return;
    }
    Optional<DeskJob> monitor = monitorJob(jobs.get());
    if (monitor.isEmpty()) {
      return;
    }
    Duration lag = jobs.get().runs().sinceLast(DeskJobs.SLA_MONITOR);
    builder.withDetail("slaMonitorLag", lag.toString());
    if (lag.compareTo(monitor.get().interval().multipliedBy(STALE_INTERVALS)) > 0) {
      builder.down().withDetail("slaMonitor", "no tick finished for " + lag);
    }
  }

  private static Optional<DeskJob> monitorJob(HelpDeskJobs jobs) {
    return jobs.jobs().stream().filter(j -> j.name().equals(DeskJobs.SLA_MONITOR)).findFirst();
  }
}
