package dev.helpdesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SlaPolicyTest {

  private static ValidationException refused(Executable e) {
    return assertThrows(ValidationException.class, e);
  }

  @Test
  void aZeroTargetIsRefusedNamingTheTarget() {
    ValidationException e = refused(() -> SlaPolicy.named("p").firstReply(Duration.ZERO).build());
    assertEquals("firstReply", e.field());
    assertTrue(e.getMessage().contains("must be a positive duration"), e.getMessage());
  }

  @Test
  void aNegativeTargetIsRefusedNamingTheTarget() {
    ValidationException e =
        refused(() -> SlaPolicy.named("p").resolution(Duration.ofHours(-1)).build());
    assertEquals("resolution", e.field());
  }

  @Test
  void aWarningLeadMustBeShorterThanItsTarget() {
    ValidationException e =
        refused(
            () ->
                SlaPolicy.named("p")
                    .nextReply(Duration.ofHours(1))
                    .warning(WarningLead.before(Duration.ofHours(1)))
                    .build());
    assertEquals("warning.lead", e.field());
    assertEquals("warning.percent", refused(() -> WarningLead.percentElapsed(100)).field());
    assertEquals("warning.percent", refused(() -> WarningLead.percentElapsed(0)).field());
    assertEquals("warning.lead", refused(() -> WarningLead.before(Duration.ZERO)).field());
  }

  @Test
  void aPolicyNeedsAPriorityAndATarget() {
    assertEquals("targets", refused(() -> SlaPolicy.named("p").build()).field());
    assertEquals(
        "priorities",
        refused(() -> SlaPolicy.named("p").priorities().firstReply(Duration.ofHours(1)).build())
            .field());
  }

  @Test
  void solvedCannotPauseATarget() {
    assertEquals(
        "pausedBy",
        refused(
                () ->
                    SlaPolicy.named("p")
                        .resolution(Duration.ofHours(1))
                        .pausedBy(SlaTarget.RESOLUTION, Status.SOLVED)
                        .build())
            .field());
  }

  @Test
  void defaultPausesFollowTheIssue() {
    SlaPolicy p =
        SlaPolicy.named("p")
            .firstReply(Duration.ofHours(1))
            .nextReply(Duration.ofHours(1))
            .periodicUpdate(Duration.ofHours(1))
            .resolution(Duration.ofHours(1))
            .build();
    assertEquals(Set.of(), p.rule(SlaTarget.FIRST_REPLY).orElseThrow().pausedBy());
    assertEquals(Set.of(Status.PENDING), p.rule(SlaTarget.NEXT_REPLY).orElseThrow().pausedBy());
    assertEquals(Set.of(), p.rule(SlaTarget.PERIODIC_UPDATE).orElseThrow().pausedBy());
    assertEquals(
        Set.of(Status.PENDING, Status.ON_HOLD),
        p.rule(SlaTarget.RESOLUTION).orElseThrow().pausedBy());
    assertEquals(Set.of(Priority.values()), p.priorities());
  }

  @Test
  void policyNamesAreUnique() {
    SlaPolicy p = SlaPolicy.named("p").firstReply(Duration.ofHours(1)).build();
    ValidationException e =
        refused(
            () -> SlaSettings.builder(BusinessCalendar.alwaysOpen()).policy(p).policy(p).build());
    assertEquals("policies", e.field());
    assertEquals(
        "policies",
        refused(() -> SlaSettings.builder(BusinessCalendar.alwaysOpen()).build()).field());
  }
}
