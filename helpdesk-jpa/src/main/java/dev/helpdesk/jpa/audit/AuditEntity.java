package dev.helpdesk.jpa.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code hd_staff_audit}: one staff change, its actor and its summaries as JSON. */
@Entity(name = "HdStaffAudit")
@Table(name = "hd_staff_audit")
class AuditEntity {

  @Id
  @Column(name = "audit_id", nullable = false, length = 36)
  String id;

  @Column(name = "recorded_at", nullable = false)
  Instant at;

  @Column(name = "actor", nullable = false, length = 200)
  String actor;

  @Column(name = "action", nullable = false, length = 40)
  String action;

  @Column(name = "subject", nullable = false, length = 200)
  String subject;

  @Column(name = "before_json", nullable = false, length = 30_000)
  String before;

  @Column(name = "after_json", nullable = false, length = 30_000)
  String after;

  protected AuditEntity() {}

  AuditEntity(
      String id,
      Instant at,
      String actor,
      String action,
      String subject,
      String before,
      String after) {
    this.id = id;
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.subject = subject;
    this.before = before;
    this.after = after;
  }
}
