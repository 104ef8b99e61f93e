package dev.helpdesk.jpa.store;

/** MariaDB 10.6+: {@code nextval(seq)} and {@code LIMIT n FOR UPDATE SKIP LOCKED}. */
public final class MariaDbDatabase implements Database {

  MariaDbDatabase() {}

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public String nextValue(String sequence) {
    return "select nextval(" + Sql.identifier(sequence) + ")";
  }

  @Override
  public String claimDueOutboxRows(int max) {
    return "select id from hd_outbox where due_at <= ?1 order by due_at, id limit "
        + Sql.positive(max)
        + " for update skip locked";
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
