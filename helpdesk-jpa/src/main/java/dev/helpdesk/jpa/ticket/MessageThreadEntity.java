package dev.helpdesk.jpa.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One row of {@code hd_message_thread}: a Message-ID, keyed by its SHA-256 since the id itself may
 * be longer than an index allows, and the first ticket it landed on.
 */
@Entity(name = "HdMessageThread")
@Table(name = "hd_message_thread")
class MessageThreadEntity {

  @Id
  @Column(name = "id_hash", nullable = false, length = 64)
  String idHash;

  @Column(name = "message_id", nullable = false, length = 998)
  String messageId;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  protected MessageThreadEntity() {}

  MessageThreadEntity(String idHash, String messageId, UUID ticketId) {
    this.idHash = idHash;
    this.messageId = messageId;
    this.ticketId = ticketId;
  }
}
