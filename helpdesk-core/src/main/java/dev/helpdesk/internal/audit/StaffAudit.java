package dev.helpdesk.internal.audit;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.Check;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.notification.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records staff changes in the {@link AuditLog} and reads them back for staff. The callers append
 * inside the unit of work of the change and before making it: see {@link AuditLog}.
 */
public final class StaffAudit {

  private final AuditLog log;
  private final Clock clock;
  private final Access access;
  private final AtomicLong lastSequence;

  public StaffAudit(AuditLog log, Clock clock, Access access) {
    this.log = log;
    this.clock = clock;
    this.access = access;
    this.lastSequence = new AtomicLong(micros(clock.instant()));
  }

  /** Appends the record of one change, stamped with the desk clock. */
  public void record(
      Actor actor,
      StaffAction action,
      String subject,
      Map<String, String> before,
      Map<String, String> after) {
    Instant now = clock.instant();
    log.append(new AuditRecord(nextId(now), now, actor, action, subject, before, after));
  }

  /**
   * An id that sorts after every id this desk made before, so that records of one instant list in
   * the order they were made: a sequence that never falls behind the clock's microseconds (so it
   * keeps rising across restarts), then random digits that keep ids of several instances apart.
   */
  private String nextId(Instant now) {
    long sequence = lastSequence.updateAndGet(last -> Math.max(last + 1, micros(now)));
    String random = UUID.randomUUID().toString().replace("-", "");
    return String.format("%016x", sequence) + "-" + random.substring(0, 19);
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  /** The records {@code query} asks for, newest first; for supervisors (see {@link #require}). */
  public List<AuditRecord> read(Actor actor, AuditQuery query) {
    Check.present("query", query);
    require(actor, "read the staff audit");
    return log.list(query);
  }

  /**
   * Fails unless {@code actor} is the system or a registered agent, a supervisor when the desk
   * enforces the supervisor role: the audit and the outbox are the desk's, not one ticket's.
   */
  public void require(Actor actor, String what) {
    access.requireSupervisor(actor, what);
  }

  /** What the audit keeps of an agent, or nothing for one not saved before. */
  public static Map<String, String> summary(Optional<Agent> agent) {
    if (agent.isEmpty()) {
      return Map.of();
    }
    Agent a = agent.get();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("name", a.name());
    s.put("email", a.email().value());
    s.put("groups", joined(a.groups().stream().map(g -> g.value()).toList()));
    s.put("skills", joined(a.skills()));
    s.put("capacity", Integer.toString(a.capacity().total()));
    s.put("availability", a.availability().name());
    a.escalationGroup().ifPresent(g -> s.put("escalationGroup", g.value()));
    s.put("role", a.role().name());
    return s;
  }

  /**
   * What the audit keeps of an outbox entry: its state and attempts, kind and ticket; never the
   * notification's values or last error, which may quote customers' text or receivers' addresses.
   */
  public static Map<String, String> summary(OutboxEntry entry) {
    return Map.of(
        "state", entry.state().name(),
        "attempts", Integer.toString(entry.attempts()),
        "kind", entry.notification().kind().name(),
        "ticket", entry.notification().ticketKey().toString());
  }

  private static String joined(Collection<String> values) {
    return String.join(",", new TreeSet<>(values));
  }
}
