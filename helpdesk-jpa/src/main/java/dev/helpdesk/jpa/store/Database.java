package dev.helpdesk.jpa.store;

import java.util.List;

/**
 * What differs between the databases the JPA adapters support: the SQL that JPQL cannot express
 * (reading a sequence, claiming rows with {@code FOR UPDATE SKIP LOCKED}) and where the schema
 * scripts live. One class per database, in the manner of db-scheduler's customizations, instead of
 * dialect switches scattered through the adapters. Implement it for another database that supports
 * sequences and {@code SKIP LOCKED}.
 */
public interface Database {

  /**
   * PostgreSQL 12 or later (tested with 15), searching with the text search configuration {@code
   * simple}, the one the shipped schema indexes with.
   */
  static Database postgreSql() {
    return new PostgreSqlDatabase("simple");
  }

  /**
   * PostgreSQL, searching with another text search configuration (such as {@code english}, which
   * stems): the search columns' vectors must be generated with the same one (see {@code
   * V8__search.sql}).
   */
  static Database postgreSql(String textSearchConfiguration) {
    return new PostgreSqlDatabase(textSearchConfiguration);
  }

  /** MariaDB 10.6 or later (tested with 10.11); 10.6 brought {@code SKIP LOCKED}. */
  static Database mariaDb() {
    return new MariaDbDatabase();
  }

  /** H2 2.2 or later (tested with 2.3), e.g. in memory for tests and demos. */
  static Database h2() {
    return new H2Database();
  }

  /**
   * A short lower-case name, also the folder of the schema scripts under {@code db/helpdesk/}:
   * {@code postgresql}, {@code mariadb}, {@code h2}.
   */
  String name();

  /** A native query returning the next value of {@code sequence} as one row, one column. */
  String nextValue(String sequence);

  /**
   * One native statement that inserts the customer row ({@code ?1} id, {@code ?2} name, {@code ?3}
   * address, {@code ?4} organisation or null) or, when the id is taken, updates those; either way
   * {@code saved_seq} is drawn from {@code hd_customer_save_seq}. One round trip instead of a
   * look-up and a write, and two first saves of one customer at once cannot collide.
   */
  String saveCustomer();

  /**
   * One native statement that adds {@code ?4} (a long) to the kept count of unsolved tickets of
   * priority rank {@code ?1}, queued or not ({@code ?2}, a boolean), in slot {@code ?3}, creating
   * the row of {@code hd_ticket_count} when it is missing, so that no change's count is ever lost.
   * This one is the SQL standard's {@code MERGE}; PostgreSQL and MariaDB use their own upserts.
   */
  default String addToTicketCount() {
    return "merge into hd_ticket_count c using (select cast(?1 as integer) as priority,"
        + " cast(?2 as boolean) as queued, cast(?3 as smallint) as slot, cast(?4 as bigint) as n) d"
        + " on c.priority = d.priority and c.queued = d.queued and c.slot = d.slot"
        + " when matched then update set n = c.n + d.n"
        + " when not matched then insert (priority, queued, slot, n)"
        + " values (d.priority, d.queued, d.slot, d.n)";
  }

  /**
   * A native query selecting the {@code id} and {@code coalescing_key} of up to {@code max} outbox
   * rows due at the one positional parameter ({@code ?1}, an instant), oldest due first, locking
   * them and skipping rows other transactions have locked. Due means {@code due_at <= ?1}.
   */
  default String claimDueOutboxRows(int max) {
    return "select id, coalescing_key from hd_outbox where due_at <= ?1 order by due_at, id"
        + limitClause(max)
        + " for update skip locked";
  }

  /**
   * A native query selecting, of the outbox rows whose ids are the list parameter {@code :ids},
   * those still pending, locking them by primary key and skipping rows other transactions have
   * locked: how a claim takes the companions of a group's leader. Locking by primary key only,
   * never by a range of an index, takes no gap locks (InnoDB at REPEATABLE READ), which concurrent
   * claims could deadlock over.
   */
  default String lockPendingOutboxRows() {
    return "select id from hd_outbox where id in (:ids) and state = 'PENDING'"
        + " order by id for update skip locked";
  }

  /**
   * What to append to a {@code SELECT} so that it reads the latest committed rows even in a
   * transaction that has read before: empty where a statement at READ COMMITTED (the default of
   * PostgreSQL and H2) already does. Used to count an agent's tickets after taking the agent's lock
   * row.
   */
  default String latestReadSuffix() {
    return "";
  }

  /**
   * A native query selecting the {@code ticket_id}s of up to {@code max} SLA timer rows whose next
   * check is at or before the one positional parameter ({@code ?1}, an instant) and whose claim, if
   * any, has lapsed by then, earliest next check first, locking them and skipping rows other
   * transactions have locked.
   */
  default String claimDueSlaTimers(int max) {
    return "select ticket_id from hd_sla_timer where next_check_at <= ?1"
        + " and (claimed_until is null or claimed_until <= ?1)"
        + " order by next_check_at, ticket_id"
        + limitClause(max)
        + " for update skip locked";
  }

  /**
   * A native query selecting the {@code ticket_id}s of up to {@code max} pending follow-up plans
   * whose next step is due at the one positional parameter ({@code ?1}, an instant) and whose
   * claim, if any, has lapsed by then, earliest due first, locking them and skipping rows other
   * transactions have locked.
   */
  default String claimDuePendingFollowUps(int max) {
    return "select ticket_id from hd_pending_followup where next_due_at <= ?1"
        + " and (claimed_until is null or claimed_until <= ?1)"
        + " order by next_due_at, ticket_id"
        + limitClause(max)
        + " for update skip locked";
  }

  /**
   * A native query selecting the {@code ticket_id}s of up to {@code max} no-reply deadlines due at
   * the one positional parameter ({@code ?1}, an instant) and whose claim, if any, has lapsed by
   * then, earliest due first, locking them and skipping rows other transactions have locked.
   */
  default String claimDueNoReplyDeadlines(int max) {
    return "select ticket_id from hd_no_reply_deadline where due_at <= ?1"
        + " and (claimed_until is null or claimed_until <= ?1)"
        + " order by due_at, ticket_id"
        + limitClause(max)
        + " for update skip locked";
  }

  /**
   * The clause, with a leading space, that limits a query to {@code max} rows and may stand before
   * {@code FOR UPDATE}: the one part of the claim queries that differs between the databases.
   */
  String limitClause(int max);

  /**
   * How a word is written in the search columns ({@code search_public}, {@code search_all}) and in
   * a query against them; as it is, unless the database's full-text index needs otherwise. Must be
   * undone by dropping trailing {@code '_'} characters, which no word contains.
   */
  default String indexedWord(String word) {
    return word;
  }

  /**
   * A condition, for a native query over {@code hd_ticket t}, that holds when every one of {@code
   * words} is a word of the search column {@code column} ({@code search_public} or {@code
   * search_all}); the values it binds are added to {@code params}, and it refers to them as {@code
   * ?n} by their position there (from 1). This one matches {@code LIKE '% word %'} for each word: a
   * scan; the PostgreSQL and MariaDB customizations use their full-text indexes.
   */
  default String wordsMatch(String column, List<String> words, List<Object> params) {
    StringBuilder sql = new StringBuilder();
    for (String w : words) {
      params.add("% " + indexedWord(w) + " %");
      sql.append(sql.length() == 0 ? "" : " and ")
          .append("t.")
          .append(Sql.identifier(column))
          .append(" like ?")
          .append(params.size());
    }
    return sql.toString();
  }

  /**
   * The ticket key as the tie-breaker of every search order: it must compare character by character
   * (binary), as {@code TicketSort} does.
   */
  default String ticketKeyOrder() {
    return "t.ticket_key";
  }

  /**
   * Whether a keyset condition may be written as a row-value comparison ({@code (a, b) < (?, ?)}),
   * which the database then reads as one index range.
   */
  default boolean rowValueComparisons() {
    return false;
  }

  /** Where the Flyway-named scripts of this database are, e.g. {@code db/helpdesk/h2}. */
  default String scriptFolder() {
    return "db/helpdesk/" + name();
  }
}
