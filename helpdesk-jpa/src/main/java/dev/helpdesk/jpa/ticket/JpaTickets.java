package dev.helpdesk.jpa.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.jpa.notification.JpaOutbox;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketChange;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.Tickets;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Tickets in {@code hd_ticket}, their conversations in {@code hd_message} and {@code
 * hd_message_attachment}, their histories in {@code hd_ticket_event}, and each change's
 * notifications in the {@link JpaOutbox}'s table, all written in one transaction.
 *
 * <p>A change is applied with JPA optimistic locking: the stored row must still carry the version
 * the change was based on, and the {@code UPDATE ... WHERE version = ?} that raises it fails for
 * every writer but the first. A lost race (stale version, an optimistic lock failure, or a unique
 * key taken by a concurrent creation) is reported as {@link ConcurrentUpdateException}; the
 * transaction is rolled back (standalone) or the failure leaves the caller's transaction to be
 * rolled back (joined), so nothing of the change is written.
 */
public final class JpaTickets implements Tickets {

  private final Transactions transactions;
  private final JpaOutbox outbox;

  /**
   * @param transactions where changes and reads run: standalone or the application's
   * @param outbox the outbox whose table receives each change's notifications
   */
  public JpaTickets(Transactions transactions, JpaOutbox outbox) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public void save(TicketChange change) {
    Check.present("change", change);
    try {
      transactions.inTransaction(
          em -> {
            write(em, change);
            return null;
          });
    } catch (ConcurrentUpdateException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Failures.lostRace(e)) {
        ConcurrentUpdateException conflict = conflict(change);
        conflict.initCause(e);
        throw conflict;
      }
      throw e;
    }
  }

  private void write(EntityManager em, TicketChange change) {
    Ticket after = change.after();
    UUID id = after.id().value();
    if (change.creates()) {
      long clashes =
          em.createQuery(
                  "select count(t) from HdTicket t where t.ticketId = :id or t.key = :key",
                  Long.class)
              .setParameter("id", id)
              .setParameter("key", after.key().value())
              .getSingleResult();
      if (clashes > 0) {
        throw conflict(change);
      }
      TicketEntity row = new TicketEntity();
      TicketMapping.copy(after, row);
      row.version = after.version();
      em.persist(row);
    } else {
      TicketEntity row = find(em, id).orElseThrow(() -> conflict(change));
      if (row.version != change.expectedVersion()) {
        throw conflict(change);
      }
      TicketMapping.copy(after, row);
      // The UPDATE ... WHERE version = ? runs now, before anything else of the change is written:
      // a loser fails here, and on MariaDB the row lock is taken before the child rows' foreign
      // key checks take shared locks on it (which would otherwise make racers deadlock).
      em.flush();
      if (row.version != after.version()) {
        // Nothing in the ticket's own columns changed; the version must be raised all the same.
        em.lock(row, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
      }
      if (row.version != after.version()) {
        throw new IllegalStateException(
            "Stored version " + row.version + " after saving version " + after.version());
      }
    }
    // Child rows refer to the ticket; insert it first even if the provider reorders inserts.
    em.flush();
    List<Message> messages = change.messages();
    boolean attachments = false;
    for (int i = 0; i < messages.size(); i++) {
      em.persist(TicketMapping.toRow(id, after.version(), i, messages.get(i)));
      attachments |= !messages.get(i).attachments().isEmpty();
    }
    if (attachments) {
      em.flush();
      for (Message m : messages) {
        List<Attachment> files = m.attachments();
        for (int i = 0; i < files.size(); i++) {
          em.persist(TicketMapping.toRow(id, m.id().value(), i, files.get(i)));
        }
      }
    }
    List<TicketEvent> events = change.events();
    for (int i = 0; i < events.size(); i++) {
      em.persist(EventPayloads.toRow(id, after.version(), i, events.get(i)));
    }
    outbox.appendTo(em, change.notifications());
  }

  private static ConcurrentUpdateException conflict(TicketChange change) {
    return new ConcurrentUpdateException(
        "ticket", change.after().id().toString(), change.expectedVersion());
  }

  private static Optional<TicketEntity> find(EntityManager em, UUID id) {
    return em
        .createQuery("select t from HdTicket t where t.ticketId = :id", TicketEntity.class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Ticket> byId(TicketId id) {
    Check.present("ticketId", id);
    return transactions.read(em -> find(em, id.value()).map(TicketMapping::toTicket));
  }

  @Override
  public Optional<Ticket> byKey(TicketKey key) {
    Check.present("ticketKey", key);
    return transactions.read(
        em ->
            em
                .createQuery("select t from HdTicket t where t.key = :key", TicketEntity.class)
                .setParameter("key", key.value())
                .getResultList()
                .stream()
                .findFirst()
                .map(TicketMapping::toTicket));
  }

  @Override
  public List<Ticket> byRequester(CustomerId customer, int limit) {
    Check.present("customerId", customer);
    return list(
        limit,
        em ->
            em.createQuery(
                    "select t from HdTicket t where t.requesterId = :customer"
                        + " order by t.createdAt desc, t.ticketId desc",
                    TicketEntity.class)
                .setParameter("customer", customer.value()));
  }

  @Override
  public List<Ticket> byAssignee(AgentId agent, int limit) {
    Check.present("agentId", agent);
    return list(
        limit,
        em ->
            em.createQuery(
                    "select t from HdTicket t where t.assigneeId = :agent and t.unsolved = true"
                        + " order by t.priority desc, t.createdAt, t.ticketId",
                    TicketEntity.class)
                .setParameter("agent", agent.value()));
  }

  @Override
  public List<Ticket> unassigned(int limit) {
    return list(
        limit,
        em ->
            em.createQuery(
                "select t from HdTicket t where t.assigneeId is null and t.unsolved = true"
                    + " order by t.priority desc, t.createdAt, t.ticketId",
                TicketEntity.class));
  }

  @Override
  public List<Ticket> solvedBefore(Instant cutoff, int limit) {
    Check.present("cutoff", cutoff);
    return list(
        limit,
        em ->
            em.createQuery(
                    "select t from HdTicket t where t.status = :solved and t.solvedAt <= :cutoff"
                        + " order by t.solvedAt, t.ticketId",
                    TicketEntity.class)
                .setParameter("solved", Status.SOLVED)
                .setParameter("cutoff", cutoff));
  }

  private List<Ticket> list(
      int limit, java.util.function.Function<EntityManager, TypedQuery<TicketEntity>> query) {
    Check.positive("limit", limit);
    return transactions.read(
        em ->
            query.apply(em).setMaxResults(limit).getResultList().stream()
                .map(TicketMapping::toTicket)
                .toList());
  }

  @Override
  public List<Message> conversation(TicketId id) {
    Check.present("ticketId", id);
    return transactions.read(
        em -> {
          List<MessageEntity> rows =
              em.createQuery(
                      "select m from HdMessage m where m.ticketId = :id"
                          + " order by m.ticketVersion, m.position",
                      MessageEntity.class)
                  .setParameter("id", id.value())
                  .getResultList();
          Map<UUID, List<AttachmentEntity>> files = new HashMap<>();
          for (AttachmentEntity a :
              em.createQuery(
                      "select a from HdMessageAttachment a where a.ticketId = :id"
                          + " order by a.messageId, a.position",
                      AttachmentEntity.class)
                  .setParameter("id", id.value())
                  .getResultList()) {
            files.computeIfAbsent(a.messageId, k -> new ArrayList<>()).add(a);
          }
          return rows.stream()
              .map(m -> TicketMapping.toMessage(m, files.getOrDefault(m.messageId, List.of())))
              .toList();
        });
  }

  @Override
  public List<TicketEvent> history(TicketId id) {
    Check.present("ticketId", id);
    return transactions.read(
        em ->
            em
                .createQuery(
                    "select e from HdTicketEvent e where e.ticketId = :id"
                        + " order by e.ticketVersion, e.position",
                    EventEntity.class)
                .setParameter("id", id.value())
                .getResultList()
                .stream()
                .map(EventPayloads::toEvent)
                .toList());
  }
}
