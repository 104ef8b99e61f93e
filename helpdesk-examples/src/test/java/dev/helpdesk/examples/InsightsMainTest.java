package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InsightsMainTest {

  @Test
  void theMorningAddsUpToTheseFigures() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MetricsReport r = InsightsMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(3, r.opened(), "the duplicate was opened too");
    assertEquals(
        new DurationStats(
            1, Optional.of(Duration.ofMinutes(20)), Optional.of(Duration.ofMinutes(20))),
        r.firstReply(),
        "the merged duplicate was never replied to; carried messages are no replies");
    assertEquals(
        new DurationStats(
            1, Optional.of(Duration.ofMinutes(20)), Optional.of(Duration.ofMinutes(20))),
        r.resolution());
    assertEquals(1, r.reopens());
    assertEquals(
        new SlaCompliance(2, 0), r.sla().get(SlaTarget.FIRST_REPLY), "and the duplicate's");
    assertEquals(new SatisfactionScore(1, 1), r.satisfaction());
    assertEquals(
        Map.of(
            AgentId.of("a-bea"), new SatisfactionScore(0, 1),
            AgentId.of("a-lee"), new SatisfactionScore(1, 0)),
        r.satisfactionByAgent());
    assertEquals(Map.of(), r.loadByAgent());
    assertEquals(1L, r.queueByPriority().get(Priority.NORMAL));
    assertTrue(out.contains("merged HD-1001 into it (1 messages)"), out);
    assertTrue(out.contains("customer:c-ana rated it BAD (\"I paid EUR 58, not 42.\")"), out);
    assertTrue(
        out.contains("escalated it from a-bea to leads (customer rated the solution bad)"), out);
    assertTrue(out.contains("linked it related to HD-1002"), out);
  }
}
