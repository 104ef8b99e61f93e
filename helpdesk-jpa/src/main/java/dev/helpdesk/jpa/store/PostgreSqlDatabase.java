package dev.helpdesk.jpa.store;

import dev.helpdesk.common.ValidationException;
import java.util.List;

/**
 * PostgreSQL: {@code nextval('seq')}, {@code LIMIT n FOR UPDATE SKIP LOCKED}, and search over the
 * {@code tsvector} columns the schema generates from the ticket's words, with their GIN indexes.
 */
public final class PostgreSqlDatabase implements Database {

  private final String textSearchConfiguration;

  PostgreSqlDatabase(String textSearchConfiguration) {
    if (textSearchConfiguration == null
        || !textSearchConfiguration.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
      throw new ValidationException(
          "textSearchConfiguration",
          "must name a text search configuration, e.g. simple (was '"
              + textSearchConfiguration
              + "')");
    }
    this.textSearchConfiguration = textSearchConfiguration;
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String saveCustomer() {
    return "insert into hd_customer (customer_id, name, email, organisation_id, saved_seq)"
        + " values (?1, ?2, ?3, ?4, nextval('hd_customer_save_seq'))"
        + " on conflict (customer_id) do update set name = excluded.name,"
        + " email = excluded.email, organisation_id = excluded.organisation_id,"
        + " saved_seq = excluded.saved_seq";
  }

  /** {@code INSERT ... ON CONFLICT DO UPDATE}, which waits for a concurrent insert of the row. */
  @Override
  public String addToTicketCount() {
    return "insert into hd_ticket_count (priority, queued, slot, n) values (?1, ?2, ?3, ?4)"
        + " on conflict (priority, queued, slot) do update set n = hd_ticket_count.n + excluded.n";
  }

  @Override
  public String nextValue(String sequence) {
    return "select nextval('" + Sql.identifier(sequence) + "')";
  }

  @Override
  public String limitClause(int max) {
    return " limit " + Sql.positive(max);
  }

  /**
   * {@code column_tsv @@ plainto_tsquery('configuration', ?)}: the GIN index serves it. The
   * configuration is written as a literal (it was checked to be a plain name): a bound one would be
   * cast at run time, and the planner, unable to see the query's words, would misjudge how many
   * tickets they match.
   */
  @Override
  public String wordsMatch(String column, List<String> words, List<Object> params) {
    params.add(String.join(" ", words));
    return "t."
        + Sql.identifier(column)
        + "_tsv @@ plainto_tsquery('"
        + textSearchConfiguration
        + "', ?"
        + params.size()
        + ")";
  }

  /** Byte order, whatever the database's collation: the indexes are built with it too. */
  @Override
  public String ticketKeyOrder() {
    return "t.ticket_key collate \"C\"";
  }

  @Override
  public boolean rowValueComparisons() {
    return true;
  }

  @Override
  public String toString() {
    return name();
  }
}
