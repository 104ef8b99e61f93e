package dev.helpdesk.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a stored change tells whom, checked per update whatever the subscription said. */
class UpdatesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Actor ANA = Actor.customer("c-ana");
  private static final Actor BEA = Actor.agent("a-bea");

  private static Ticket anasTicket() {
    return TicketEdit.open(
            TicketId.random(),
            TicketKey.of("HD", 1),
            NewTicket.builder()
                .requester("c-ana", "Ana", "ana@example.com")
                .subject("Seat")
                .build(),
            Optional.empty(),
            ANA,
            T0,
            StatusTransitions.defaults())
        .done()
        .after();
  }

  private static Message message(Visibility v) {
    return new Message(MessageId.random(), BEA, v, "text", List.of(), T0);
  }

  @Test
  void customersAreToldOnlyThePublicUpdatesOfTheirOwnTicket() {
    Ticket t = anasTicket();
    TicketChange change =
        TicketEdit.of(t, BEA, T0, StatusTransitions.defaults())
            .addMessage(message(Visibility.INTERNAL))
            .addMessage(message(Visibility.PUBLIC))
            .assign(AgentId.of("a-bea"))
            .done();
    List<Updates.Entry> entries = Updates.of(change);
    assertEquals(4, entries.size()); // note, reply, assigned, NEW -> OPEN
    Updates.Entry note = entries.get(0);
    Updates.Entry reply = entries.get(1);
    assertFalse(note.visibleTo(ANA, t.id(), false));
    assertTrue(reply.visibleTo(ANA, t.id(), false));
    assertFalse(
        reply.visibleTo(Actor.customer("c-bob"), t.id(), false), "another customer's ticket");
    assertTrue(reply.visibleTo(Actor.customer("c-bob"), t.id(), true), "a colleague's, as checked");
    assertFalse(note.visibleTo(Actor.customer("c-bob"), t.id(), true), "a colleague's note");
    assertTrue(note.visibleTo(BEA, t.id(), false));
    assertFalse(reply.visibleTo(BEA, TicketId.random(), false), "another ticket's subscription");
  }

  @Test
  void queueEntriesFollowTheAssigneeThroughTheChange() {
    Ticket t = anasTicket();
    AgentId bea = AgentId.of("a-bea");
    AgentId cal = AgentId.of("a-cal");
    Ticket beas =
        TicketEdit.of(t, BEA, T0, StatusTransitions.defaults()).assign(bea).done().after();
    TicketChange handOver =
        TicketEdit.of(beas, BEA, T0, StatusTransitions.defaults())
            .addMessage(message(Visibility.INTERNAL))
            .assign(cal)
            .addMessage(message(Visibility.PUBLIC))
            .done();
    List<Updates.Entry> entries = Updates.of(handOver);
    assertEquals(Set.of(bea, cal), Set.copyOf(Updates.agents(entries)));
    assertEquals(
        List.of(true, true, false),
        entries.stream().map(e -> e.concerns(bea)).toList(),
        "Bea hears the note and the hand-over, not the reply after it");
    assertEquals(List.of(false, true, true), entries.stream().map(e -> e.concerns(cal)).toList());
  }
}
