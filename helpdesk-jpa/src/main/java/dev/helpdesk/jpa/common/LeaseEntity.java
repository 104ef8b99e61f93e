package dev.helpdesk.jpa.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code hd_lease}: a named lease, its holder and the end of its time. */
@Entity(name = "HdLease")
@Table(name = "hd_lease")
class LeaseEntity {

  @Id
  @Column(name = "name", nullable = false, length = 200)
  String name;

  @Column(name = "owner", nullable = false, length = 200)
  String owner;

  @Column(name = "expires_at", nullable = false)
  Instant expiresAt;

  protected LeaseEntity() {}

  LeaseEntity(String name, String owner, Instant expiresAt) {
    this.name = name;
    this.owner = owner;
    this.expiresAt = expiresAt;
  }
}
