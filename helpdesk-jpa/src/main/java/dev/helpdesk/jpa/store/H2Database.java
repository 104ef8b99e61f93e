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
  public String limitClause(int max) {
    return " fetch first " + Sql.positive(max) + " rows only";
  }

  @Override
  public String toString() {
    return name();
  }
}
