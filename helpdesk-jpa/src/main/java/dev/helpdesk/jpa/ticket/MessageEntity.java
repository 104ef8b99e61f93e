package dev.helpdesk.jpa.ticket;

import dev.helpdesk.conversation.Visibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_message}. Messages are ordered by the ticket version that added them and
 * their position within that change: ids from different instances are not ordered in time.
 */
@Entity(name = "HdMessage")
@Table(name = "hd_message")
class MessageEntity {

  @Id
  @Column(name = "message_id", nullable = false)
  UUID messageId;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "ticket_version", nullable = false)
  long ticketVersion;

  @Column(name = "position", nullable = false)
  int position;

  @Column(name = "author_kind", nullable = false, length = 16)
  String authorKind;

  @Column(name = "author_id", nullable = false, length = 128)
  String authorId;

  @Enumerated(EnumType.STRING)
  @Column(name = "visibility", nullable = false, length = 16)
  Visibility visibility;

  @Column(name = "body", nullable = false, length = 65_536)
  String body;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected MessageEntity() {}
}
