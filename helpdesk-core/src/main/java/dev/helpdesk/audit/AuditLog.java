package dev.helpdesk.audit;

import java.util.List;

/**
 * Port: where the desk keeps the record of each staff change. The desk appends the record inside
 * the same unit of work as the change it records ({@link dev.helpdesk.common.UnitOfWork}) and
 * before it, so a failing append leaves the change unmade, and a store with transactions undoes the
 * record when the change fails. Records are never changed or removed through the desk.
 */
public interface AuditLog {

  /** Keeps {@code record}; fails if a record with its id exists. */
  void append(AuditRecord record);

  /**
   * The records {@code query} asks for ({@link AuditQuery#matches}), newest first ({@link
   * AuditRecord#NEWEST_FIRST}), at most {@code query.limit()}.
   */
  List<AuditRecord> list(AuditQuery query);
}
