package dev.helpdesk.jpa.store;

/** PostgreSQL: {@code nextval('seq')} and {@code LIMIT n FOR UPDATE SKIP LOCKED}. */
public final class PostgreSqlDatabase implements Database {

  PostgreSqlDatabase() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String nextValue(String sequence) {
    return "select nextval('" + Sql.identifier(sequence) + "')";
  }

  @Override
  public String claimDueOutboxRows(int max) {
    return "select id from hd_outbox where due_at <= ?1 order by due_at, id limit "
        + Sql.positive(max)
        + " for update skip locked";
  }

  @Override
  public String claimDueSlaTimers(int max) {
    return "select ticket_id from hd_sla_timer where next_check_at <= ?1"
        + " and (claimed_until is null or claimed_until <= ?1)"
        + " order by next_check_at, ticket_id limit "
        + Sql.positive(max)
        + " for update skip locked";
  }

  @Override
  public String toString() {
    return name();
  }
}
