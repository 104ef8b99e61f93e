package dev.helpdesk.jpa.conversation;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.jpa.store.Transactions;
import java.util.Objects;
import java.util.Optional;

/**
 * Attachment bytes in table {@code hd_attachment_blob}, with a per-file size limit. Convenient when
 * files are few and small (screenshots, PDFs of bookings) and one backup should hold everything;
 * put large volumes in an object store instead. Refs look like {@code jpa-blob:42}.
 */
public final class JpaAttachmentStore implements AttachmentStore {

  /** The default largest file: 10 MiB (below MariaDB's default 16 MiB packet limit). */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private static final String PREFIX = "jpa-blob:";

  private final Transactions transactions;
  private final long maxBytes;

  /** A store that refuses files over {@link #DEFAULT_MAX_BYTES}. */
  public JpaAttachmentStore(Transactions transactions) {
    this(transactions, DEFAULT_MAX_BYTES);
  }

  /** A store that refuses files over {@code maxBytes}. */
  public JpaAttachmentStore(Transactions transactions, long maxBytes) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    if (maxBytes <= 0) {
      throw new ValidationException("maxBytes", "must be positive (was " + maxBytes + ")");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public Attachment store(NewAttachment attachment) {
    Check.present("attachment", attachment);
    byte[] content = attachment.content();
    if (content.length > maxBytes) {
      throw new ValidationException(
          "attachment.content",
          "must be at most " + maxBytes + " bytes (was " + content.length + ")");
    }
    byte[] copy = content.clone();
    long id =
        transactions.inTransaction(
            em -> {
              BlobEntity row = new BlobEntity();
              row.size = copy.length;
              row.content = copy;
              em.persist(row);
              return row.id;
            });
    return new Attachment(
        attachment.name(), attachment.mediaType(), copy.length, new AttachmentRef(PREFIX + id));
  }

  @Override
  public Optional<byte[]> read(AttachmentRef ref) {
    Check.present("attachmentRef", ref);
    Optional<Long> id = idOf(ref);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(BlobEntity.class, id.get()))
                .map(row -> row.content.clone()));
  }

  @Override
  public void delete(AttachmentRef ref) {
    Check.present("attachmentRef", ref);
    idOf(ref)
        .ifPresent(
            id ->
                transactions.inTransaction(
                    em ->
                        em.createQuery("delete from HdAttachmentBlob b where b.id = :id")
                            .setParameter("id", id)
                            .executeUpdate()));
  }

  /** The row id of one of our refs; empty for refs of other stores or malformed ones. */
  private static Optional<Long> idOf(AttachmentRef ref) {
    String v = ref.value();
    if (!v.startsWith(PREFIX) || v.length() > PREFIX.length() + 18) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.substring(PREFIX.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
