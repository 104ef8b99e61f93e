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
  public String saveCustomer() {
    return "merge into hd_customer (customer_id, name, email, organisation_id, saved_seq)"
        + " key (customer_id) values (?1, ?2, ?3, ?4, next value for hd_customer_save_seq)";
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
