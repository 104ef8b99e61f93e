package dev.helpdesk.jpa.store;

import java.util.List;

/**
 * MariaDB 10.6+: {@code nextval(seq)}, {@code LIMIT n FOR UPDATE SKIP LOCKED}, and search over the
 * FULLTEXT indexes of the ticket's words.
 */
public final class MariaDbDatabase implements Database {

  MariaDbDatabase() {}

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public String saveCustomer() {
    return "insert into hd_customer (customer_id, name, email, organisation_id, saved_seq)"
        + " values (?1, ?2, ?3, ?4, nextval(hd_customer_save_seq))"
        + " on duplicate key update name = values(name), email = values(email),"
        + " organisation_id = values(organisation_id), saved_seq = values(saved_seq)";
  }

  /**
   * {@code INSERT ... ON DUPLICATE KEY UPDATE}: on a row that exists (the schema creates them all)
   * it takes the same exclusive record lock an {@code UPDATE} takes.
   */
  @Override
  public String addToTicketCount() {
    return "insert into hd_ticket_count (priority, queued, slot, n) values (?1, ?2, ?3, ?4)"
        + " on duplicate key update n = n + values(n)";
  }

  @Override
  public String nextValue(String sequence) {
    return "select nextval(" + Sql.identifier(sequence) + ")";
  }

  /**
   * {@code LOCK IN SHARE MODE}: under InnoDB's default REPEATABLE READ a plain read sees the
   * snapshot taken at the transaction's first read, which may predate a change committed while this
   * one waited for the agent's lock row; a locking read sees the latest committed rows. (Its gap
   * locks can make concurrent assignments to neighbouring agents deadlock; READ COMMITTED avoids
   * them.)
   */
  @Override
  public String latestReadSuffix() {
    return " lock in share mode";
  }

  /**
   * Pads a word shorter than three letters with {@code '_'}: InnoDB leaves shorter words out of a
   * FULLTEXT index ({@code innodb_ft_min_token_size}), and counts {@code '_'} as a letter.
   */
  @Override
  public String indexedWord(String word) {
    int letters = word.codePointCount(0, word.length());
    return letters >= 3 ? word : word + "_".repeat(3 - letters);
  }

  /** {@code MATCH (column) AGAINST ('+word +word' IN BOOLEAN MODE)} over its FULLTEXT index. */
  @Override
  public String wordsMatch(String column, List<String> words, List<Object> params) {
    StringBuilder all = new StringBuilder();
    for (String w : words) {
      all.append(all.length() == 0 ? "+" : " +").append(indexedWord(w));
    }
    params.add(all.toString());
    return "match (t."
        + Sql.identifier(column)
        + ") against (?"
        + params.size()
        + " in boolean mode)";
  }

  @Override
  public String limitClause(int max) {
    return " limit " + Sql.positive(max);
  }

  @Override
  public String toString() {
    return name();
  }
}
