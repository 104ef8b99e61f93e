package dev.helpdesk.jpa.store;

/**
 * H2 2.2+: {@code NEXT VALUE FOR seq} and {@code FETCH FIRST n ROWS ONLY FOR UPDATE SKIP LOCKED}.
 */
public final class H2Database implements Database {

  H2Database() {}

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public String nextValue(String sequence) {
    return "select next value for " + Sql.identifier(sequence);
  }

  @Override
  public String claimDueOutboxRows(int max) {
    return "select id from hd_outbox where due_at <= ?1 order by due_at, id fetch first "
        + Sql.positive(max)
        + " rows only for update skip locked";
  }

  @Override
  public String claimDueSlaTimers(int max) {
    return "select ticket_id from hd_sla_timer where next_check_at <= ?1"
        + " and (claimed_until is null or claimed_until <= ?1)"
        + " order by next_check_at, ticket_id fetch first "
        + Sql.positive(max)
        + " rows only"
        + " for update skip locked";
  }

  @Override
  public String toString() {
    return name();
  }
}
