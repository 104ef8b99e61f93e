package dev.helpdesk.jpa.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.ticket.MessageThreads;
import dev.helpdesk.ticket.TicketId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MessageThreads} in {@code hd_message_thread}, shared by every instance on the database.
 * Rows are keyed by the SHA-256 of the Message-ID (a header line may hold 998 characters, more than
 * an index key allows); the primary key lets only the first ticket in, also between instances.
 * Inside the store's unit of work, the row joins the ticket change beside it.
 */
public final class JpaMessageThreads implements MessageThreads {

  private final Transactions transactions;

  /** Message threads written in {@code transactions}, which a unit of work of the store spans. */
  public JpaMessageThreads(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public boolean remember(String messageId, TicketId ticket) {
    Check.line("messageId", messageId, MAX_LENGTH);
    Check.present("ticketId", ticket);
    String hash = hash(messageId);
    try {
      return transactions.inTransaction(
          em -> {
            if (em.find(MessageThreadEntity.class, hash) != null) {
              return false;
            }
            em.persist(new MessageThreadEntity(hash, messageId, ticket.value()));
            em.flush();
            return true;
          });
    } catch (RuntimeException e) {
      // Another transaction recorded it between the read and the insert: the primary key kept
      // its ticket. Inside a unit of work the unit can then only roll back, as documented.
      if (Failures.lostRace(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<TicketId> ticketOf(String messageId) {
    Check.present("messageId", messageId);
    if (messageId.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String hash = hash(messageId);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(MessageThreadEntity.class, hash))
                // A hash collision is beyond belief, but the full id costs nothing to compare.
                .filter(row -> row.messageId.equals(messageId))
                .map(row -> new TicketId(row.ticketId)));
  }

  /** One statement, through the ticket index of {@code V12__privacy.sql}. */
  @Override
  public int forget(TicketId ticket) {
    Check.present("ticketId", ticket);
    return transactions.inTransaction(
        em ->
            em.createQuery("delete from HdMessageThread t where t.ticketId = :ticket")
                .setParameter("ticket", ticket.value())
                .executeUpdate());
  }

  /** The SHA-256 of the Message-ID's UTF-8 bytes, in lower-case hex. */
  static String hash(String messageId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "message threads in hd_message_thread";
  }
}
