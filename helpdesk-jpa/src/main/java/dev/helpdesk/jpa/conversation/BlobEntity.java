package dev.helpdesk.jpa.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One row of {@code hd_attachment_blob}: the bytes of one stored file. */
@Entity(name = "HdAttachmentBlob")
@Table(name = "hd_attachment_blob")
class BlobEntity {

  @Id
  @SequenceGenerator(
      name = "hd_attachment_blob_seq",
      sequenceName = "hd_attachment_blob_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_attachment_blob_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "size_bytes", nullable = false)
  long size;

  // Not @Lob: PostgreSQL would get a large-object oid; a bytea/longblob column is what we want.
  @Column(name = "content", nullable = false, length = 100_000_000)
  byte[] content;

  protected BlobEntity() {}
}
