package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VipAssignmentMainTest {

  @Test
  void vipsGoToSeniorsRegularsToTheirAgentOrTheLeastLoadedAndTheRestWaits() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Ticket> t = VipAssignmentMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<Optional<String>> got = t.stream().map(x -> x.assignee().map(AgentId::value)).toList();
    assertEquals(
        List.of(
            Optional.of("a-sen"), // VIP to the senior
            Optional.of("a-jun"), // least loaded
            Optional.of("a-sen"), // c-1's previous agent, who still has room
            Optional.of("a-jun"), // least loaded again
            Optional.<String>empty()), // a VIP, but everyone is full: it waits
        got);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("(c-4, vip) -> queue"), out);
  }
}
