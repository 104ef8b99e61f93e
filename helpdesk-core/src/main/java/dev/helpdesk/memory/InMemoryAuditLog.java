package dev.helpdesk.memory;

import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.common.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@link AuditLog} in memory: the records of this instance, lost when it stops. */
public final class InMemoryAuditLog implements AuditLog {

  private final TreeSet<AuditRecord> records = new TreeSet<>(AuditRecord.NEWEST_FIRST);
  private final Set<String> ids = new HashSet<>();

  @Override
  public synchronized void append(AuditRecord record) {
    Check.present("record", record);
    if (!ids.add(record.id())) {
      throw new IllegalStateException("An audit record with id " + record.id() + " exists");
    }
    records.add(record);
  }

  @Override
  public synchronized List<AuditRecord> list(AuditQuery query) {
    Check.present("query", query);
    return records.stream().filter(query::matches).limit(query.limit()).toList();
  }

  @Override
  public String toString() {
    return "audit log in memory";
  }
}
