package dev.helpdesk.jpa.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_no_reply_deadline}: an assigned ticket's no-reply deadline (indexed), the
 * chain of agents the rule has tried, and the end of a job's claim on it.
 */
@Entity(name = "HdNoReplyDeadline")
@Table(name = "hd_no_reply_deadline")
class NoReplyDeadlineEntity {

  @Id
  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "due_at", nullable = false)
  Instant dueAt;

  @Column(name = "attempts", nullable = false)
  int attempts;

  /** A JSON array of agent ids, in the order tried. */
  @Column(name = "agents_tried", nullable = false, length = 65_536)
  String agentsTried;

  @Column(name = "claimed_until")
  Instant claimedUntil;

  protected NoReplyDeadlineEntity() {}

  NoReplyDeadlineEntity(UUID ticketId) {
    this.ticketId = ticketId;
  }
}
