package dev.helpdesk.jpa.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One row of {@code hd_message_attachment}: what the conversation knows of an attached file. The
 * bytes are wherever the {@link dev.helpdesk.conversation.AttachmentStore} put them; {@code ref}
 * says where. The ticket id is repeated so that a conversation's attachments load in one query.
 */
@Entity(name = "HdMessageAttachment")
@Table(name = "hd_message_attachment")
class AttachmentEntity {

  @Id
  @SequenceGenerator(
      name = "hd_message_attachment_seq",
      sequenceName = "hd_message_attachment_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_message_attachment_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "message_id", nullable = false)
  UUID messageId;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "position", nullable = false)
  int position;

  @Column(name = "name", nullable = false, length = 255)
  String name;

  @Column(name = "media_type", nullable = false, length = 255)
  String mediaType;

  @Column(name = "size_bytes", nullable = false)
  long size;

  @Column(name = "ref", nullable = false, length = 512)
  String ref;

  protected AttachmentEntity() {}
}
