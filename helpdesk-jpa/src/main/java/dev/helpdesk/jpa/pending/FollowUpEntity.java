package dev.helpdesk.jpa.pending;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_pending_followup}: a pending ticket's plan, the instant its next step is due
 * (indexed) and the end of a job's claim on it.
 */
@Entity(name = "HdPendingFollowUp")
@Table(name = "hd_pending_followup")
class FollowUpEntity {

  @Id
  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "pending_since", nullable = false)
  Instant pendingSince;

  @Column(name = "first_reminder_at")
  Instant firstReminderAt;

  @Column(name = "second_reminder_at")
  Instant secondReminderAt;

  @Column(name = "auto_solve_at")
  Instant autoSolveAt;

  @Column(name = "next_step", nullable = false, length = 32)
  String nextStep;

  @Column(name = "next_due_at", nullable = false)
  Instant nextDueAt;

  @Column(name = "claimed_until")
  Instant claimedUntil;

  protected FollowUpEntity() {}

  FollowUpEntity(UUID ticketId) {
    this.ticketId = ticketId;
  }
}
