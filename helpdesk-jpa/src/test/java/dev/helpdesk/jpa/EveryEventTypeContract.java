package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every event type the core knows survives the trip through the JSON payload column: the history
 * read back equals the events stored, and the list below covers every permitted subtype of {@link
 * TicketEvent} (a new one fails the coverage check until the adapter writes it), the instant
 * answers, macro and tag events included.
 */
abstract class EveryEventTypeContract {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456Z");

  /** An empty ticket store of the database under test. */
  protected abstract Tickets tickets();

  static List<TicketEvent> oneOfEach(TicketId id, Ticket other) {
    Actor agent = Actor.agent("a-bea");
    Actor system = Actor.system("sla-monitor");
    return List.of(
        new TicketEvent.Created(
            id,
            Actor.customer("c-1"),
            T0,
            TicketKey.of("EV", 1),
            "Seat missing",
            "Booked 12A, got none",
            new Customer(CustomerId.of("c-1"), "Ana", EmailAddress.of("ana@example.com")),
            Channel.CHAT,
            Priority.HIGH,
            Set.of("rail", "vip"),
            Map.of("booking", "B-77"),
            Optional.of(GroupId.of("rail")),
            Optional.of(TicketId.random())),
        new TicketEvent.Assigned(
            id,
            system,
            T0.plusSeconds(1),
            Optional.empty(),
            Optional.of(AgentId.of("a-bea")),
            Optional.of("no-reply")),
        new TicketEvent.StatusChanged(id, agent, T0.plusSeconds(2), Status.NEW, Status.OPEN),
        new TicketEvent.MessageAdded(
            id, agent, T0.plusSeconds(3), MessageId.random(), Visibility.INTERNAL),
        new TicketEvent.PriorityChanged(
            id, agent, T0.plusSeconds(4), Priority.HIGH, Priority.URGENT),
        new TicketEvent.GroupChanged(
            id,
            system,
            T0.plusSeconds(5),
            Optional.of(GroupId.of("rail")),
            Optional.of(GroupId.of("supervisors"))),
        new TicketEvent.Escalated(
            id,
            system,
            T0.plusSeconds(6),
            Optional.of(AgentId.of("a-bea")),
            GroupId.of("supervisors"),
            "no agent reply within PT2H"),
        new TicketEvent.Escalated(
            id,
            agent,
            T0.plusSeconds(7),
            Optional.empty(),
            GroupId.of("leads"),
            "customer unhappy"),
        new TicketEvent.SlaWarned(
            id, system, T0.plusSeconds(8), SlaTarget.FIRST_REPLY, 1, T0.plusSeconds(3600)),
        new TicketEvent.SlaBreached(
            id, system, T0.plusSeconds(9), SlaTarget.NEXT_REPLY, 3, T0.plusSeconds(7200)),
        new TicketEvent.AnswersSuggested(
            id,
            Actor.system("instant-answers"),
            T0.plusSeconds(10),
            List.of(
                new SuggestedAnswer(
                    ArticleId.of("kb-seats"),
                    "Seat reservation missing",
                    "Open your booking and choose \"Reserve seat\" again \u2026",
                    7.25),
                new SuggestedAnswer(
                    ArticleId.of("kb-refunds"), "Refunds", "Refunds reach your card in 7 days."))),
        new TicketEvent.AnswerAccepted(
            id,
            Actor.customer("c-1"),
            T0.plusSeconds(11),
            ArticleId.of("kb-seats"),
            "Seat reservation missing"),
        new TicketEvent.MacroApplied(id, agent, T0.plusSeconds(12), "refund-issued"),
        new TicketEvent.TagsChanged(
            id, agent, T0.plusSeconds(13), Set.of("rail", "vip"), Set.of("rail", "refund", "vip")),
        new TicketEvent.FieldsChanged(
            id,
            agent,
            T0.plusSeconds(13),
            Map.of("booking", "B-77", "seat", "12A"),
            Map.of("booking", "B-77", "fare", "12.50", "travel_date", "2026-04-01")),
        new TicketEvent.SlaMet(
            id, agent, T0.plusSeconds(14), SlaTarget.RESOLUTION, 2, T0.plusSeconds(9000)),
        new TicketEvent.Rated(
            id,
            Actor.customer("c-1"),
            T0.plusSeconds(15),
            Rating.BAD,
            "Still waiting for the refund.\nSecond line.",
            Optional.of(AgentId.of("a-bea")),
            Optional.of(GroupId.of("rail"))),
        new TicketEvent.Rated(
            id,
            Actor.customer("c-1"),
            T0.plusSeconds(16),
            Rating.GOOD,
            "",
            Optional.empty(),
            Optional.empty()),
        new TicketEvent.Linked(
            id, agent, T0.plusSeconds(17), TicketLink.outgoing(LinkKind.FOLLOW_UP, other)),
        new TicketEvent.Unlinked(
            id, agent, T0.plusSeconds(18), TicketLink.incoming(LinkKind.RELATED, other)),
        new TicketEvent.Merged(
            id,
            agent,
            T0.plusSeconds(19),
            other.id(),
            other.key(),
            List.of(MessageId.random(), MessageId.random())),
        new TicketEvent.MergedInto(id, agent, T0.plusSeconds(20), other.id(), other.key()),
        new TicketEvent.PendingReminderSent(
            id,
            Actor.system("pending-follow-up"),
            T0.plusSeconds(21),
            1,
            Optional.of(T0.plusSeconds(90_000))),
        new TicketEvent.PendingReminderSent(
            id, Actor.system("pending-follow-up"), T0.plusSeconds(22), 2, Optional.empty()),
        new TicketEvent.CcAdded(id, agent, T0.plusSeconds(23), Cc.of("Bo@Example.org", "Bo")),
        new TicketEvent.CcRemoved(id, agent, T0.plusSeconds(24), Cc.of("Bo@Example.org", "Bo")));
  }

  private static Ticket ticket(String prefix) {
    return TicketEdit.open(
            TicketId.random(),
            TicketKey.of(prefix, System.nanoTime() % 1_000_000_000L),
            NewTicket.builder()
                .requester("c-1", "Ana", "ana@example.com")
                .subject("Seat missing")
                .build(),
            Optional.empty(),
            Actor.customer("c-1"),
            T0,
            StatusTransitions.defaults())
        .current();
  }

  @Test
  void theListCoversEveryEventType() {
    Set<Class<?>> covered =
        oneOfEach(TicketId.random(), ticket("EW")).stream()
            .map(Object::getClass)
            .collect(Collectors.toSet());
    assertEquals(Set.of(TicketEvent.class.getPermittedSubclasses()), covered);
  }

  @Test
  void everyEventTypeReadsBackAsStored() {
    Tickets tickets = tickets();
    Ticket other = ticket("EO");
    tickets.save(new TicketChange(Optional.empty(), other, List.of(), List.of(), List.of()));
    Ticket created = ticket("EV");
    List<TicketEvent> events = oneOfEach(created.id(), other);
    tickets.save(new TicketChange(Optional.empty(), created, List.of(), events, List.of()));
    assertEquals(events, tickets.history(created.id()));
    assertEquals(
        Arrays.asList(TicketEvent.class.getPermittedSubclasses()).size(),
        tickets.history(created.id()).stream().map(Object::getClass).distinct().count());
  }
}
