package dev.helpdesk.jpa.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.sla.SlaTimer;
import dev.helpdesk.sla.TargetRule;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's timers as a JSON object keyed by target. Instants and durations are ISO-8601 strings
 * at full precision (the indexed {@code next_check_at} column is rounded, the document is not), so
 * the timers read back equal to what was saved. The format is part of the schema: add fields
 * compatibly, readers ignore what they do not know.
 */
final class TimerPayloads {

  private TimerPayloads() {}

  static String write(Map<SlaTarget, SlaTimer> timers) {
    ObjectNode doc = Json.object();
    timers.forEach((target, timer) -> doc.set(target.name(), write(timer)));
    return Json.write(doc);
  }

  private static ObjectNode write(SlaTimer t) {
    ObjectNode n = Json.object();
    TargetRule rule = t.rule();
    n.put("goal", rule.goal().toString());
    ArrayNode paused = n.putArray("pausedBy");
    Set<Status> sorted = EnumSet.noneOf(Status.class);
    sorted.addAll(rule.pausedBy());
    sorted.forEach(s -> paused.add(s.name()));
    if (rule.warning() instanceof WarningLead.PercentElapsed p) {
      n.putObject("warning").put("percentElapsed", p.percent());
    } else if (rule.warning() instanceof WarningLead.BeforeDue b) {
      n.putObject("warning").put("beforeDue", b.lead().toString());
    }
    n.put("cycle", t.cycle());
    n.put("startedAt", t.startedAt().toString());
    n.put("pausedSoFar", t.pausedSoFar().toString());
    n.put("pausedSince", t.pausedSince().map(Instant::toString).orElse(null));
    n.put("state", t.state().name());
    n.put("dueAt", t.dueAt().toString());
    n.put("warnAt", t.warnAt().toString());
    n.put("warned", t.warned());
    n.put("endedAt", t.endedAt().map(Instant::toString).orElse(null));
    // Only a timer that switched calendars has these; documents written before they existed read
    // as a timer that has counted in one calendar since its start.
    if (!t.countedFrom().equals(t.startedAt()) || !t.countedBefore().isZero()) {
      n.put("countedFrom", t.countedFrom().toString());
      n.put("countedBefore", t.countedBefore().toString());
    }
    return n;
  }

  static Map<SlaTarget, SlaTimer> read(String json) {
    Map<SlaTarget, SlaTimer> timers = new EnumMap<>(SlaTarget.class);
    Json.parse(json)
        .fields()
        .forEachRemaining(
            e -> {
              SlaTarget target = SlaTarget.valueOf(e.getKey());
              timers.put(target, read(target, e.getValue()));
            });
    return timers;
  }

  private static SlaTimer read(SlaTarget target, JsonNode n) {
    Set<Status> pausedBy = EnumSet.noneOf(Status.class);
    n.get("pausedBy").forEach(s -> pausedBy.add(Status.valueOf(s.asText())));
    JsonNode w = n.get("warning");
    WarningLead warning =
        w.has("percentElapsed")
            ? WarningLead.percentElapsed(w.get("percentElapsed").asInt())
            : WarningLead.before(Duration.parse(w.get("beforeDue").asText()));
    TargetRule rule =
        new TargetRule(target, Duration.parse(n.get("goal").asText()), pausedBy, warning);
    Instant startedAt = Instant.parse(n.get("startedAt").asText());
    JsonNode before = n.get("countedBefore");
    return new SlaTimer(
        rule,
        n.get("cycle").asInt(),
        startedAt,
        Duration.parse(n.get("pausedSoFar").asText()),
        instant(n, "pausedSince"),
        TimerState.valueOf(n.get("state").asText()),
        Instant.parse(n.get("dueAt").asText()),
        Instant.parse(n.get("warnAt").asText()),
        n.get("warned").asBoolean(),
        instant(n, "endedAt"),
        instant(n, "countedFrom").orElse(startedAt),
        before == null || before.isNull() ? Duration.ZERO : Duration.parse(before.asText()));
  }

  private static Optional<Instant> instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
  }
}
