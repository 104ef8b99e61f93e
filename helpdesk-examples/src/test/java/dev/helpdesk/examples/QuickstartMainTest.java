package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.EventFixtures;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuickstartMainTest {

  @Test
  void theQuickstartWalksOneTicketThroughItsWholeLife() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TicketDetails end = QuickstartMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(Status.CLOSED, end.ticket().status());
    List<String> moves =
        end.history().stream()
            .filter(TicketEvent.StatusChanged.class::isInstance)
            .map(TicketEvent.StatusChanged.class::cast)
            .map(s -> s.from() + "->" + s.to())
            .toList();
    assertEquals(
        List.of("NEW->OPEN", "OPEN->PENDING", "PENDING->OPEN", "OPEN->SOLVED", "SOLVED->CLOSED"),
        moves);
    assertEquals(
        1, end.conversation().stream().filter(m -> m.visibility() == Visibility.INTERNAL).count());
    assertTrue(out.contains("mail to ana@example.com: TICKET_RECEIVED"), out);
    assertTrue(out.contains("The customer sees HD-1000 (CLOSED), 4 messages"), out);
    assertTrue(out.contains("system:close-sweep moved it SOLVED -> CLOSED"), out);
  }

  @Test
  void escalationsAndSlaEventsReadAsSentences() {
    TicketId id = TicketId.random();
    Actor monitor = Actor.system("sla-monitor");
    Instant at = Instant.parse("2026-03-02T13:00:00Z");
    Instant due = Instant.parse("2026-03-02T14:00:00Z");
    assertEquals(
        "system:sla-monitor escalated it from a-7 to supervisors (first reply breached)",
        QuickstartMain.describe(
            new TicketEvent.Escalated(
                id,
                monitor,
                at,
                Optional.of(AgentId.of("a-7")),
                GroupId.of("supervisors"),
                "first reply breached")));
    assertEquals(
        "system:sla-monitor warned: first reply is due at 2026-03-02T14:00:00Z",
        QuickstartMain.describe(
            new TicketEvent.SlaWarned(id, monitor, at, SlaTarget.FIRST_REPLY, 1, due)));
    assertEquals(
        "system:sla-monitor recorded a breach: next reply #2 was due at 2026-03-02T14:00:00Z",
        QuickstartMain.describe(
            new TicketEvent.SlaBreached(id, monitor, at, SlaTarget.NEXT_REPLY, 2, due)));
  }

  @Test
  void instantAnswersMacrosAndTagsReadAsSentences() {
    TicketId id = TicketId.random();
    Instant at = Instant.parse("2026-03-02T13:00:00Z");
    assertEquals(
        "system:instant-answers suggested [\"Seat reservations\"]",
        QuickstartMain.describe(
            new TicketEvent.AnswersSuggested(
                id,
                Actor.system("instant-answers"),
                at,
                List.of(
                    new SuggestedAnswer(ArticleId.of("kb-1"), "Seat reservations", "Reserve.")))));
    assertEquals(
        "customer:c-1 said \"Seat reservations\" solved it",
        QuickstartMain.describe(
            new TicketEvent.AnswerAccepted(
                id, Actor.customer("c-1"), at, ArticleId.of("kb-1"), "Seat reservations")));
    assertEquals(
        "agent:a-7 applied macro refund-issued",
        QuickstartMain.describe(
            new TicketEvent.MacroApplied(id, Actor.agent("a-7"), at, "refund-issued")));
    assertEquals(
        "agent:a-7 tagged it [rail, refund]",
        QuickstartMain.describe(
            new TicketEvent.TagsChanged(
                id, Actor.agent("a-7"), at, Set.of("rail"), Set.of("refund", "rail"))));
  }

  @Test
  void everyEventTypeReadsAsASentenceOfWhoDidIt() {
    List<TicketEvent> events = EventFixtures.oneOfEach();
    assertEquals(
        Set.of(TicketEvent.class.getPermittedSubclasses()),
        events.stream().map(Object::getClass).collect(Collectors.toSet()));
    for (TicketEvent e : events) {
      String line = QuickstartMain.describe(e);
      assertTrue(line.startsWith(e.actor().describe() + " "), line);
      assertFalse(line.contains(e.getClass().getSimpleName() + "["), line);
    }
  }
}
