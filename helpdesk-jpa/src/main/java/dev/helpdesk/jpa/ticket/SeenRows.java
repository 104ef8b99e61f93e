package dev.helpdesk.jpa.ticket;

import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What the ticket store last read of recent ticket rows: the row's id, version and search words. A
 * use case reads a ticket, decides, and saves the change based on that version; with the words at
 * hand the save writes the row without reading it again. Only an exact version is used, and the
 * update is conditional on it, so a row changed meanwhile (by this instance or another) makes the
 * update match nothing, which is reported as the lost race it is.
 *
 * <p>Bounded: past {@value #LIMIT} rows it starts again empty, and rows whose words are long are
 * not kept; a row not kept is simply read again.
 */
final class SeenRows {

  static final int LIMIT = 1_024;
  private static final int LONGEST_WORDS = 16_384;

  /** A row as read or written at {@code version}. */
  record Seen(long rowId, long version, String searchPublic, String searchAll) {}

  private final Map<UUID, Seen> rows = new ConcurrentHashMap<>();

  /** Keeps what {@code row} holds now; returns it, for use in a stream. */
  TicketEntity remember(TicketEntity row) {
    remember(row.ticketId, row.id, row.version, row.searchPublic, row.searchAll);
    return row;
  }

  void remember(UUID ticket, long rowId, long version, String searchPublic, String searchAll) {
    if (searchAll == null || searchAll.length() > LONGEST_WORDS) {
      rows.remove(ticket);
      return;
    }
    if (rows.size() >= LIMIT) {
      rows.clear();
    }
    rows.put(ticket, new Seen(rowId, version, searchPublic, searchAll));
  }

  void forget(UUID ticket) {
    rows.remove(ticket);
  }

  /** The row as seen at exactly {@code version}. */
  Optional<Seen> at(UUID ticket, long version) {
    Seen seen = rows.get(ticket);
    return seen != null && seen.version() == version ? Optional.of(seen) : Optional.empty();
  }

  /**
   * Whether {@code em} manages the row: then its entity is the state to change (an update around it
   * would leave it stale for the rest of the transaction).
   */
  boolean managed(EntityManager em, long rowId) {
    SessionImplementor session = em.unwrap(SessionImplementor.class);
    EntityPersister tickets =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(TicketEntity.class);
    return session
            .getPersistenceContextInternal()
            .getEntity(session.generateEntityKey(rowId, tickets))
        != null;
  }
}
