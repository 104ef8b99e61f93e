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
  public String limitClause(int max) {
    return " limit " + Sql.positive(max);
  }

  @Override
  public String toString() {
    return name();
  }
}
