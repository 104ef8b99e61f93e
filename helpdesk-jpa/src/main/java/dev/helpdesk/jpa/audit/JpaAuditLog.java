package dev.helpdesk.jpa.audit;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.jpa.store.Transactions;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditLog} in {@code hd_staff_audit}. Appends join the transaction of the change they
 * record (the desk's unit of work, or the application's transaction when joined) and are flushed at
 * once, so that a record the database refuses fails the change before it is made. Listing is one
 * keyset query on {@code (recorded_at, audit_id)}, descending, which the indexes of V11 serve
 * whole, by actor or by subject.
 */
public final class JpaAuditLog implements AuditLog {

  private final Transactions transactions;

  /** Records written in {@code transactions}, joining the caller's where there is one. */
  public JpaAuditLog(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void append(AuditRecord record) {
    Check.present("record", record);
    transactions.inTransaction(
        em -> {
          em.persist(
              new AuditEntity(
                  record.id(),
                  record.at(),
                  record.actor().describe(),
                  record.action().name(),
                  record.subject(),
                  Json.stringMap(record.before()),
                  Json.stringMap(record.after())));
          em.flush();
          return null;
        });
  }

  @Override
  public List<AuditRecord> list(AuditQuery query) {
    Check.present("query", query);
    StringBuilder jpql = new StringBuilder("select a from HdStaffAudit a where 1 = 1");
    query.actor().ifPresent(a -> jpql.append(" and a.actor = :actor"));
    query.subject().ifPresent(s -> jpql.append(" and a.subject = :subject"));
    query.after().ifPresent(p -> jpql.append(" and (a.at < :at or (a.at = :at and a.id < :id))"));
    jpql.append(" order by a.at desc, a.id desc");
    return transactions.read(
        em -> {
          TypedQuery<AuditEntity> q = em.createQuery(jpql.toString(), AuditEntity.class);
          query.actor().ifPresent(a -> q.setParameter("actor", a.describe()));
          query.subject().ifPresent(s -> q.setParameter("subject", s));
          query
              .after()
              .ifPresent(
                  p -> {
                    q.setParameter("at", p.at());
                    q.setParameter("id", p.id());
                  });
          List<AuditRecord> records = new ArrayList<>();
          for (AuditEntity e : q.setMaxResults(query.limit()).getResultList()) {
            records.add(
                new AuditRecord(
                    e.id,
                    e.at,
                    actor(e.actor),
                    StaffAction.valueOf(e.action),
                    e.subject,
                    Json.stringMap(e.before),
                    Json.stringMap(e.after)));
          }
          return records;
        });
  }

  /** The actor {@link Actor#describe()} wrote: its kind, a colon, then its id or name. */
  private static Actor actor(String described) {
    int colon = described.indexOf(':');
    String kind = described.substring(0, colon);
    String id = described.substring(colon + 1);
    return switch (kind) {
      case "customer" -> Actor.customer(id);
      case "agent" -> Actor.agent(id);
      case "system" -> Actor.system(id);
      default -> throw new IllegalStateException("Unknown stored actor " + described);
    };
  }

  @Override
  public String toString() {
    return "staff audit in hd_staff_audit";
  }
}
