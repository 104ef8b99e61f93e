package dev.helpdesk.memory;

import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.contract.AuditLogContract;

class InMemoryAuditLogTest extends AuditLogContract {

  @Override
  protected AuditLog auditLog() {
    return new InMemoryAuditLog();
  }
}
