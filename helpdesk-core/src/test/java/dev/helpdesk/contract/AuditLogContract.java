package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.audit.AuditLog;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} adapter must do: keep each record whole (actor, action, subject,
 * instant to the microsecond, both summaries), list newest first by instant then id, page by the
 * last record's position without skipping or repeating records that share an instant, filter by
 * actor and subject, and refuse a second record with the same id.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar) and implement {@link #auditLog()}, which the suite calls once before each test.
 * The adapter may hold other tests' records: each test uses an actor of its own.
 */
public abstract class AuditLogContract {

  /** The adapter for this test. */
  protected abstract AuditLog auditLog();

  private AuditLog log;
  private Actor actor;

  @BeforeEach
  void createAdapter() {
    log = auditLog();
    actor = Actor.agent("auditor-" + UUID.randomUUID());
  }

  private AuditRecord record(Instant at, String subject, Map<String, String> before) {
    return new AuditRecord(
        UUID.randomUUID().toString(),
        at,
        actor,
        StaffAction.AGENT_SAVED,
        subject,
        before,
        Map.of("name", "Ana", "availability", "ONLINE"));
  }

  @Test
  void aRecordIsReadBackWhole() {
    AuditRecord r =
        new AuditRecord(
            UUID.randomUUID().toString(),
            T0.plusNanos(123_456_000),
            actor,
            StaffAction.AVAILABILITY_CHANGED,
            "a-1",
            Map.of("availability", "ONLINE"),
            Map.of("availability", "OFFLINE"));
    log.append(r);
    assertEquals(List.of(r), log.list(AuditQuery.newest(10).by(actor)));
  }

  @Test
  void emptySummariesAndAllActorKindsSurvive() {
    AuditRecord system =
        new AuditRecord(
            UUID.randomUUID().toString(),
            T0,
            Actor.system("ops:" + actor.describe()),
            StaffAction.DEAD_LETTER_REDELIVERED,
            UUID.randomUUID().toString(),
            Map.of(),
            Map.of("state", "PENDING"));
    log.append(system);
    assertEquals(List.of(system), log.list(AuditQuery.newest(10).by(system.actor())));
  }

  @Test
  void newestFirstThenByIdDescending() {
    AuditRecord old = record(T0, "a-1", Map.of());
    AuditRecord sameInstantA = record(T0.plusSeconds(5), "a-2", Map.of());
    AuditRecord sameInstantB = record(T0.plusSeconds(5), "a-3", Map.of());
    AuditRecord newest = record(T0.plusSeconds(9), "a-1", Map.of("name", "Old"));
    for (AuditRecord r : List.of(sameInstantA, newest, old, sameInstantB)) {
      log.append(r);
    }
    List<AuditRecord> expected = new ArrayList<>(List.of(old, sameInstantA, sameInstantB, newest));
    expected.sort(AuditRecord.NEWEST_FIRST);
    assertEquals(newest, expected.get(0));
    assertEquals(expected, log.list(AuditQuery.newest(10).by(actor)));
  }

  @Test
  void pagesByPositionNeitherSkipNorRepeat() {
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Several records share each instant, so the id must break the ties.
      AuditRecord r = record(T0.plus(i / 3, ChronoUnit.SECONDS), "a-" + i, Map.of());
      log.append(r);
      all.add(r);
    }
    all.sort(AuditRecord.NEWEST_FIRST);
    List<AuditRecord> walked = new ArrayList<>();
    AuditQuery query = AuditQuery.newest(3).by(actor);
    List<AuditRecord> page = log.list(query);
    while (!page.isEmpty()) {
      walked.addAll(page);
      page = log.list(query.after(page.get(page.size() - 1).position()));
    }
    assertEquals(all, walked);
  }

  @Test
  void filtersBySubject() {
    String subject = "agent-" + UUID.randomUUID();
    AuditRecord mine = record(T0, subject, Map.of());
    log.append(mine);
    log.append(record(T0.plusSeconds(1), "other-" + UUID.randomUUID(), Map.of()));
    assertEquals(List.of(mine), log.list(AuditQuery.newest(10).about(subject)));
    assertEquals(List.of(mine), log.list(AuditQuery.newest(10).by(actor).about(subject)));
    assertEquals(
        List.of(), log.list(AuditQuery.newest(10).by(Actor.system("nobody")).about(subject)));
  }

  @Test
  void aSecondRecordWithTheSameIdIsRefused() {
    AuditRecord r = record(T0, "a-1", Map.of());
    log.append(r);
    assertThrows(RuntimeException.class, () -> log.append(r));
    assertEquals(List.of(r), log.list(AuditQuery.newest(10).by(actor)));
  }
}
