package dev.helpdesk.ticket;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One event of every type, for tests that must cover them all. */
public final class EventFixtures {

  /** The ticket the events are of. */
  public static final TicketId TICKET = TicketId.random();

  /** Its customer. */
  public static final CustomerId REQUESTER = CustomerId.of("c-1");

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private EventFixtures() {}

  /**
   * One event of every permitted type, in a plausible order; the message is a public reply and the
   * links lead to another ticket of the same customer.
   */
  public static List<TicketEvent> oneOfEach() {
    Actor customer = Actor.customer(REQUESTER.value());
    Actor agent = Actor.agent("a-bea");
    Actor system = Actor.system("sla-monitor");
    TicketId other = TicketId.random();
    TicketLink link =
        new TicketLink(LinkKind.RELATED, true, other, TicketKey.parse("EV-2"), REQUESTER);
    return List.of(
        new TicketEvent.Created(
            TICKET,
            customer,
            T0,
            TicketKey.parse("EV-1"),
            "Seat missing",
            "Booked 12A, got none",
            new Customer(REQUESTER, "Ana", EmailAddress.of("ana@example.com")),
            Channel.CHAT,
            Priority.HIGH,
            Set.of("rail"),
            Map.of(),
            Optional.empty(),
            Optional.empty()),
        new TicketEvent.AnswersSuggested(
            TICKET,
            Actor.system("instant-answers"),
            T0,
            List.of(new SuggestedAnswer(ArticleId.of("kb-seats"), "Seats", "Reserve again."))),
        new TicketEvent.Assigned(
            TICKET, system, T0, Optional.empty(), Optional.of(AgentId.of("a-bea"))),
        new TicketEvent.StatusChanged(TICKET, agent, T0, Status.NEW, Status.OPEN),
        new TicketEvent.MessageAdded(TICKET, agent, T0, MessageId.random(), Visibility.PUBLIC),
        new TicketEvent.PriorityChanged(TICKET, agent, T0, Priority.HIGH, Priority.URGENT),
        new TicketEvent.GroupChanged(
            TICKET, agent, T0, Optional.empty(), Optional.of(GroupId.of("rail"))),
        new TicketEvent.Escalated(
            TICKET, system, T0, Optional.empty(), GroupId.of("supervisors"), "no reply"),
        new TicketEvent.SlaWarned(TICKET, system, T0, SlaTarget.FIRST_REPLY, 1, T0),
        new TicketEvent.SlaBreached(TICKET, system, T0, SlaTarget.FIRST_REPLY, 1, T0),
        new TicketEvent.SlaMet(TICKET, agent, T0, SlaTarget.NEXT_REPLY, 1, T0),
        new TicketEvent.MacroApplied(TICKET, agent, T0, "refund-issued"),
        new TicketEvent.TagsChanged(TICKET, agent, T0, Set.of("rail"), Set.of("rail", "vip")),
        new TicketEvent.FieldsChanged(
            TICKET, agent, T0, Map.of("seat", "12A"), Map.of("seat", "14C", "fare", "12.50")),
        new TicketEvent.AnswerAccepted(TICKET, customer, T0, ArticleId.of("kb-seats"), "Seats"),
        new TicketEvent.Rated(
            TICKET, customer, T0, Rating.GOOD, "", Optional.empty(), Optional.empty()),
        new TicketEvent.Linked(TICKET, agent, T0, link),
        new TicketEvent.Unlinked(TICKET, agent, T0, link),
        new TicketEvent.Merged(
            TICKET, agent, T0, other, TicketKey.parse("EV-2"), List.of(MessageId.random())),
        new TicketEvent.MergedInto(TICKET, agent, T0, other, TicketKey.parse("EV-2")),
        new TicketEvent.PendingReminderSent(
            TICKET, Actor.system("pending-follow-up"), T0, 2, Optional.of(T0.plusSeconds(86_400))),
        new TicketEvent.CcAdded(TICKET, agent, T0, Cc.of("Bo.Berg@Example.org", "Bo Berg")),
        new TicketEvent.CcRemoved(TICKET, Actor.customer("c-ana"), T0, Cc.of("li@example.org")));
  }
}
