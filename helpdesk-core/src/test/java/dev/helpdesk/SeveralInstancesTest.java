package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.NoReplyDeadline;
import dev.helpdesk.assignment.NoReplyDeadlines;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryNoReplyDeadlines;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs run on every instance of an application over one store. Each test lets the
 * other instance do the work between this instance's query and its change (the race two schedulers
 * meet when their runs overlap): the work is done once, and only the instance that did it counts
 * it.
 */
class SeveralInstancesTest {

  private static final Actor ADMIN = Actor.system("admin");
  private static final Actor BEA = Actor.agent("a-bea");
  private static final AgentId BEA_ID = AgentId.of("a-bea");
  private static final GroupId SUPERVISORS = GroupId.of("supervisors");

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryTickets tickets = new InMemoryTickets(outbox);
  private final InMemoryAgents agents = new InMemoryAgents();
  private final InMemoryTicketKeys keys = new InMemoryTicketKeys();

  /** Runs the other instance's job once, the first time this instance's store is read for it. */
  private static final class Race {
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger otherDid = new AtomicInteger(-1);
    private IntSupplier other;

    void otherRunsFirst() {
      if (armed.compareAndSet(true, false)) {
        otherDid.set(other.getAsInt());
      }
    }

    /** Runs {@code mine} with {@code other} racing it; returns what {@code mine} reported. */
    int run(IntSupplier mine, IntSupplier other) {
      this.other = other;
      armed.set(true);
      int did = mine.getAsInt();
      assertEquals(false, armed.get(), "the race was run");
      return did;
    }
  }

  private final InMemoryNoReplyDeadlines deadlines = new InMemoryNoReplyDeadlines();

  private HelpDesk desk(Tickets store, AssignmentPolicy policy) {
    return desk(store, policy, deadlines);
  }

  private HelpDesk desk(Tickets store, AssignmentPolicy policy, NoReplyDeadlines noReply) {
    return HelpDesk.builder()
        .clock(clock)
        .tickets(store, outbox)
        .noReplyDeadlines(noReply)
        .agents(agents)
        .ticketKeys(keys)
        .notifier(n -> {})
        .assignment(policy)
        .build();
  }

  private static Ticket open(HelpDesk desk, String customer) {
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Name of " + customer, customer + "@example.com")
            .subject("Seat missing")
            .build());
  }

  private long eventsOf(TicketId id, Class<? extends TicketEvent> kind) {
    return tickets.history(id).stream().filter(kind::isInstance).count();
  }

  @Test
  void aSolvedTicketIsClosedAndCountedByOneInstance() {
    Race race = new Race();
    HelpDesk one = desk(tickets, AssignmentPolicy.manual());
    HelpDesk two =
        desk(
            new DelegatingTickets(tickets) {
              @Override
              public List<Ticket> solvedBefore(Instant cutoff, int limit) {
                List<Ticket> due = super.solvedBefore(cutoff, limit);
                race.otherRunsFirst();
                return due;
              }
            },
            AssignmentPolicy.manual());
    one.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = one.assign(BEA, open(one, "c-ana").id(), BEA_ID);
    one.changeStatus(BEA, t.id(), Status.SOLVED);
    clock.advance(Duration.ofDays(5));

    int byTwo = race.run(two::closeSolvedTickets, one::closeSolvedTickets);

    assertEquals(1, race.otherDid.get());
    assertEquals(0, byTwo, "the ticket the other instance closed is not counted again");
    assertEquals(Status.CLOSED, tickets.byId(t.id()).orElseThrow().status());
  }

  @Test
  void anOverdueTicketIsEscalatedAndCountedByOneInstance() {
    Race race = new Race();
    AssignmentPolicy policy =
        AssignmentPolicy.builder()
            .noReply(Duration.ofHours(2), 0)
            .escalationGroup(SUPERVISORS)
            .build();
    HelpDesk one = desk(tickets, policy);
    HelpDesk two =
        desk(
            new DelegatingTickets(tickets) {
              @Override
              public List<TicketEvent> history(TicketId id) {
                List<TicketEvent> history = super.history(id);
                race.otherRunsFirst();
                return history;
              }
            },
            policy,
            // Instance two stalls past its claim: the other instance may claim the ticket again.
            new NoReplyDeadlines() {
              @Override
              public void save(NoReplyDeadline deadline) {
                deadlines.save(deadline);
              }

              @Override
              public void remove(TicketId ticketId, long ticketVersion) {
                deadlines.remove(ticketId, ticketVersion);
              }

              @Override
              public Optional<NoReplyDeadline> byTicket(TicketId ticketId) {
                return deadlines.byTicket(ticketId);
              }

              @Override
              public List<TicketId> claimDue(Instant now, int limit, Instant claimedUntil) {
                return deadlines.claimDue(now, limit, now);
              }
            });
    Agent bea = Agent.of("a-bea", "Bea", "bea@desk.example");
    one.saveAgent(ADMIN, bea);
    two.saveAgent(ADMIN, bea);
    Ticket t = open(one, "c-ana");
    assertEquals(Optional.of(BEA_ID), t.assignee());
    Agent dot = Agent.of("a-dot", "Dot", "dot@desk.example").withGroups(Set.of(SUPERVISORS));
    one.saveAgent(ADMIN, dot);
    two.saveAgent(ADMIN, dot);
    clock.advance(Duration.ofHours(3));

    int byTwo = race.run(two::escalateOverdue, one::escalateOverdue);

    assertEquals(1, race.otherDid.get());
    assertEquals(0, byTwo, "the ticket the other instance escalated is not counted again");
    assertEquals(1, eventsOf(t.id(), TicketEvent.Escalated.class));
  }

  @Test
  void aQueuedTicketIsAssignedAndCountedByOneInstance() {
    Race race = new Race();
    AssignmentPolicy policy = AssignmentPolicy.builder().build();
    HelpDesk one = desk(tickets, policy);
    HelpDesk two =
        desk(
            new DelegatingTickets(tickets) {
              @Override
              public List<Ticket> unassigned(int limit) {
                List<Ticket> waiting = super.unassigned(limit);
                race.otherRunsFirst();
                return waiting;
              }
            },
            policy);
    // A third instance with manual assignment frees capacity without serving the queue itself,
    // as a change on an instance whose queue serving lost its race would.
    HelpDesk manual = desk(tickets, AssignmentPolicy.manual());
    Agent bea = Agent.of("a-bea", "Bea", "bea@desk.example").withCapacity(Capacity.of(1));
    one.saveAgent(ADMIN, bea);
    two.saveAgent(ADMIN, bea);
    Ticket first = open(one, "c-ana");
    Ticket waiting = open(one, "c-bob");
    assertEquals(Optional.of(BEA_ID), first.assignee());
    assertEquals(Optional.empty(), waiting.assignee());
    manual.changeStatus(BEA, first.id(), Status.SOLVED);

    int byTwo = race.run(two::assignQueued, one::assignQueued);

    assertEquals(1, race.otherDid.get());
    assertEquals(0, byTwo, "the ticket the other instance assigned is not counted again");
    assertEquals(Optional.of(BEA_ID), tickets.byId(waiting.id()).orElseThrow().assignee());
    assertEquals(1, eventsOf(waiting.id(), TicketEvent.Assigned.class));
  }
}
