package dev.helpdesk.jpa.ticket;

import dev.helpdesk.jpa.store.Database;
import dev.helpdesk.jpa.store.Transactions;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketKeys;
import java.util.Objects;

/**
 * Issues keys {@code PREFIX-n} with {@code n} from the database sequence {@code hd_ticket_key_seq}
 * (starting at 1000): unique across every instance that shares the database, with gaps where a
 * transaction that drew a number rolled back.
 */
public final class SequenceTicketKeys implements TicketKeys {

  /** The sequence the numbers come from. */
  public static final String SEQUENCE = "hd_ticket_key_seq";

  private final Transactions transactions;
  private final Database database;
  private final String prefix;

  /**
   * @param transactions where the sequence is read
   * @param database the database's customization, for the sequence syntax
   * @param prefix capital letters and digits, starting with a letter, e.g. {@code HD}
   */
  public SequenceTicketKeys(Transactions transactions, Database database, String prefix) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.database = Objects.requireNonNull(database, "database");
    TicketKey.of(prefix, 1); // validates the prefix once, up front
    this.prefix = prefix;
  }

  @Override
  public TicketKey next() {
    long number =
        transactions.read(
            em ->
                ((Number) em.createNativeQuery(database.nextValue(SEQUENCE)).getSingleResult())
                    .longValue());
    return TicketKey.of(prefix, number);
  }
}
