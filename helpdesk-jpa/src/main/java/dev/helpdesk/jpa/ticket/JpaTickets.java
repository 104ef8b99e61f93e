package dev.helpdesk.jpa.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.jpa.metrics.JpaMetrics;
import dev.helpdesk.jpa.notification.JpaOutbox;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.PriorityRank;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.SearchPosition;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketScope;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.store.ChangesSince;
import dev.helpdesk.store.ErasedTicket;
import dev.helpdesk.store.LinkEnd;
import dev.helpdesk.store.RecordedChange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.query.NativeQuery;

/**
 * Tickets in {@code hd_ticket}, their conversations in {@code hd_message} and {@code
 * hd_message_attachment}, their histories in {@code hd_ticket_event}, their links in {@code
 * hd_ticket_link}, and each change's notifications in the {@link JpaOutbox}'s table and metric
 * facts in {@link JpaMetrics}'s, all written in one transaction.
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
  private final Transactions own;
  private final Database database;
  private final JpaOutbox outbox;
  private final JpaMetrics metrics;

  /** The rows this store read last, so that a change of one need not read it again. */
  private final SeenRows seen = new SeenRows();

  /** Reads search rows; racing first searches may each make one, which is harmless. */
  private volatile TicketRows rows;

  /** Agents whose lock row this store has seen, so that it is not looked for again. */
  private final Set<String> lockRows = ConcurrentHashMap.newKeySet();

  /**
   * @param transactions where changes and reads run: standalone or the application's
   * @param own transactions that commit on their own (resource-local ones, or {@code
   *     REQUIRES_NEW}), where an agent's lock row is created the first time a change guards the
   *     agent's capacity; may be {@code transactions} when those are standalone
   * @param database the database's customization
   * @param outbox the outbox whose table receives each change's notifications
   */
  public JpaTickets(
      Transactions transactions, Transactions own, Database database, JpaOutbox outbox) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.own = Objects.requireNonNull(own, "own");
    this.database = Objects.requireNonNull(database, "database");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.metrics = new JpaMetrics(transactions, own, database);
  }

  @Override
  public void save(TicketChange change) {
    saveAll(List.of(Check.present("change", change)));
  }

  /**
   * Writes the changes in one transaction, flushed once at its end (except that an update's own row
   * is flushed at once, see {@link #write}), so that the provider can send the rows of a batch in a
   * few JDBC batches: with {@code hibernate.jdbc.batch_size} set and, on PostgreSQL, {@code
   * reWriteBatchedInserts=true}, a hundred openings cost about as many round trips as one. The lock
   * rows of every agent the batch guards are taken first, in one fixed order, so that two batches
   * cannot deadlock on them. The kept counts of unsolved and queued tickets move last, in the same
   * transaction ({@link JpaMetrics#moveCounts}).
   */
  @Override
  public void saveAll(List<TicketChange> changes) {
    List<TicketChange> batch = TicketChange.checkBatch(changes);
    SortedSet<String> guarded = new TreeSet<>();
    for (TicketChange change : batch) {
      for (CapacityGuard guard : change.guards()) {
        guarded.add(guard.agent().value());
      }
    }
    for (String agent : guarded) {
      ensureLockRow(agent);
    }
    try {
      transactions.inTransaction(
          em -> {
            lockAgents(em, guarded, batch);
            TicketChange previous = null;
            for (TicketChange change : batch) {
              checkCapacity(em, change);
              if (change.creates() && previous != null && !previous.creates()) {
                // The update before left its child rows waiting for the flush: were the new
                // ticket's row queued behind them, ordered inserts would write the child rows of
                // every ticket first (entity types go in the order they first appear), and the
                // new ticket's children would miss their parent.
                em.flush();
              }
              write(em, change);
              previous = change;
            }
            writeLinks(em, LinkEnd.of(batch));
            // Last: the kept counts' rows are locked after every ticket row of the batch, for
            // the shortest time (see JpaMetrics.moveCounts).
            metrics.moveCounts(em, batch);
            return null;
          });
    } catch (ConcurrentUpdateException | CapacityExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Failures.lostRace(e)) {
        ConcurrentUpdateException conflict = conflict(batch);
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
      // No look-up first: a ticket id or key already taken fails the insert on its unique
      // constraint (hd_ticket_id_uq, hd_ticket_key_uq), which save reports as a lost race.
      TicketEntity row = new TicketEntity();
      TicketMapping.copy(after, row);
      writeWords(row, SearchText.EMPTY.with(after.subject(), change.messages()));
      row.version = after.version();
      em.persist(row);
    } else if (!updateSeen(em, change)) {
      TicketEntity row = find(em, id).orElseThrow(() -> conflict(change));
      if (row.version != change.expectedVersion()) {
        throw conflict(change);
      }
      TicketMapping.copy(after, row);
      writeWords(row, storedWords(row).with(after.subject(), change.messages()));
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
      seen.remember(row);
    }
    // No flush here: the child rows refer to the ticket by column, not by association, and are
    // persisted after it, so the provider inserts the ticket first within the one flush at the end
    // (ordered inserts keep the order in which entity types first appear).
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
    metrics.appendTo(em, change);
  }

  /**
   * Sets the ticket's search columns, in the row's own INSERT or UPDATE: the words are never a
   * statement of their own, and on PostgreSQL the columns' full-text vectors are generated from
   * them by the same statement.
   */
  /**
   * Updates the ticket row without reading it again when this store read it at the version the
   * change was based on (the use case read it just before deciding) and the entity manager does not
   * manage it: one {@code UPDATE ... WHERE ticket_id = ? AND version = ?} with every column, the
   * search words being the ones read then plus the change's. It runs at once, like the flushed
   * update of the other path, so a loser fails here and, on MariaDB, takes the row lock first.
   *
   * @return false when the row must be read (not seen, seen at another version, or managed)
   */
  private boolean updateSeen(EntityManager em, TicketChange change) {
    Ticket after = change.after();
    Optional<SeenRows.Seen> known = seen.at(after.id().value(), change.expectedVersion());
    if (known.isEmpty() || seen.managed(em, known.get().rowId())) {
      return false;
    }
    SeenRows.Seen seenRow = known.get();
    // The new values as the entity would hold them: one mapping, TicketMapping's, for both paths.
    TicketEntity row = new TicketEntity();
    TicketMapping.copy(after, row);
    writeWords(
        row,
        new SearchText(words(seenRow.searchPublic()), words(seenRow.searchAll()))
            .with(after.subject(), change.messages()));
    // Native SQL, not JPQL: Hibernate keeps no plan for JPQL updates and translates this one to
    // SQL again on every save, a tenth of a save's CPU under load. Naming the table keeps JPQL's
    // flush rule: the session is flushed first only when it holds ticket rows not yet written.
    NativeQuery<?> update =
        em.createNativeQuery(
                "update hd_ticket set ticket_key = ?1, subject = ?2, description = ?3,"
                    + " requester_id = ?4, requester_name = ?5, requester_email = ?6,"
                    + " requester_organisation = ?7, channel = ?8, priority = ?9,"
                    + " tags_json = ?10, custom_fields_json = ?11, ccs_json = ?12,"
                    + " booking_reference = ?13, status = ?14, unsolved = ?15,"
                    + " assignee_id = ?16, group_id = ?17, follow_up_of = ?18, created_at = ?19,"
                    + " updated_at = ?20, solved_at = ?21, search_public = ?22,"
                    + " search_all = ?23, version = ?24 where id = ?25 and version = ?26")
            .unwrap(NativeQuery.class);
    update.addSynchronizedQuerySpace("hd_ticket");
    int updated =
        update
            .setParameter(1, row.key, String.class)
            .setParameter(2, row.subject, String.class)
            .setParameter(3, row.description, String.class)
            .setParameter(4, row.requesterId, String.class)
            .setParameter(5, row.requesterName, String.class)
            .setParameter(6, row.requesterEmail, String.class)
            .setParameter(7, row.requesterOrganisation, String.class)
            .setParameter(8, row.channel.name(), String.class)
            .setParameter(9, PriorityRank.of(row.priority), Integer.class)
            .setParameter(10, row.tagsJson, String.class)
            .setParameter(11, row.customFieldsJson, String.class)
            .setParameter(12, row.ccsJson, String.class)
            .setParameter(13, row.bookingReference, String.class)
            .setParameter(14, row.status.name(), String.class)
            .setParameter(15, row.unsolved, Boolean.class)
            .setParameter(16, row.assigneeId, String.class)
            .setParameter(17, row.groupId, String.class)
            .setParameter(18, row.followUpOf, UUID.class)
            .setParameter(19, row.createdAt, Instant.class)
            .setParameter(20, row.updatedAt, Instant.class)
            .setParameter(21, row.solvedAt, Instant.class)
            .setParameter(22, row.searchPublic, String.class)
            .setParameter(23, row.searchAll, String.class)
            .setParameter(24, after.version(), Long.class)
            .setParameter(25, seenRow.rowId(), Long.class)
            .setParameter(26, change.expectedVersion(), Long.class)
            .executeUpdate();
    if (updated != 1) {
      seen.forget(after.id().value());
      throw conflict(change);
    }
    seen.remember(
        after.id().value(), seenRow.rowId(), after.version(), row.searchPublic, row.searchAll);
    return true;
  }

  private void writeWords(TicketEntity row, SearchText words) {
    row.searchPublic = joined(words.publicWords());
    row.searchAll = joined(words.allWords());
  }

  private String joined(Set<String> words) {
    List<String> indexed = new ArrayList<>();
    for (String w : words) {
      indexed.add(database.indexedWord(w));
    }
    return SearchText.joined(new TreeSet<>(indexed));
  }

  /** The words stored with the row, as they were before the database's padding. */
  private static SearchText storedWords(TicketEntity row) {
    return new SearchText(words(row.searchPublic), words(row.searchAll));
  }

  private static SortedSet<String> words(String joined) {
    SortedSet<String> words = new TreeSet<>();
    for (String w : SearchText.split(joined == null ? " " : joined)) {
      int end = w.length();
      while (end > 0 && w.charAt(end - 1) == '_') {
        end--;
      }
      if (end > 0) {
        words.add(w.substring(0, end));
      }
    }
    return words;
  }

  /** Removes, then writes again, each link end the changes touch. */
  private static void writeLinks(EntityManager em, List<LinkEnd> ends) {
    for (LinkEnd end : ends) {
      em.createQuery("delete from HdTicketLink l where l.ticketId = :ticket and l.otherId = :other")
          .setParameter("ticket", end.ticket().value())
          .setParameter("other", end.other().value())
          .executeUpdate();
      end.link()
          .ifPresent(
              link -> {
                LinkEntity row = new LinkEntity();
                row.ticketId = end.ticket().value();
                row.otherId = link.other().value();
                row.kind = link.kind();
                row.outgoing = link.outgoing();
                row.otherKey = link.otherKey().value();
                row.otherRequester = link.otherRequester().value();
                row.linkedAt = end.at();
                em.persist(row);
              });
    }
  }

  /**
   * Creates the agent's row in {@code hd_agent_lock}, in a transaction of its own, unless it is
   * known to exist. Done before the change's transaction: creating it inside would make concurrent
   * first changes for one agent fail on the primary key (PostgreSQL aborts the transaction), and a
   * lock on a missing row is no lock (InnoDB would take a gap lock instead).
   */
  private void ensureLockRow(String agent) {
    if (lockRows.contains(agent)) {
      return;
    }
    try {
      own.inTransaction(
          em -> {
            Number found =
                (Number)
                    em.createNativeQuery("select count(*) from hd_agent_lock where agent_id = ?1")
                        .setParameter(1, agent)
                        .getSingleResult();
            if (found.longValue() == 0) {
              em.createNativeQuery(
                      "insert into hd_agent_lock (agent_id, guarded_saves) values (?1, 0)")
                  .setParameter(1, agent)
                  .executeUpdate();
            }
            return null;
          });
    } catch (RuntimeException e) {
      if (!Failures.lostRace(e)) {
        throw e;
      }
      // Another instance created it at the same moment: it exists, which is all we need.
    }
    lockRows.add(agent);
  }

  /**
   * Takes the lock row of each guarded agent, in a fixed order (so two changes or batches guarding
   * the same two agents cannot deadlock): the row is updated, which holds its lock until the
   * transaction ends, so every guarded change for that agent, on any instance, waits here for the
   * one before it to commit.
   */
  private void lockAgents(EntityManager em, SortedSet<String> agents, List<TicketChange> batch) {
    for (String agent : agents) {
      int locked =
          em.createNativeQuery(
                  "update hd_agent_lock set guarded_saves = guarded_saves + 1 where agent_id = ?1")
              .setParameter(1, agent)
              .executeUpdate();
      if (locked != 1) {
        // The row went away behind this store's back (someone emptied the table): look for it
        // again next time, and let the caller retry as after any lost race.
        lockRows.remove(agent);
        throw conflict(batch);
      }
    }
  }

  /**
   * Checks the change's capacity guards before anything of it is written, under the agents' locks
   * taken by {@link #lockAgents}: the agent's active tickets are counted only now, so the count
   * includes every guarded change committed before, and (the provider flushes before a native
   * query) the changes written earlier in the same batch. The changed ticket is counted as it will
   * be after the change, not as it is stored.
   */
  private void checkCapacity(EntityManager em, TicketChange change) {
    if (change.guards().isEmpty()) {
      return;
    }
    Ticket after = change.after();
    for (CapacityGuard guard : change.guards()) {
      // Native SQL for the locking read MariaDB needs; the parameters are numbered in order.
      List<Object> params = new ArrayList<>();
      params.add(guard.agent().value());
      StringBuilder sql =
          new StringBuilder(
              "select count(*) from hd_ticket where assignee_id = ?1 and unsolved = true"
                  + " and status in (");
      for (Status s : new TreeSet<>(guard.counted())) {
        params.add(s.name());
        sql.append(params.size() == 2 ? "?" : ", ?").append(params.size());
      }
      sql.append(')');
      if (guard.channel().isPresent()) {
        params.add(guard.channel().get().name());
        sql.append(" and channel = ?").append(params.size());
      }
      // Where this transaction was begun for this save, its first statement took the agent's lock
      // and no read has happened before: even InnoDB's REPEATABLE READ snapshot is taken now, so a
      // plain read sees every change committed before the lock was granted. In a transaction the
      // application began and may have read in, MariaDB needs a locking read.
      if (!transactions.beginsForEachCall()) {
        sql.append(database.latestReadSuffix());
      }
      Query count = em.createNativeQuery(sql.toString());
      for (int i = 0; i < params.size(); i++) {
        count.setParameter(i + 1, params.get(i));
      }
      long load = ((Number) count.getSingleResult()).longValue();
      // The stored row of this ticket is the change's "before" (a stale one fails the version
      // check later); count the ticket as the change leaves it instead.
      if (change.before().map(guard::counts).orElse(false)) {
        load--;
      }
      if (guard.counts(after)) {
        load++;
      }
      if (load > guard.limit()) {
        throw new CapacityExceededException(guard);
      }
    }
  }

  /**
   * The conflict to report for a batch: the change itself when there is one; otherwise the database
   * does not say which change lost, so the report names the batch by its first ticket.
   */
  private static ConcurrentUpdateException conflict(List<TicketChange> batch) {
    if (batch.size() == 1) {
      return conflict(batch.get(0));
    }
    TicketChange first = batch.get(0);
    return new ConcurrentUpdateException(
        "batch of " + batch.size() + " ticket changes starting with ticket",
        first.after().id().toString(),
        first.expectedVersion());
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
    return transactions.read(
        em -> find(em, id.value()).map(seen::remember).map(TicketMapping::toTicket));
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
                .map(seen::remember)
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

  @Override
  public List<Ticket> closedBefore(Instant cutoff, int limit) {
    Check.present("cutoff", cutoff);
    return list(
        limit,
        em ->
            em.createQuery(
                    "select t from HdTicket t where t.status = :closed and t.erasedAt is null"
                        + " and t.updatedAt <= :cutoff order by t.updatedAt, t.ticketId",
                    TicketEntity.class)
                .setParameter("closed", Status.CLOSED)
                .setParameter("cutoff", cutoff));
  }

  /**
   * Rewrites the ticket's row (its version raised as a save raises it, its words rebuilt), each
   * message's body and file names, each event's payload and the outbox entries, in one transaction.
   * A ticket that gained a version, a message or an event since the erase was made is a lost race.
   */
  @Override
  public void erase(ErasedTicket erasure) {
    Check.present("erasure", erasure);
    Ticket after = erasure.after();
    UUID id = after.id().value();
    ConcurrentUpdateException conflict =
        new ConcurrentUpdateException("ticket", after.id().toString(), erasure.before().version());
    try {
      transactions.inTransaction(
          em -> {
            // Searches read no entities, so the row is read here as one to write.
            seen.forget(id);
            TicketEntity row = find(em, id).orElseThrow(() -> conflict);
            if (row.version != erasure.before().version()) {
              throw conflict;
            }
            TicketMapping.copy(after, row);
            writeWords(row, SearchText.EMPTY.with(after.subject(), erasure.conversation()));
            row.erasedAt = erasure.at();
            em.flush();
            if (row.version != after.version()) {
              em.lock(row, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            }
            eraseMessages(em, id, erasure.conversation(), conflict);
            eraseEvents(em, id, erasure.history(), conflict);
            outbox.eraseIn(em, erasure.outbox());
            metrics.moveCounts(em, erasure.before(), after);
            return null;
          });
    } catch (ConcurrentUpdateException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Failures.lostRace(e)) {
        conflict.initCause(e);
        throw conflict;
      }
      throw e;
    }
  }

  private static void eraseMessages(
      EntityManager em, UUID id, List<Message> erased, ConcurrentUpdateException conflict) {
    Map<UUID, MessageEntity> rows = new HashMap<>();
    for (MessageEntity m :
        em.createQuery("select m from HdMessage m where m.ticketId = :id", MessageEntity.class)
            .setParameter("id", id)
            .getResultList()) {
      rows.put(m.messageId, m);
    }
    if (rows.size() != erased.size()) {
      throw conflict;
    }
    Map<UUID, Message> byId = new HashMap<>();
    for (Message m : erased) {
      MessageEntity row = rows.get(m.id().value());
      if (row == null) {
        throw conflict;
      }
      row.body = m.body();
      byId.put(m.id().value(), m);
    }
    for (AttachmentEntity a :
        em.createQuery(
                "select a from HdMessageAttachment a where a.ticketId = :id",
                AttachmentEntity.class)
            .setParameter("id", id)
            .getResultList()) {
      List<Attachment> files = byId.get(a.messageId).attachments();
      if (a.position >= files.size()) {
        throw conflict;
      }
      a.name = files.get(a.position).name();
    }
  }

  private static void eraseEvents(
      EntityManager em, UUID id, List<TicketEvent> erased, ConcurrentUpdateException conflict) {
    List<EventEntity> rows =
        em.createQuery(
                "select e from HdTicketEvent e where e.ticketId = :id"
                    + " order by e.ticketVersion, e.position",
                EventEntity.class)
            .setParameter("id", id)
            .getResultList();
    if (rows.size() != erased.size()) {
      throw conflict;
    }
    for (int i = 0; i < rows.size(); i++) {
      EventEntity row = rows.get(i);
      EventEntity rewritten =
          EventPayloads.toRow(id, row.ticketVersion, row.position, erased.get(i));
      if (!rewritten.type.equals(row.type)) {
        throw conflict;
      }
      row.payload = rewritten.payload;
    }
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

  private static final Set<Status> UNSOLVED =
      Set.copyOf(java.util.Arrays.stream(Status.values()).filter(Status::isUnsolved).toList());

  /**
   * One native statement: the words through the database's full-text index ({@link
   * Database#wordsMatch}), every filter as a condition on an indexed column where there is one, the
   * position as a keyset condition on the sort's columns, and the sort's {@code ORDER BY} with the
   * limit, which an index in that order can serve without sorting. The SLA state comes from the
   * columns the SLA timers adapter ({@code JpaSlaTimers}) writes with the timers; the due-within
   * limit is truncated to the microsecond those columns keep (due instants are rounded up there).
   */
  @Override
  public List<SearchHit> search(TicketSearch search) {
    Check.present("search", search);
    TicketQuery q = search.query();
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    List<String> words = q.words();
    if (!words.isEmpty()) {
      where.add(
          database.wordsMatch(
              search.internalText() ? "search_all" : "search_public", words, params));
    }
    if (q.statuses().equals(UNSOLVED)) {
      // Every status that needs work: the column the queue indexes lead with says it in one.
      where.add("t.unsolved = true");
    } else if (!q.statuses().isEmpty()) {
      where.add(
          "t.status in (" + marks(params, q.statuses().stream().map(Status::name).toList()) + ")");
    }
    if (!q.priorities().isEmpty()) {
      where.add(
          "t.priority in ("
              + marks(params, q.priorities().stream().map(PriorityRank::of).toList())
              + ")");
    }
    q.assignee().ifPresent(a -> where.add("t.assignee_id = " + mark(params, a.value())));
    if (q.unassigned()) {
      where.add("t.assignee_id is null");
    }
    q.group().ifPresent(g -> where.add("t.group_id = " + mark(params, g.value())));
    for (String tag : q.tags()) {
      // Tags are stored as a JSON array of plain strings: ["a","b"]; '!' escapes LIKE's wildcards.
      String escaped = tag.replace("!", "!!").replace("%", "!%").replace("_", "!_");
      where.add("t.tags_json like " + mark(params, "%\"" + escaped + "\"%") + " escape '!'");
    }
    q.customer().ifPresent(c -> where.add("t.requester_id = " + mark(params, c.value())));
    scope(search.scope(), params).ifPresent(where::add);
    q.bookingReference().ifPresent(b -> where.add("t.booking_reference = " + mark(params, b)));
    if (!q.channels().isEmpty()) {
      where.add(
          "t.channel in ("
              + marks(params, q.channels().stream().map(Channel::name).toList())
              + ")");
    }
    q.createdFrom().ifPresent(i -> where.add("t.created_at >= " + mark(params, i)));
    q.createdBefore().ifPresent(i -> where.add("t.created_at < " + mark(params, i)));
    q.updatedFrom().ifPresent(i -> where.add("t.updated_at >= " + mark(params, i)));
    q.updatedBefore().ifPresent(i -> where.add("t.updated_at < " + mark(params, i)));
    if (q.slaBreached()) {
      where.add("t.sla_breached = true");
    }
    search
        .slaDueBy()
        .ifPresent(
            by -> where.add("t.sla_due_at <= " + mark(params, by.truncatedTo(ChronoUnit.MICROS))));
    q.after().ifPresent(p -> where.add(keyset(q.sort(), p, params)));
    String key = database.ticketKeyOrder();
    String order =
        switch (q.sort()) {
          case UPDATED_NEWEST -> "t.updated_at desc, " + key + " desc";
          case CREATED_NEWEST -> "t.created_at desc, " + key + " desc";
          case CREATED_OLDEST -> "t.created_at, " + key;
          case MOST_URGENT ->
              database.rowValueComparisons()
                  ? "-t.priority, t.created_at, " + key
                  : "t.priority desc, t.created_at, " + key;
          case SLA_DUE -> "t.sla_due_at, " + key;
        };
    String sql =
        "select "
            + TicketRows.COLUMNS
            + " from hd_ticket t"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by "
            + order
            + database.limitClause(search.limit());
    return transactions.read(em -> rows(em).read(em, sql, params));
  }

  /** The search rows' reader, made once from the first entity manager's persistence unit. */
  private TicketRows rows(EntityManager em) {
    TicketRows r = rows;
    if (r == null) {
      r = TicketRows.of(em);
      rows = r;
    }
    return r;
  }

  /**
   * The reader's scope as a condition of the statement, before its limit: a customer's own tickets
   * and their organisation's, or an agent's groups' and own tickets.
   */
  private static Optional<String> scope(TicketScope scope, List<Object> params) {
    if (scope instanceof TicketScope.Requester r) {
      String own = "t.requester_id = " + mark(params, r.customer().value());
      return Optional.of(
          r.organisation()
              .map(
                  o ->
                      "(" + own + " or t.requester_organisation = " + mark(params, o.value()) + ")")
              .orElse(own));
    }
    if (scope instanceof TicketScope.Groups g) {
      String own = "t.assignee_id = " + mark(params, g.agent().value());
      return Optional.of(
          g.groups().isEmpty()
              ? own
              : "("
                  + own
                  + " or t.group_id in ("
                  + marks(params, g.groups().stream().map(GroupId::value).sorted().toList())
                  + "))");
    }
    return Optional.empty();
  }

  /**
   * The tickets after {@code p} in {@code sort}: a row-value comparison where the database reads
   * one as an index range, otherwise the same spelled out with a leading range on the first column
   * so that an index still bounds the scan.
   */
  private String keyset(TicketSort sort, SearchPosition p, List<Object> params) {
    String key = database.ticketKeyOrder();
    String k = p.key().value();
    return switch (sort) {
      case UPDATED_NEWEST -> before("t.updated_at", p.updatedAt(), key, k, "<", params);
      case CREATED_NEWEST -> before("t.created_at", p.createdAt(), key, k, "<", params);
      case CREATED_OLDEST -> before("t.created_at", p.createdAt(), key, k, ">", params);
      case SLA_DUE -> before("t.sla_due_at", p.slaDue(), key, k, ">", params);
      case MOST_URGENT -> {
        if (database.rowValueComparisons()) {
          // Priority descending is minus the rank ascending: one direction, one row value, one
          // index range (the PostgreSQL queue indexes are on -priority).
          yield "(-t.priority, t.created_at, "
              + key
              + ") > ("
              + mark(params, -PriorityRank.of(p.priority()))
              + ", "
              + mark(params, p.createdAt())
              + ", "
              + mark(params, k)
              + ")";
        }
        String rank = mark(params, PriorityRank.of(p.priority()));
        String rank2 = mark(params, PriorityRank.of(p.priority()));
        yield "(t.priority <= "
            + rank
            + " and (t.priority < "
            + rank2
            + " or "
            + before("t.created_at", p.createdAt(), key, k, ">", params)
            + "))";
      }
    };
  }

  /** {@code (column, key) op (at, k)} for one direction. */
  private String before(
      String column, Instant at, String key, String k, String op, List<Object> params) {
    if (database.rowValueComparisons()) {
      return "("
          + column
          + ", "
          + key
          + ") "
          + op
          + " ("
          + mark(params, at)
          + ", "
          + mark(params, k)
          + ")";
    }
    String a1 = mark(params, at);
    String a2 = mark(params, at);
    String kk = mark(params, k);
    return "(" + column + " " + op + "= " + a1 + " and (" + column + " " + op + " " + a2 + " or "
        + key + " " + op + " " + kk + "))";
  }

  private static String mark(List<Object> params, Object value) {
    params.add(value);
    return "?" + params.size();
  }

  private static String marks(List<Object> params, List<?> values) {
    List<String> marks = new ArrayList<>();
    for (Object v : values) {
      marks.add(mark(params, v));
    }
    return String.join(", ", marks);
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
  public List<TicketLink> links(TicketId id) {
    Check.present("ticketId", id);
    return transactions.read(
        em ->
            em
                .createQuery(
                    "select l from HdTicketLink l where l.ticketId = :id"
                        + " order by l.linkedAt, l.id",
                    LinkEntity.class)
                .setParameter("id", id.value())
                .getResultList()
                .stream()
                .map(
                    l ->
                        new TicketLink(
                            l.kind,
                            l.outgoing,
                            new TicketId(l.otherId),
                            TicketKey.parse(l.otherKey),
                            CustomerId.of(l.otherRequester)))
                .toList());
  }

  /** The metrics whose facts this store writes with every change. */
  public JpaMetrics metrics() {
    return metrics;
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

  /**
   * Reads the ticket first, then the messages and events of its versions after {@code afterVersion}
   * up to the one read: a change's rows commit with its ticket row, so every version up to the one
   * read is there, whatever commits meanwhile.
   */
  @Override
  public Optional<ChangesSince> changes(TicketId id, long afterVersion) {
    Check.present("ticketId", id);
    return transactions.read(
        em -> {
          Optional<Ticket> read =
              em
                  .createQuery(
                      "select t from HdTicket t where t.ticketId = :id", TicketEntity.class)
                  .setParameter("id", id.value())
                  .getResultList()
                  .stream()
                  .findFirst()
                  .map(TicketMapping::toTicket);
          if (read.isEmpty()) {
            return Optional.<ChangesSince>empty();
          }
          Ticket ticket = read.get();
          long upTo = ticket.version();
          List<EventEntity> events =
              em.createQuery(
                      "select e from HdTicketEvent e where e.ticketId = :id"
                          + " and e.ticketVersion > :after and e.ticketVersion <= :upTo"
                          + " order by e.ticketVersion, e.position",
                      EventEntity.class)
                  .setParameter("id", id.value())
                  .setParameter("after", afterVersion)
                  .setParameter("upTo", upTo)
                  .getResultList();
          // The messages with their files in one query (one round trip less on the path of a
          // live update to another instance): a message with several files comes once per file.
          List<MessageEntity> messages = new ArrayList<>();
          Map<UUID, List<AttachmentEntity>> files = new HashMap<>();
          for (Object[] row :
              em.createQuery(
                      "select m, a from HdMessage m left join HdMessageAttachment a"
                          + " on a.ticketId = m.ticketId and a.messageId = m.messageId"
                          + " where m.ticketId = :id"
                          + " and m.ticketVersion > :after and m.ticketVersion <= :upTo"
                          + " order by m.ticketVersion, m.position, a.position",
                      Object[].class)
                  .setParameter("id", id.value())
                  .setParameter("after", afterVersion)
                  .setParameter("upTo", upTo)
                  .getResultList()) {
            MessageEntity m = (MessageEntity) row[0];
            if (messages.isEmpty() || messages.get(messages.size() - 1) != m) {
              messages.add(m);
            }
            if (row[1] instanceof AttachmentEntity a) {
              files.computeIfAbsent(a.messageId, k -> new ArrayList<>()).add(a);
            }
          }
          TreeMap<Long, List<Message>> messagesByVersion = new TreeMap<>();
          TreeMap<Long, List<TicketEvent>> eventsByVersion = new TreeMap<>();
          for (MessageEntity m : messages) {
            messagesByVersion
                .computeIfAbsent(m.ticketVersion, v -> new ArrayList<>())
                .add(TicketMapping.toMessage(m, files.getOrDefault(m.messageId, List.of())));
          }
          for (EventEntity e : events) {
            eventsByVersion
                .computeIfAbsent(e.ticketVersion, v -> new ArrayList<>())
                .add(EventPayloads.toEvent(e));
          }
          TreeSet<Long> versions = new TreeSet<>(eventsByVersion.keySet());
          versions.addAll(messagesByVersion.keySet());
          List<RecordedChange> changes = new ArrayList<>(versions.size());
          for (long v : versions) {
            changes.add(
                new RecordedChange(
                    v,
                    messagesByVersion.getOrDefault(v, List.of()),
                    eventsByVersion.getOrDefault(v, List.of())));
          }
          return Optional.of(new ChangesSince(ticket, changes));
        });
  }
}
