package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.ticket.SlaTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaMainTest {

  @Test
  void theMonitorWarnsAndBreachesInBusinessTimeAndMailsAssigneeAndSupervisors() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<SlaStatus> timers = SlaMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    SlaStatus first =
        timers.stream().filter(s -> s.target() == SlaTarget.FIRST_REPLY).findFirst().orElseThrow();
    assertEquals(TimerState.BREACHED, first.state());
    assertEquals(SlaMain.berlin("2026-04-07T12:00"), first.dueAt());
    assertEquals(Duration.ZERO, first.remaining());
    assertTrue(out.contains("first reply due 2026-04-07T10:00:00Z"), out);
    assertTrue(out.contains("Tuesday 10:59: 0 ticket(s) due"), out);
    assertTrue(out.contains("warned: first reply is due at 2026-04-07T10:00:00Z"), out);
    assertTrue(out.contains("mail to bea@desk.example: SLA_WARNING FIRST_REPLY"), out);
    assertTrue(out.contains("recorded a breach: first reply was due at 2026-04-07T10:00:00Z"), out);
    assertTrue(out.contains("changed priority NORMAL -> HIGH"), out);
    assertTrue(out.contains("mail to bea@desk.example: SLA_BREACHED FIRST_REPLY"), out);
    assertTrue(out.contains("mail to sue@desk.example: SLA_BREACHED FIRST_REPLY"), out);
    // Each alert once: one warning and one breach mail to Bea.
    assertEquals(1, out.split("SLA_WARNING", -1).length - 1, out);
    assertEquals(2, out.split("SLA_BREACHED", -1).length - 1, out);
  }
}
