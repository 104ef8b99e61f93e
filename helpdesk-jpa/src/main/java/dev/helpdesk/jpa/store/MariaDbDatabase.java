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
  public String limitClause(int max) {
    return " limit " + Sql.positive(max);
  }

  @Override
  public String toString() {
    return name();
  }
}
