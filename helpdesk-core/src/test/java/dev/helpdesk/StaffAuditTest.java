package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.memory.InMemoryAuditLog;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.OutboxEntry;
import dev.helpdesk.notification.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each staff change through the desk is recorded with its actor, or not made at all. */
class StaffAuditTest {

  /** The in-memory log, made to fail on demand. */
  private static final class FailingAuditLog implements AuditLog {
    private final InMemoryAuditLog kept = new InMemoryAuditLog();
    volatile boolean failing;

    @Override
    public void append(AuditRecord record) {
      if (failing) {
        throw new IllegalStateException("audit store unavailable");
      }
      kept.append(record);
    }

    @Override
    public List<AuditRecord> list(AuditQuery query) {
      return kept.list(query);
    }
  }

  private final FailingAuditLog log = new FailingAuditLog();
  private final DeskFixture f =
      new DeskFixture(
          b ->
              b.auditLog(log)
                  .notifier(
                      n -> {
                        throw new IllegalStateException("smtp down");
                      })
                  .retryPolicy(
                      new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofMinutes(1), 0.0)));

  private List<AuditRecord> newest(int n) {
    return f.desk.staffAudit(BEA, AuditQuery.newest(n));
  }

  @Test
  void savingAnAgentIsRecordedWithTheActorAndBothSummaries() {
    f.clock.advance(Duration.ofMinutes(3));
    f.desk.saveAgent(
        BEA,
        Agent.of("a-bea", "Bea Lead", "bea@desk.example")
            .withGroups(Set.of(GroupId.of("billing"), GroupId.of("api"))));

    AuditRecord r = newest(1).get(0);
    assertEquals(BEA, r.actor());
    assertEquals(StaffAction.AGENT_SAVED, r.action());
    assertEquals("a-bea", r.subject());
    assertEquals(f.desk.clock().instant(), r.at());
    assertEquals("Bea Agent", r.before().get("name"));
    assertEquals("", r.before().get("groups"));
    assertEquals("Bea Lead", r.after().get("name"));
    assertEquals("api,billing", r.after().get("groups"));
    assertEquals("ONLINE", r.after().get("availability"));
  }

  @Test
  void aNewAgentHasNoBefore() {
    List<AuditRecord> all = newest(10);
    // The fixture saved Bea, then Cal, as system:admin.
    assertEquals(List.of("a-cal", "a-bea"), all.stream().map(AuditRecord::subject).toList());
    assertEquals(Actor.system("admin"), all.get(0).actor());
    assertEquals(Map.of(), all.get(0).before());
  }

  @Test
  void settingAvailabilityIsRecorded() {
    f.desk.setAvailability(BEA, BEA_ID, Availability.OFFLINE);
    AuditRecord r = newest(1).get(0);
    assertEquals(StaffAction.AVAILABILITY_CHANGED, r.action());
    assertEquals(BEA, r.actor());
    assertEquals(Map.of("availability", "ONLINE"), r.before());
    assertEquals(Map.of("availability", "OFFLINE"), r.after());
  }

  private NotificationId deadLetter() {
    f.desk.open(ANA, DeskFixture.request("c-ana").subject("Seat missing").build());
    f.desk.dispatchNotifications();
    List<OutboxEntry> dead = f.desk.deadLetters(10);
    assertEquals(1, dead.size());
    return dead.get(0).notification().id();
  }

  @Test
  void redeliveringADeadLetterIsRecordedWithTheActor() {
    NotificationId id = deadLetter();
    OutboxEntry entry = f.desk.redeliver(BEA, id);
    assertEquals(OutboxEntry.State.PENDING, entry.state());
    AuditRecord r = f.desk.staffAudit(BEA, AuditQuery.newest(5).about(id.toString())).get(0);
    assertEquals(StaffAction.DEAD_LETTER_REDELIVERED, r.action());
    assertEquals(BEA, r.actor());
    assertEquals("DEAD", r.before().get("state"));
    assertEquals("1", r.before().get("attempts"));
    assertEquals(Map.of("state", "PENDING"), r.after());
  }

  @Test
  void theOldRedeliverRecordsTheUnnamedStaffSystemActor() {
    NotificationId id = deadLetter();
    f.desk.redeliver(id);
    assertEquals(Actor.system(HelpDesk.UNNAMED_STAFF), newest(1).get(0).actor());
  }

  @Test
  void redeliveringWhatIsNotDeadRecordsNothing() {
    int before = newest(50).size();
    NotificationId unknown = new NotificationId(UUID.randomUUID());
    assertThrows(NotFoundException.class, () -> f.desk.redeliver(BEA, unknown));
    assertEquals(before, newest(50).size());
  }

  @Test
  void customersMayNeitherReadTheAuditNorRedeliver() {
    assertThrows(AccessDeniedException.class, () -> f.desk.staffAudit(ANA, AuditQuery.newest(10)));
    NotificationId id = deadLetter();
    assertThrows(AccessDeniedException.class, () -> f.desk.redeliver(ANA, id));
    assertEquals(OutboxEntry.State.DEAD, f.desk.deadLetters(10).get(0).state());
  }

  @Test
  void anUnregisteredAgentMayNotReadTheAudit() {
    assertThrows(
        AccessDeniedException.class,
        () -> f.desk.staffAudit(Actor.agent("a-nobody"), AuditQuery.newest(10)));
  }

  @Test
  void whenTheRecordCannotBeKeptTheChangeIsNotMade() {
    NotificationId id = deadLetter();
    log.failing = true;

    assertThrows(
        IllegalStateException.class,
        () -> f.desk.saveAgent(BEA, Agent.of("a-dan", "Dan", "dan@desk.example")));
    assertThrows(
        IllegalStateException.class,
        () -> f.desk.setAvailability(BEA, BEA_ID, Availability.OFFLINE));
    assertThrows(IllegalStateException.class, () -> f.desk.redeliver(BEA, id));

    log.failing = false;
    assertEquals(List.of(), f.desk.staffAudit(BEA, AuditQuery.newest(5).about("a-dan")));
    assertThrows(
        NotFoundException.class,
        () -> f.desk.setAvailability(BEA, AgentId.of("a-dan"), Availability.ONLINE));
    assertEquals(
        Availability.ONLINE,
        f.desk.setAvailability(BEA, BEA_ID, Availability.ONLINE).availability());
    assertEquals(OutboxEntry.State.DEAD, f.desk.deadLetters(10).get(0).state());
  }

  @Test
  void theAuditIsPagedNewestFirstAndFilteredByActor() {
    for (int i = 0; i < 5; i++) {
      // Same instant: the ids order them, and paging must still see each once.
      f.desk.setAvailability(BEA, BEA_ID, i % 2 == 0 ? Availability.OFFLINE : Availability.ONLINE);
    }
    List<AuditRecord> all = f.desk.staffAudit(BEA, AuditQuery.newest(100).by(BEA));
    assertEquals(5, all.size());
    List<AuditRecord> walked = new ArrayList<>();
    AuditQuery query = AuditQuery.newest(2).by(BEA);
    List<AuditRecord> page = f.desk.staffAudit(BEA, query);
    while (!page.isEmpty()) {
      walked.addAll(page);
      page = f.desk.staffAudit(BEA, query.after(page.get(page.size() - 1).position()));
    }
    assertEquals(all, walked);
    assertEquals(7, newest(100).size()); // with the fixture's two saves by system:admin
  }
}
