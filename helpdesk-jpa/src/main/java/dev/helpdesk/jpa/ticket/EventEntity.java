package dev.helpdesk.jpa.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_ticket_event}: the columns every event has (ticket, type, actor, instant)
 * and a JSON payload with what only its type has. One column per field of every event type would be
 * mostly nulls and would need a migration for each new event type.
 */
@Entity(name = "HdTicketEvent")
@Table(name = "hd_ticket_event")
class EventEntity {

  @Id
  @SequenceGenerator(
      name = "hd_ticket_event_seq",
      sequenceName = "hd_ticket_event_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_ticket_event_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "position", nullable = false)
  int position;

  @Column(name = "event_type", nullable = false, length = 32)
  String type;

  @Column(name = "actor_kind", nullable = false, length = 16)
  String actorKind;

  @Column(name = "actor_id", nullable = false, length = 128)
  String actorId;

  @Column(name = "occurred_at", nullable = false)
  Instant occurredAt;

  @Column(name = "payload", nullable = false, length = 1_048_576)
  String payload;

  protected EventEntity() {}
}
