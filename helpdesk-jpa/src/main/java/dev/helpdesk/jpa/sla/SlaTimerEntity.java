package dev.helpdesk.jpa.sla;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_sla_timer}: a ticket's timers as a JSON document, the instant it next needs
 * the monitor (indexed) and the end of a monitor's claim on it.
 */
@Entity(name = "HdSlaTimer")
@Table(name = "hd_sla_timer")
class SlaTimerEntity {

  @Id
  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "policy", length = 200)
  String policy;

  @Column(name = "timers_json", nullable = false, length = 1_048_576)
  String timers;

  @Column(name = "next_check_at")
  Instant nextCheckAt;

  @Column(name = "claimed_until")
  Instant claimedUntil;

  protected SlaTimerEntity() {}

  SlaTimerEntity(UUID ticketId) {
    this.ticketId = ticketId;
  }
}
