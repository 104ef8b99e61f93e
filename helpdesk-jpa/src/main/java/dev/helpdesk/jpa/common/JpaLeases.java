package dev.helpdesk.jpa.common;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.Leases;
import dev.helpdesk.jpa.store.Failures;
import dev.helpdesk.jpa.store.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Leases} in {@code hd_lease}, shared by every instance on the database. Taking a lease is
 * one conditional {@code UPDATE} (the row is this owner's, or its time is up), and when no row
 * exists an {@code INSERT} that the primary key lets only one owner win: both are atomic on
 * PostgreSQL, MariaDB and H2 alike, where an update waiting on another's row lock re-checks its
 * condition on the committed row. Each call commits on its own, never inside the caller's
 * transaction, so a lease is visible to the other instances at once.
 */
public final class JpaLeases implements Leases {

  private final Transactions transactions;

  /** Leases written in {@code transactions}, each call a transaction of its own. */
  public JpaLeases(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public boolean tryAcquire(String name, String owner, Instant now, Duration duration) {
    Leases.check(name, owner);
    Leases.check(now, duration);
    Instant until = now.plus(duration);
    int updated =
        transactions.inTransaction(
            em ->
                em.createQuery(
                        "update HdLease l set l.owner = :owner, l.expiresAt = :until"
                            + " where l.name = :name and (l.owner = :owner or l.expiresAt <= :now)")
                    .setParameter("owner", owner)
                    .setParameter("until", until)
                    .setParameter("name", name)
                    .setParameter("now", now)
                    .executeUpdate());
    if (updated == 1) {
      return true;
    }
    try {
      return transactions.inTransaction(
          em -> {
            if (em.find(LeaseEntity.class, name) != null) {
              return false; // held by another, in time
            }
            em.persist(new LeaseEntity(name, owner, until));
            em.flush();
            return true;
          });
    } catch (RuntimeException e) {
      // Another owner inserted the row first: the primary key gave it the lease.
      if (Failures.lostRace(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean renew(String name, String owner, Instant now, Duration duration) {
    Leases.check(name, owner);
    Leases.check(now, duration);
    Instant until = now.plus(duration);
    return transactions.inTransaction(
            em ->
                em.createQuery(
                        "update HdLease l set l.expiresAt = :until"
                            + " where l.name = :name and l.owner = :owner and l.expiresAt > :now")
                    .setParameter("until", until)
                    .setParameter("name", name)
                    .setParameter("owner", owner)
                    .setParameter("now", now)
                    .executeUpdate())
        == 1;
  }

  @Override
  public void release(String name, String owner) {
    Leases.check(name, owner);
    transactions.inTransaction(
        em ->
            em.createQuery("delete from HdLease l where l.name = :name and l.owner = :owner")
                .setParameter("name", name)
                .setParameter("owner", owner)
                .executeUpdate());
  }

  @Override
  public Optional<String> holder(String name, Instant now) {
    Check.line("name", name, MAX_NAME_LENGTH);
    Check.present("now", now);
    return transactions.read(
        em ->
            Optional.ofNullable(em.find(LeaseEntity.class, name))
                .filter(lease -> lease.expiresAt.isAfter(now))
                .map(lease -> lease.owner));
  }

  @Override
  public String toString() {
    return "leases in hd_lease";
  }
}
