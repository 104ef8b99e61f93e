package dev.helpdesk.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.EventFixtures;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What of a ticket's history its customer sees, decided for every event type. */
class EventVisibilityTest {

  private static final Actor CUSTOMER = Actor.customer(EventFixtures.REQUESTER.value());

  /**
   * Whether the ticket's own customer sees an event of each type, as {@link EventFixtures} has it.
   */
  private static final Map<Class<?>, Boolean> CUSTOMER_SEES =
      Map.ofEntries(
          Map.entry(TicketEvent.Created.class, true),
          Map.entry(TicketEvent.Assigned.class, true),
          Map.entry(TicketEvent.StatusChanged.class, true),
          Map.entry(TicketEvent.MessageAdded.class, true),
          Map.entry(TicketEvent.PriorityChanged.class, true),
          Map.entry(TicketEvent.GroupChanged.class, false),
          Map.entry(TicketEvent.Escalated.class, false),
          Map.entry(TicketEvent.SlaWarned.class, false),
          Map.entry(TicketEvent.SlaBreached.class, false),
          Map.entry(TicketEvent.SlaMet.class, false),
          Map.entry(TicketEvent.AnswersSuggested.class, true),
          Map.entry(TicketEvent.AnswerAccepted.class, true),
          Map.entry(TicketEvent.MacroApplied.class, false),
          Map.entry(TicketEvent.TagsChanged.class, false),
          Map.entry(TicketEvent.FieldsChanged.class, true),
          Map.entry(TicketEvent.Rated.class, true),
          Map.entry(TicketEvent.Linked.class, true),
          Map.entry(TicketEvent.Unlinked.class, true),
          Map.entry(TicketEvent.Merged.class, true),
          Map.entry(TicketEvent.MergedInto.class, true),
          Map.entry(TicketEvent.PendingReminderSent.class, true),
          Map.entry(TicketEvent.CcAdded.class, true),
          Map.entry(TicketEvent.CcRemoved.class, true));

  @Test
  void theTableDecidesEveryEventType() {
    assertEquals(Set.of(TicketEvent.class.getPermittedSubclasses()), CUSTOMER_SEES.keySet());
  }

  @Test
  void theCustomerSeesWhatTheTableSays() {
    for (TicketEvent e : EventFixtures.oneOfEach()) {
      assertEquals(CUSTOMER_SEES.get(e.getClass()), TicketAccess.canSee(CUSTOMER, e), e.toString());
    }
  }

  @Test
  void staffAndTheSystemSeeEveryEvent() {
    for (TicketEvent e : EventFixtures.oneOfEach()) {
      assertTrue(TicketAccess.canSee(Actor.agent("a-bea"), e), e.toString());
      assertTrue(TicketAccess.canSee(Actor.system("sla-monitor"), e), e.toString());
    }
  }

  @Test
  void aCustomerSeesNeitherInternalNotesNorLinksToOtherCustomersTickets() {
    TicketId ticket = EventFixtures.TICKET;
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    Actor agent = Actor.agent("a-bea");
    TicketLink theirs =
        new TicketLink(
            LinkKind.RELATED,
            true,
            TicketId.random(),
            TicketKey.parse("EV-9"),
            CustomerId.of("c-2"));
    assertFalse(
        TicketAccess.canSee(
            CUSTOMER,
            new TicketEvent.MessageAdded(
                ticket, agent, at, MessageId.random(), Visibility.INTERNAL)));
    assertFalse(TicketAccess.canSee(CUSTOMER, new TicketEvent.Linked(ticket, agent, at, theirs)));
    assertFalse(TicketAccess.canSee(CUSTOMER, new TicketEvent.Unlinked(ticket, agent, at, theirs)));
  }
}
