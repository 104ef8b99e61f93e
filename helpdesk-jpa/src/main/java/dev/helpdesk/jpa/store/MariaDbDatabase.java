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

  @Override
  public String toString() {
    return name();
  }
}
