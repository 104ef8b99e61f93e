package dev.helpdesk.jpa.metrics;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.PriorityRank;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricFact;
import dev.helpdesk.metrics.MetricFacts;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.TimeRange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Ticket;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The metric facts of every change in {@code hd_metric_fact}, written by the ticket store in the
 * change's transaction ({@link #appendTo}), and the {@link MetricsQueries} answered by aggregate
 * JPQL over that table (by kind and instant, on the {@code hd_metric_fact_range_ix} index) and over
 * {@code hd_ticket} for the agents' loads. The unsolved tickets per priority and the unassigned
 * queue are not counted but kept: {@code hd_ticket_count} holds them per priority and queued or
 * not, moved by the ticket store from each change's before to its after in the change's transaction
 * ({@link #moveCounts}), and read in constant time. No query loads a ticket or an event.
 */
public final class JpaMetrics implements MetricsQueries {

  private static final String OPENED = "OPENED";
  private static final String FIRST_REPLY = "FIRST_REPLY";
  private static final String FIRST_SOLVE = "FIRST_SOLVE";
  private static final String REOPENED = "REOPENED";
  private static final String SLA_ENDED = "SLA_ENDED";
  private static final String RATED = "RATED";
  private static final String MET = "MET";
  private static final String BREACHED = "BREACHED";

  /**
   * Rows of {@code hd_ticket_count} per priority and queued or not. A transaction adds its changes'
   * counts to one of them, so that concurrent changes of different tickets at one priority wait for
   * one another only when they drew the same slot; the figures are the sums over the slots.
   */
  static final int SLOTS = 16;

  /** Counted keys: the priority ranks 1 to 4, each queued (assignee-less) or not. */
  private static final int KEYS = 2 * Priority.values().length;

  private final Transactions transactions;
  private final Transactions own;
  private final Database database;

  /**
   * @param transactions where the queries run (the ticket store's)
   * @param own transactions that commit on their own, where {@link #recount} runs; may be {@code
   *     transactions} when those are standalone
   * @param database the database's customization
   */
  public JpaMetrics(Transactions transactions, Transactions own, Database database) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.own = Objects.requireNonNull(own, "own");
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Writes the facts of {@code change} in the caller's transaction, which also writes the change,
   * after the ticket row was written (so that the once-per-ticket look-up runs while the ticket's
   * row lock serializes its changes). A first reply or first solve the ticket already has is not
   * written again.
   */
  public void appendTo(EntityManager em, TicketChange change) {
    MetricFacts facts = MetricFacts.of(change);
    UUID ticket = facts.ticketId().value();
    List<MetricFact> all = facts.facts();
    for (int i = 0; i < all.size(); i++) {
      MetricFact f = all.get(i);
      MetricFactEntity row = new MetricFactEntity();
      row.ticketId = ticket;
      row.ticketVersion = change.after().version();
      row.position = i;
      row.occurredAt = f.at();
      if (f instanceof MetricFact.Opened) {
        row.kind = OPENED;
      } else if (f instanceof MetricFact.FirstReply r) {
        row.kind = FIRST_REPLY;
        row.durationMicros = DurationStats.micros(r.sinceOpened());
        row.agentId = r.agent().value();
      } else if (f instanceof MetricFact.FirstSolve s) {
        row.kind = FIRST_SOLVE;
        row.durationMicros = DurationStats.micros(s.sinceOpened());
      } else if (f instanceof MetricFact.Reopened) {
        row.kind = REOPENED;
      } else if (f instanceof MetricFact.SlaEnded s) {
        row.kind = SLA_ENDED;
        row.slaTarget = s.target().name();
        row.outcome = s.met() ? MET : BREACHED;
      } else if (f instanceof MetricFact.Rated r) {
        row.kind = RATED;
        row.outcome = r.rating().name();
        row.agentId = r.agent().map(AgentId::value).orElse(null);
        row.groupId = r.group().map(GroupId::value).orElse(null);
      } else {
        throw new IllegalArgumentException("Unknown metric fact " + f);
      }
      if (f.oncePerTicket() && !change.creates()) {
        insertUnlessPresent(em, row);
      } else {
        em.persist(row);
      }
    }
  }

  /**
   * Inserts a once-per-ticket fact unless the ticket already has one of its kind, in one statement
   * (instead of a look-up and a write). It runs after the ticket row was written, so the row's lock
   * serializes it with any other change of the ticket. The id comes from the entity's own
   * generator, so it never collides with ids the provider hands out.
   */
  private static void insertUnlessPresent(EntityManager em, MetricFactEntity row) {
    SessionImplementor session = em.unwrap(SessionImplementor.class);
    EntityPersister facts =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(MetricFactEntity.class);
    Object id =
        ((BeforeExecutionGenerator) facts.getGenerator())
            .generate(session, row, null, EventType.INSERT);
    em.createNativeQuery(
            "insert into hd_metric_fact (id, ticket_id, ticket_version, position, kind,"
                + " occurred_at, duration_micros, agent_id, group_id, sla_target, outcome)"
                + " select ?1, t.ticket_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 from hd_ticket t"
                + " where t.ticket_id = ?11 and not exists (select 1 from hd_metric_fact f"
                + " where f.ticket_id = ?11 and f.kind = ?4)")
        .setParameter(1, id)
        .setParameter(2, row.ticketVersion)
        .setParameter(3, row.position)
        .setParameter(4, row.kind)
        .setParameter(5, row.occurredAt)
        .setParameter(6, row.durationMicros)
        .setParameter(7, row.agentId)
        .setParameter(8, row.groupId)
        .setParameter(9, row.slaTarget)
        .setParameter(10, row.outcome)
        .setParameter(11, row.ticketId)
        .executeUpdate();
  }

  // ---------------------------------------------------------------- kept counts

  /**
   * Moves the kept counts of the changed tickets from each change's before to its after, in the
   * caller's transaction, which has written the changes. The store calls it last, after every row
   * of the changes, so that the counts' row locks are held for as short a time as possible and
   * always taken after the tickets' own. The changes' moves are summed per priority and queued or
   * not, and each sum that is not zero is added with one statement, in one slot drawn for the
   * transaction, in a fixed order (priority, then queued): two transactions take the count rows
   * they share in the same order and cannot deadlock on them. A batch that moves no count writes
   * nothing. The version check of each change's own row guarantees that its before is what was
   * stored.
   */
  public void moveCounts(EntityManager em, List<TicketChange> changes) {
    long[] deltas = new long[KEYS];
    for (TicketChange change : changes) {
      change.before().ifPresent(t -> count(deltas, t, -1));
      count(deltas, change.after(), +1);
    }
    add(em, deltas);
  }

  /** Moves the kept counts of one ticket stored otherwise than as a change (an erasure). */
  public void moveCounts(EntityManager em, Ticket before, Ticket after) {
    long[] deltas = new long[KEYS];
    count(deltas, before, -1);
    count(deltas, after, +1);
    add(em, deltas);
  }

  private static void count(long[] deltas, Ticket t, int sign) {
    if (t.status().isUnsolved()) {
      deltas[key(PriorityRank.of(t.priority()), t.assignee().isEmpty())] += sign;
    }
  }

  /** The keys in the order counts are locked in: priority rank, then not queued before queued. */
  private static int key(int rank, boolean queued) {
    return 2 * (rank - 1) + (queued ? 1 : 0);
  }

  private void add(EntityManager em, long[] deltas) {
    int slot = -1;
    for (int k = 0; k < KEYS; k++) {
      if (deltas[k] != 0) {
        if (slot < 0) {
          slot = slotOf(em);
        }
        add(em, k, slot, deltas[k]);
      }
    }
  }

  private void add(EntityManager em, int key, int slot, long delta) {
    em.createNativeQuery(database.addToTicketCount())
        .setParameter(1, key / 2 + 1)
        .setParameter(2, key % 2 == 1)
        .setParameter(3, slot)
        .setParameter(4, delta)
        .executeUpdate();
  }

  /**
   * The slot of the transaction the entity manager works in: drawn from the identity of its
   * session, which is the transaction's own when standalone and the one bound to the application's
   * transaction when joined, so that every change of one transaction adds to the same slot.
   */
  private static int slotOf(EntityManager em) {
    int h = System.identityHashCode(em.unwrap(SessionImplementor.class));
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return Math.floorMod(h, SLOTS);
  }

  /**
   * Counts the unsolved tickets of {@code hd_ticket} again, per priority and with or without an
   * assignee, and stores the figures that {@link #queueByPriority} and {@link #unsolvedByPriority}
   * read. The desk keeps them right by itself with every change it stores; call this after writing
   * tickets around the library, e.g. a bulk import with SQL or a repair by hand. It runs in one
   * transaction of its own, and is safe while the desk is in use: it first locks every count row
   * (creating missing ones) in the order changes lock them, so changes that are storing wait for
   * it, and then counts what had committed.
   */
  public void recount() {
    own.inTransaction(
        em -> {
          for (int k = 0; k < KEYS; k++) {
            for (int slot = 0; slot < SLOTS; slot++) {
              add(em, k, slot, 0); // creates the row if missing, and locks it either way
            }
          }
          em.createNativeQuery("update hd_ticket_count set n = 0").executeUpdate();
          String queued = "case when assignee_id is null then 1 else 0 end";
          List<?> rows =
              em.createNativeQuery(
                      "select priority, "
                          + queued
                          + ", count(*) from hd_ticket where unsolved = true group by priority, "
                          + queued)
                  .getResultList();
          for (Object o : rows) {
            Object[] row = (Object[]) o;
            em.createNativeQuery(
                    "update hd_ticket_count set n = ?1"
                        + " where priority = ?2 and queued = ?3 and slot = 0")
                .setParameter(1, ((Number) row[2]).longValue())
                .setParameter(2, ((Number) row[0]).intValue())
                .setParameter(3, ((Number) row[1]).intValue() == 1)
                .executeUpdate();
          }
          return null;
        });
  }

  /** The kept counts: the sums over the slots, per priority, of the queued rows or of all. */
  private Map<Priority, Long> kept(boolean queuedOnly) {
    List<?> rows =
        transactions.read(
            em ->
                em.createNativeQuery(
                        "select priority, queued, sum(n) from hd_ticket_count"
                            + " group by priority, queued")
                    .getResultList());
    Map<Priority, Long> result = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      result.put(p, 0L);
    }
    for (Object o : rows) {
      Object[] row = (Object[]) o;
      if (!queuedOnly || truth(row[1])) {
        result.merge(
            PriorityRank.priority(((Number) row[0]).intValue()),
            ((Number) row[2]).longValue(),
            Long::sum);
      }
    }
    return result;
  }

  /** A boolean column as the driver returns it: a boolean, or a number (MariaDB's tinyint). */
  private static boolean truth(Object value) {
    return value instanceof Number n ? n.intValue() != 0 : Boolean.TRUE.equals(value);
  }

  // ---------------------------------------------------------------- ranged figures

  private <T> TypedQuery<T> ranged(
      EntityManager em, String select, String kind, TimeRange range, String tail, Class<T> type) {
    return em.createQuery(
            select
                + " from HdMetricFact f where f.kind = :kind"
                + " and f.occurredAt >= :from and f.occurredAt < :to"
                + tail,
            type)
        .setParameter("kind", kind)
        .setParameter("from", range.from())
        .setParameter("to", range.to());
  }

  @Override
  public long opened(TimeRange range) {
    return count(OPENED, range);
  }

  @Override
  public long reopens(TimeRange range) {
    return count(REOPENED, range);
  }

  private long count(String kind, TimeRange range) {
    Check.present("range", range);
    return transactions.read(
        em -> ranged(em, "select count(f)", kind, range, "", Long.class).getSingleResult());
  }

  @Override
  public DurationStats firstReply(TimeRange range) {
    return durations(FIRST_REPLY, range);
  }

  @Override
  public DurationStats resolution(TimeRange range) {
    return durations(FIRST_SOLVE, range);
  }

  private DurationStats durations(String kind, TimeRange range) {
    Check.present("range", range);
    Object[] row =
        transactions.read(
            em ->
                ranged(
                        em,
                        "select count(f), sum(f.durationMicros), max(f.durationMicros)",
                        kind,
                        range,
                        "",
                        Object[].class)
                    .getSingleResult());
    long count = ((Number) row[0]).longValue();
    if (count == 0) {
      return DurationStats.NONE;
    }
    return DurationStats.ofMicros(
        count, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
  }

  @Override
  public Map<SlaTarget, SlaCompliance> slaCompliance(TimeRange range) {
    Check.present("range", range);
    List<Object[]> rows =
        transactions.read(
            em ->
                ranged(
                        em,
                        "select f.slaTarget, f.outcome, count(f)",
                        SLA_ENDED,
                        range,
                        " group by f.slaTarget, f.outcome",
                        Object[].class)
                    .getResultList());
    Map<SlaTarget, SlaCompliance> result = new EnumMap<>(SlaTarget.class);
    for (SlaTarget t : SlaTarget.values()) {
      result.put(t, SlaCompliance.NONE);
    }
    for (Object[] row : rows) {
      long n = ((Number) row[2]).longValue();
      SlaCompliance c = MET.equals(row[1]) ? new SlaCompliance(n, 0) : new SlaCompliance(0, n);
      result.merge(SlaTarget.valueOf((String) row[0]), c, SlaCompliance::plus);
    }
    return result;
  }

  @Override
  public SatisfactionScore satisfaction(TimeRange range) {
    Check.present("range", range);
    List<Object[]> rows =
        transactions.read(
            em ->
                ranged(
                        em,
                        "select f.outcome, count(f)",
                        RATED,
                        range,
                        " group by f.outcome",
                        Object[].class)
                    .getResultList());
    SatisfactionScore score = SatisfactionScore.NONE;
    for (Object[] row : rows) {
      score = score.plus(score((String) row[0], ((Number) row[1]).longValue()));
    }
    return score;
  }

  @Override
  public Map<AgentId, SatisfactionScore> satisfactionByAgent(TimeRange range) {
    return ratingsBy("f.agentId", range, AgentId::of);
  }

  @Override
  public Map<GroupId, SatisfactionScore> satisfactionByGroup(TimeRange range) {
    return ratingsBy("f.groupId", range, GroupId::of);
  }

  /** Ratings counted per value of the {@code key} column; ratings without one are left out. */
  private <K> Map<K, SatisfactionScore> ratingsBy(
      String key, TimeRange range, Function<String, K> keyOf) {
    Check.present("range", range);
    List<Object[]> rows =
        transactions.read(
            em ->
                ranged(
                        em,
                        "select " + key + ", f.outcome, count(f)",
                        RATED,
                        range,
                        " and " + key + " is not null group by " + key + ", f.outcome",
                        Object[].class)
                    .getResultList());
    Map<K, SatisfactionScore> result = new HashMap<>();
    for (Object[] row : rows) {
      result.merge(
          keyOf.apply((String) row[0]),
          score((String) row[1], ((Number) row[2]).longValue()),
          SatisfactionScore::plus);
    }
    return result;
  }

  private static SatisfactionScore score(String rating, long n) {
    return Rating.valueOf(rating) == Rating.GOOD
        ? new SatisfactionScore(n, 0)
        : new SatisfactionScore(0, n);
  }

  // ---------------------------------------------------------------- figures of now

  @Override
  public Map<AgentId, Long> loadByAgent() {
    List<Object[]> rows =
        transactions.read(
            em ->
                em.createQuery(
                        "select t.assigneeId, count(*) from HdTicket t"
                            + " where t.assigneeId is not null and t.unsolved = true"
                            + " group by t.assigneeId",
                        Object[].class)
                    .getResultList());
    Map<AgentId, Long> result = new HashMap<>();
    for (Object[] row : rows) {
      result.put(AgentId.of((String) row[0]), ((Number) row[1]).longValue());
    }
    return result;
  }

  /** Read from the kept counts: constant time, however many tickets are stored. */
  @Override
  public Map<Priority, Long> queueByPriority() {
    return kept(true);
  }

  /** Read from the kept counts: constant time, however many tickets are stored. */
  @Override
  public Map<Priority, Long> unsolvedByPriority() {
    return kept(false);
  }
}
