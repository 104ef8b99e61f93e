package dev.helpdesk.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobIntervalsTest {

  private final JobIntervals production = JobIntervals.production();

  @Test
  void productionRunsEveryJobAtItsRhythm() {
    assertEquals(Optional.of(Duration.ofSeconds(5)), production.of(DeskJobs.DISPATCH));
    assertEquals(Optional.of(Duration.ofSeconds(10)), production.of(DeskJobs.SLA_MONITOR));
    assertEquals(Optional.of(Duration.ofSeconds(30)), production.of(DeskJobs.QUEUE));
    assertEquals(Optional.of(Duration.ofMinutes(5)), production.of(DeskJobs.ESCALATION));
    assertEquals(Optional.of(Duration.ofMinutes(15)), production.of(DeskJobs.CLOSE_SWEEP));
    assertEquals(Optional.of(Duration.ofMinutes(5)), production.of(DeskJobs.PENDING_FOLLOW_UP));
    assertEquals(Optional.of(Duration.ofHours(1)), production.of(DeskJobs.RETENTION));
    assertEquals(Optional.of(Duration.ofSeconds(30)), production.of(DeskJobs.MAIL_POLL));
    assertEquals(
        List.of(
            "dispatch",
            "sla-monitor",
            "queue",
            "escalation",
            "close-sweep",
            "pending-follow-up",
            "retention",
            "mail-poll"),
        DeskJobs.NAMES);
  }

  @Test
  void withChangesOneJobAndLeavesTheOriginalAlone() {
    JobIntervals fast = production.with(DeskJobs.DISPATCH, Duration.ofSeconds(1));
    assertEquals(Optional.of(Duration.ofSeconds(1)), fast.of(DeskJobs.DISPATCH));
    assertEquals(Optional.of(Duration.ofSeconds(5)), production.of(DeskJobs.DISPATCH));
    assertEquals(production.of(DeskJobs.QUEUE), fast.of(DeskJobs.QUEUE));
    assertNotEquals(production, fast);
    assertEquals(production, fast.with(DeskJobs.DISPATCH, Duration.ofSeconds(5)));
  }

  @Test
  void withoutSwitchesAJobOffAndWithSwitchesItOnAgain() {
    JobIntervals noMail = production.without(DeskJobs.MAIL_POLL);
    assertEquals(Optional.empty(), noMail.of(DeskJobs.MAIL_POLL));
    assertEquals(Optional.empty(), noMail.job(DeskJobs.MAIL_POLL, () -> 1));
    assertTrue(production.of(DeskJobs.MAIL_POLL).isPresent(), "the original is unchanged");
    JobIntervals again = noMail.with(DeskJobs.MAIL_POLL, Duration.ofMinutes(1));
    assertEquals(Optional.of(Duration.ofMinutes(1)), again.of(DeskJobs.MAIL_POLL));
  }

  @Test
  void jobMakesADeskJobAtTheInterval() {
    DeskJob job = production.job(DeskJobs.MAIL_POLL, () -> 3).orElseThrow();
    assertEquals(DeskJobs.MAIL_POLL, job.name());
    assertEquals(Duration.ofSeconds(30), job.interval());
    assertEquals(3, job.runOnce());
  }

  @Test
  void anUnknownJobIsRefusedNamingIt() {
    assertEquals(
        "nightly",
        assertThrows(
                ValidationException.class, () -> production.with("nightly", Duration.ofHours(1)))
            .field());
    assertEquals(
        "nightly",
        assertThrows(ValidationException.class, () -> production.without("nightly")).field());
    assertEquals(
        "nightly", assertThrows(ValidationException.class, () -> production.of("nightly")).field());
    assertEquals("job", assertThrows(ValidationException.class, () -> production.of(null)).field());
  }

  @Test
  void aNonPositiveIntervalIsRefusedNamingTheJob() {
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> production.with(DeskJobs.QUEUE, bad));
      assertEquals(DeskJobs.QUEUE, e.field());
    }
  }

  @Test
  void aDeskJobValidates() {
    assertEquals(
        "name",
        assertThrows(
                ValidationException.class, () -> new DeskJob(" ", Duration.ofSeconds(1), () -> 0))
            .field());
    assertEquals(
        "interval",
        assertThrows(ValidationException.class, () -> new DeskJob("x", Duration.ZERO, () -> 0))
            .field());
    assertEquals(
        "interval",
        assertThrows(ValidationException.class, () -> new DeskJob("x", null, () -> 0)).field());
    assertEquals(
        "work",
        assertThrows(ValidationException.class, () -> new DeskJob("x", Duration.ofSeconds(1), null))
            .field());
  }
}
