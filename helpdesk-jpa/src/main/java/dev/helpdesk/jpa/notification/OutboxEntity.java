package dev.helpdesk.jpa.notification;

import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.OutboxEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_outbox}. {@code due_at} repeats {@code next_attempt_at} while the entry is
 * pending or claimed and is null once it is delivered or dead, so that the claim index holds only
 * what may still be sent.
 */
@Entity(name = "HdOutboxEntry")
@Table(name = "hd_outbox")
class OutboxEntity {

  @Id
  @SequenceGenerator(name = "hd_outbox_seq", sequenceName = "hd_outbox_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_outbox_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "notification_id", nullable = false, unique = true)
  UUID notificationId;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 32)
  NotificationKind kind;

  @Column(name = "recipient_name", nullable = false, length = 200)
  String recipientName;

  @Column(name = "recipient_email", nullable = false, length = 254)
  String recipientEmail;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_key", nullable = false, length = 64)
  String ticketKey;

  @Column(name = "ticket_subject", nullable = false, length = 1000)
  String ticketSubject;

  @Column(name = "values_json", nullable = false, length = 1_048_576)
  String valuesJson;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", nullable = false, length = 16)
  OutboxEntry.State state;

  @Column(name = "attempts", nullable = false)
  int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  Instant nextAttemptAt;

  @Column(name = "due_at")
  Instant dueAt;

  @Column(name = "lease_owner", length = 200)
  String leaseOwner;

  @Column(name = "last_error", length = 4000)
  String lastError;

  /** Null on rows written before V14, which were due at {@code created_at}. */
  @Column(name = "not_before")
  Instant notBefore;

  @Column(name = "coalescing_key", length = 300)
  String coalescingKey;

  protected OutboxEntity() {}
}
