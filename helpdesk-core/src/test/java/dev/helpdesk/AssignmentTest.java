package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.AssignmentPolicy.OfflineRule;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.assignment.Assignment;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Assignment through the facade: on opening, from the queue, on availability, reopen, escalation.
 */
class AssignmentTest {

  static final AgentId DOT_ID = AgentId.of("a-dot");
  static final GroupId SUPERVISORS = GroupId.of("supervisors");

  private static DeskFixture desk(UnaryOperator<AssignmentPolicy.Builder> policy) {
    return new DeskFixture(b -> b.assignment(policy.apply(AssignmentPolicy.builder()).build()));
  }

  private static Agent agent(String id, int capacity) {
    return Agent.of(id, "Agent " + id, id + "@desk.example").withCapacity(Capacity.of(capacity));
  }

  private static Ticket open(DeskFixture f, String customer) {
    return f.desk.open(Actor.customer(customer), request(customer).build());
  }

  private static int load(DeskFixture f, AgentId agent) {
    return (int)
        f.tickets.byAssignee(agent, 10_000).stream()
            .filter(t -> t.status() == Status.NEW || t.status() == Status.OPEN)
            .count();
  }

  // ------------------------------------------------------------ freed capacity

  /** Counts how often the unassigned queue is read. */
  private static final class QueueReads extends DelegatingTickets {
    int reads;

    QueueReads(InMemoryTickets real) {
      super(real);
    }

    @Override
    public List<Ticket> unassigned(int limit) {
      reads++;
      return super.unassigned(limit);
    }
  }

  @Test
  void solvingServesTheQueueOnlyWhenItFreesLimitedCapacity() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    QueueReads tickets = new QueueReads(new InMemoryTickets(outbox));
    dev.helpdesk.HelpDesk desk =
        dev.helpdesk.HelpDesk.builder()
            .tickets(tickets, outbox)
            .assignment(AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build())
            .build();
    Actor admin = Actor.system("admin");
    desk.saveAgent(admin, Agent.of("a-free", "Free", "free@desk.example"));
    Ticket first = desk.open(ANA, request("c-ana").build());
    assertEquals(Optional.of(AgentId.of("a-free")), first.assignee());
    int before = tickets.reads;
    desk.changeStatus(Actor.agent("a-free"), first.id(), Status.SOLVED);
    // Without a limit the agent never made anyone wait: the queue is not read.
    assertEquals(before, tickets.reads);

    desk.saveAgent(admin, agent("a-free", 1));
    Ticket second = desk.open(ANA, request("c-ana").build());
    Ticket waiting = desk.open(BOB, request("c-bob").build());
    assertEquals(Optional.empty(), waiting.assignee());
    desk.changeStatus(Actor.agent("a-free"), second.id(), Status.SOLVED);
    // With a limit, the freed slot goes to the waiting ticket at once.
    assertEquals(
        Optional.of(AgentId.of("a-free")), tickets.byId(waiting.id()).orElseThrow().assignee());
  }

  // ------------------------------------------------------------ on opening

  @Test
  void withoutAPolicyNothingIsAssignedAutomatically() {
    DeskFixture f = new DeskFixture();
    Ticket t = f.openByAna();
    assertEquals(Optional.empty(), t.assignee());
    assertEquals(Status.NEW, t.status());
    assertEquals(0, f.desk.assignQueued());
  }

  @Test
  void anOpenedTicketIsAssignedAtOnceAndOpensInOneChange() {
    DeskFixture f = desk(p -> p.strategy(Strategies.leastLoaded()));
    Ticket t = f.openByAna();
    assertEquals(Optional.of(BEA_ID), t.assignee(), "ties go by id when nobody was ever assigned");
    assertEquals(Status.OPEN, t.status());
    List<TicketEvent> history = f.tickets.history(t.id());
    TicketEvent.Assigned assigned =
        history.stream()
            .filter(TicketEvent.Assigned.class::isInstance)
            .map(TicketEvent.Assigned.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(Assignment.SYSTEM, assigned.actor(), "the history names the assignment, not Ana");
    assertEquals(1, t.version(), "created and assigned in one atomic write");
    assertTrue(
        f.deliverHeld().stream().anyMatch(n -> n.kind() == NotificationKind.TICKET_ASSIGNED),
        "the agent is told");
  }

  @Test
  void leastLoadedSpreadsTicketsAndRoundRobinTakesTurns() {
    DeskFixture f = desk(p -> p.strategy(Strategies.roundRobin()));
    List<AgentId> got =
        List.of(open(f, "c-1"), open(f, "c-2"), open(f, "c-3"), open(f, "c-4")).stream()
            .map(t -> t.assignee().orElseThrow())
            .toList();
    assertEquals(List.of(BEA_ID, CAL_ID, BEA_ID, CAL_ID), got);
  }

  @Test
  void awayAndOfflineAgentsGetNoNewTickets() {
    DeskFixture f = desk(p -> p);
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.AWAY);
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket t = f.openByAna();
    assertEquals(Optional.empty(), t.assignee());
    assertEquals(Status.NEW, t.status());
    assertEquals(List.of(t.id()), f.desk.unassignedQueue(BEA).stream().map(Ticket::id).toList());
  }

  @Test
  void aTicketRoutedToAGroupGoesOnlyToItsMembers() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(
        Actor.system("admin"), agent("a-cal", 5).withGroups(Set.of(GroupId.of("payments"))));
    Ticket t = f.desk.open(ANA, request("c-ana").group("payments").build());
    assertEquals(Optional.of(CAL_ID), t.assignee());
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket waiting = f.desk.open(ANA, request("c-ana").group("payments").build());
    assertEquals(Optional.empty(), waiting.assignee(), "Bea is not in payments");
  }

  @Test
  void capacityPerChannelIsRespected() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea", "bea@desk.example")
            .withCapacity(Capacity.of(10).withChannel("CHAT", 1)));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket chat1 = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    Ticket chat2 = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    Ticket mail = f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).build());
    assertEquals(Optional.of(BEA_ID), chat1.assignee());
    assertEquals(Optional.empty(), chat2.assignee(), "one chat at a time");
    assertEquals(Optional.of(BEA_ID), mail.assignee(), "mail has room");
  }

  @Test
  void anAgentAtTheChannelLimitIsPassedOverUntilTheyHaveRoomAgain() {
    DeskFixture f = desk(p -> p);
    Actor admin = Actor.system("admin");
    f.desk.setAvailability(admin, BEA_ID, Availability.OFFLINE);
    f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).build());
    f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).build());
    f.desk.setAvailability(admin, BEA_ID, Availability.ONLINE);
    f.desk.setAvailability(admin, CAL_ID, Availability.OFFLINE);
    Ticket chatA = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    assertEquals(Optional.of(BEA_ID), chatA.assignee());
    // The limit comes after Bea took a chat: from now on she is full on chats, not on mail.
    f.desk.saveAgent(
        admin,
        Agent.of("a-bea", "Bea Agent", "bea@desk.example")
            .withCapacity(Capacity.of(10).withChannel("CHAT", 1)));
    f.desk.setAvailability(admin, CAL_ID, Availability.ONLINE);
    Ticket chatB = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    assertEquals(Optional.of(CAL_ID), chatB.assignee(), "Bea is less loaded but at her chat limit");
    Ticket mail = f.desk.open(ANA, request("c-ana").channel(Channel.EMAIL).build());
    assertEquals(Optional.of(BEA_ID), mail.assignee(), "Bea has room on mail");
    f.desk.changeStatus(BEA, chatA.id(), Status.SOLVED);
    Ticket chatC = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    assertEquals(Optional.of(BEA_ID), chatC.assignee(), "Bea has room on chats again");
    Ticket chatD = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    assertEquals(Optional.of(CAL_ID), chatD.assignee());
  }

  @Test
  void aFailingOrCheatingStrategyLeavesTheTicketQueued() {
    DeskFixture failing =
        desk(
            p ->
                p.strategy(
                    (t, c) -> {
                      throw new IllegalStateException("policy bug");
                    }));
    assertEquals(Optional.empty(), failing.openByAna().assignee());
    DeskFixture cheating = desk(p -> p.strategy((t, c) -> Optional.of(BEA_ID)));
    cheating.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    assertEquals(
        Optional.empty(), cheating.openByAna().assignee(), "an offline agent is not eligible");
  }

  @Test
  void customFiltersBindEveryStrategy() {
    DeskFixture f =
        desk(p -> p.filter((t, c) -> !c.id().equals(BEA_ID)).strategy(Strategies.roundRobin()));
    assertEquals(Optional.of(CAL_ID), open(f, "c-1").assignee());
    assertEquals(Optional.of(CAL_ID), open(f, "c-2").assignee());
  }

  @Test
  void customerAffinityPrefersTheAgentOfThePreviousTicket() {
    DeskFixture f =
        desk(
            p ->
                p.strategy(
                    Strategies.chain(Strategies.customerAffinity(), Strategies.roundRobin())));
    Ticket first = open(f, "c-ana");
    assertEquals(Optional.of(BEA_ID), first.assignee());
    assertEquals(Optional.of(CAL_ID), open(f, "c-bob").assignee());
    assertEquals(Optional.of(BEA_ID), open(f, "c-ana").assignee(), "Ana's agent again");
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    assertEquals(Optional.of(CAL_ID), open(f, "c-ana").assignee(), "falls through when away");
  }

  @Test
  void skillsBasedRoutingNeedsEverySkillOrFallsThrough() {
    DeskFixture f =
        desk(
            p ->
                p.strategy(
                    Strategies.chain(
                        Strategies.skills(Strategies.skillsFromTags(), Strategies.leastLoaded()),
                        Strategies.leastLoaded())));
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-cal", "Cal", "cal@desk.example").withSkills(Set.of("lang:de")));
    f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 5));
    Ticket german = f.desk.open(ANA, request("c-ana").tag("skill:lang:de").build());
    assertEquals(Optional.of(CAL_ID), german.assignee());
    Ticket french = f.desk.open(ANA, request("c-ana").tag("skill:lang:fr").build());
    assertEquals(Optional.of(BEA_ID), french.assignee(), "nobody speaks French: least loaded");
  }

  // ------------------------------------------------------------ capacity and manual assignment

  @Test
  void manualAssignmentRespectsCapacityUnlessAskedExplicitly() {
    DeskFixture f = new DeskFixture();
    f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    Ticket t1 = f.openByAna();
    Ticket t2 = f.openByAna();
    f.desk.assign(BEA, t1.id(), BEA_ID);
    CapacityExceededException e =
        assertThrows(CapacityExceededException.class, () -> f.desk.assign(BEA, t2.id(), BEA_ID));
    assertTrue(e.getMessage().contains("a-bea"), e.getMessage());
    assertEquals(Optional.empty(), f.tickets.byId(t2.id()).orElseThrow().assignee());
    Ticket forced = f.desk.assign(BEA, t2.id(), BEA_ID, true);
    assertEquals(Optional.of(BEA_ID), forced.assignee());
    assertEquals(2, load(f, BEA_ID));
  }

  @Test
  void pendingCountsAsLoadOnlyWhenConfigured() {
    for (boolean countPending : new boolean[] {false, true}) {
      DeskFixture f = desk(p -> p.countPending(countPending));
      f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 1));
      f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
      Ticket t = f.openByAna();
      f.desk.changeStatus(BEA, t.id(), Status.PENDING);
      Ticket next = f.openByAna();
      assertEquals(countPending ? Optional.empty() : Optional.of(BEA_ID), next.assignee());
    }
  }

  // ------------------------------------------------------------ queue and rebalancing

  @Test
  void theQueueIsServedByPriorityThenAgeWhenCapacityFrees() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket busy = f.openByAna();
    Ticket oldNormal = f.openByAna();
    f.clock.advance(Duration.ofMinutes(1));
    Ticket newUrgent = f.desk.open(ANA, request("c-ana").priority(Priority.URGENT).build());
    assertEquals(Optional.of(BEA_ID), busy.assignee());
    assertEquals(
        List.of(newUrgent.id(), oldNormal.id()),
        f.desk.unassignedQueue(BEA).stream().map(Ticket::id).toList());
    f.desk.changeStatus(BEA, busy.id(), Status.SOLVED);
    assertEquals(Optional.of(BEA_ID), f.tickets.byId(newUrgent.id()).orElseThrow().assignee());
    assertEquals(Optional.empty(), f.tickets.byId(oldNormal.id()).orElseThrow().assignee());
  }

  @Test
  void anAgentComingOnlineTakesWaitingTickets() {
    DeskFixture f = desk(p -> p);
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket t1 = f.openByAna();
    f.clock.advance(Duration.ofSeconds(1));
    Ticket t2 = f.openByAna();
    f.desk.saveAgent(
        Actor.system("admin"), agent("a-cal", 1).withAvailability(Availability.OFFLINE));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.ONLINE);
    assertEquals(Optional.of(CAL_ID), f.tickets.byId(t1.id()).orElseThrow().assignee());
    assertEquals(Optional.empty(), f.tickets.byId(t2.id()).orElseThrow().assignee(), "Cal is full");
  }

  @Test
  void movingATicketAwayFreesCapacityForTheQueue() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    f.desk.saveAgent(Actor.system("admin"), agent("a-cal", 0));
    Ticket mine = f.openByAna();
    Ticket waiting = f.openByAna();
    assertEquals(Optional.empty(), waiting.assignee());
    f.desk.assign(BEA, mine.id(), CAL_ID, true);
    assertEquals(Optional.of(BEA_ID), f.tickets.byId(waiting.id()).orElseThrow().assignee());
  }

  @Test
  void goingOfflineKeepsTicketsByDefault() {
    DeskFixture f = desk(p -> p);
    Ticket t = f.openByAna();
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    assertEquals(Optional.of(BEA_ID), f.tickets.byId(t.id()).orElseThrow().assignee());
  }

  @Test
  void goingOfflineRequeuesTicketsWhenConfiguredAndOthersTakeThem() {
    DeskFixture f = desk(p -> p.onOffline(OfflineRule.REQUEUE));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket t1 = f.openByAna();
    Ticket t2 = f.openByAna();
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.ONLINE);
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    assertEquals(Optional.of(CAL_ID), f.tickets.byId(t1.id()).orElseThrow().assignee());
    assertEquals(Optional.of(CAL_ID), f.tickets.byId(t2.id()).orElseThrow().assignee());
    assertEquals(0, load(f, BEA_ID));
  }

  @Test
  void aReopenedTicketGoesBackToItsAgentOnlyIfEligible() {
    DeskFixture f = desk(p -> p);
    Ticket t = f.openByAna();
    assertEquals(Optional.of(BEA_ID), t.assignee());
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    Ticket reopened = f.desk.reply(ANA, t.id(), "Still broken").ticket();
    assertEquals(Status.OPEN, reopened.status());
    assertEquals(Optional.of(BEA_ID), reopened.assignee(), "Bea is online with room");

    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, Availability.OFFLINE);
    Ticket again = f.desk.reply(ANA, t.id(), "Still broken!").ticket();
    assertEquals(Optional.of(CAL_ID), again.assignee(), "Bea is offline: to another agent");

    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket queued = f.desk.reply(ANA, t.id(), "Hello?").ticket();
    assertEquals(Optional.empty(), queued.assignee(), "nobody eligible: back to the queue");
    assertEquals(Status.OPEN, queued.status());
  }

  @Test
  void aReopenedTicketDoesNotPushItsAgentOverCapacity() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket t = f.openByAna();
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    Ticket other = f.openByAna();
    assertEquals(Optional.of(BEA_ID), other.assignee());
    Ticket reopened = f.desk.reply(ANA, t.id(), "Still broken").ticket();
    assertEquals(Optional.empty(), reopened.assignee());
    assertEquals(1, load(f, BEA_ID));
  }

  /**
   * Two desks over one ticket store and one agent store, as two instances over one database: an
   * admin instance that assigns by hand and a working one that assigns automatically. Neither
   * roster sees the other's changes; the store's guard and the recheck keep it right.
   */
  @Test
  void twoDesksSharingOneStoreKeepCapacityAndUseCapacityFreedByTheOther() {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    InMemoryAgents agents = new InMemoryAgents();
    InMemoryTicketKeys keys = new InMemoryTicketKeys();
    HelpDesk admin =
        HelpDesk.builder()
            .clock(clock)
            .tickets(tickets, outbox)
            .agents(agents)
            .ticketKeys(keys)
            .build();
    HelpDesk working =
        HelpDesk.builder()
            .clock(clock)
            .tickets(tickets, outbox)
            .agents(agents)
            .ticketKeys(keys)
            .assignment(AssignmentPolicy.builder().build())
            .build();
    admin.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    working.saveAgent(Actor.system("admin"), agent("a-bea", 1));

    Ticket first = admin.open(ANA, request("c-ana").build());
    admin.assign(BEA, first.id(), BEA_ID);
    Ticket second = working.open(BOB, request("c-bob").build());
    assertEquals(
        Optional.empty(),
        second.assignee(),
        "the working desk chose Bea, whom it thought free; the store refused: queued");
    assertEquals(1, tickets.byAssignee(BEA_ID, 10).size());

    admin.changeStatus(BEA, first.id(), Status.SOLVED);
    assertEquals(Optional.empty(), tickets.byId(second.id()).orElseThrow().assignee());
    assertEquals(1, working.assignQueued(), "the working desk rechecks the agent it was refused");
    assertEquals(Optional.of(BEA_ID), tickets.byId(second.id()).orElseThrow().assignee());
  }

  @Test
  void aScheduledServingOfTheQueueFindsCapacityAnotherDeskFreed() {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets tickets = new InMemoryTickets(outbox);
    InMemoryAgents agents = new InMemoryAgents();
    InMemoryTicketKeys keys = new InMemoryTicketKeys();
    UnaryOperator<HelpDeskBuilder> shared =
        b ->
            b.clock(clock)
                .tickets(tickets, outbox)
                .agents(agents)
                .ticketKeys(keys)
                .assignment(AssignmentPolicy.builder().build());
    HelpDesk one = shared.apply(HelpDesk.builder()).build();
    HelpDesk two = shared.apply(HelpDesk.builder()).build();
    one.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    two.saveAgent(Actor.system("admin"), agent("a-bea", 1));
    Ticket first = one.open(ANA, request("c-ana").build());
    assertEquals(Optional.of(BEA_ID), first.assignee());
    two.changeStatus(BEA, first.id(), Status.SOLVED); // desk one does not hear of it
    Ticket second = one.open(BOB, request("c-bob").build());
    assertEquals(Optional.empty(), second.assignee(), "desk one still holds Bea full");
    assertEquals(1, one.assignQueued(), "the scheduled call reloads Bea's load from the store");
    assertEquals(Optional.of(BEA_ID), tickets.byId(second.id()).orElseThrow().assignee());
  }

  // ------------------------------------------------------------ escalation

  @Test
  void escalationOnRequestGoesToTheAgentsSupervisorsAndIsRecorded() {
    DeskFixture f = desk(p -> p);
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea", "bea@desk.example").withEscalationGroup(Optional.of(SUPERVISORS)));
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-dot", "Dot", "dot@desk.example")
            .withGroups(Set.of(SUPERVISORS))
            .withAvailability(Availability.OFFLINE));
    Ticket t = f.openByAna();
    assertEquals(Optional.of(BEA_ID), t.assignee());
    Ticket waiting = f.desk.escalate(BEA, t.id(), "customer unhappy with the agent");
    assertEquals(Optional.of(SUPERVISORS), waiting.group());
    assertEquals(Optional.empty(), waiting.assignee(), "no supervisor online: queued in the group");
    f.desk.setAvailability(Actor.system("admin"), DOT_ID, Availability.ONLINE);
    assertEquals(Optional.of(DOT_ID), f.tickets.byId(t.id()).orElseThrow().assignee());
    TicketEvent.Escalated e =
        f.tickets.history(t.id()).stream()
            .filter(TicketEvent.Escalated.class::isInstance)
            .map(TicketEvent.Escalated.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of(BEA_ID), e.from());
    assertEquals(SUPERVISORS, e.toGroup());
    assertEquals("customer unhappy with the agent", e.reason());
    assertTrue(
        f.desk.ticket(ANA, t.id()).history().stream()
            .noneMatch(TicketEvent.Escalated.class::isInstance),
        "customers do not see escalations");
  }

  @Test
  void escalationNeedsAGroup() {
    DeskFixture f = desk(p -> p);
    Ticket t = f.openByAna();
    ValidationException e =
        assertThrows(ValidationException.class, () -> f.desk.escalate(BEA, t.id(), "unhappy"));
    assertEquals("escalationGroup", e.field());
  }

  @Test
  @SuppressWarnings("deprecation") // escalateAfterNoReply keeps working as noReply(period, 0)
  void escalationByRuleFiresAfterTheConfiguredTimeWithoutAnAgentReply() {
    DeskFixture f =
        desk(p -> p.escalateAfterNoReply(Duration.ofHours(2)).escalationGroup(SUPERVISORS));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, Availability.OFFLINE);
    Ticket silent = f.openByAna();
    Ticket answered = f.desk.open(BOB, request("c-bob").build());
    assertEquals(Optional.of(BEA_ID), silent.assignee());
    assertEquals(Optional.of(BEA_ID), answered.assignee());
    // The supervisor joins once the tickets are out, so that least-loaded does not give them one.
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-dot", "Dot", "dot@desk.example").withGroups(Set.of(SUPERVISORS)));
    f.desk.reply(BEA, answered.id(), "On it");
    f.clock.advance(Duration.ofMinutes(119));
    assertEquals(0, f.desk.escalateOverdue());
    f.clock.advance(Duration.ofMinutes(1));
    assertEquals(1, f.desk.escalateOverdue());
    Ticket escalated = f.tickets.byId(silent.id()).orElseThrow();
    assertEquals(Optional.of(DOT_ID), escalated.assignee());
    assertEquals(Optional.of(BEA_ID), f.tickets.byId(answered.id()).orElseThrow().assignee());
    f.clock.advance(Duration.ofHours(5));
    assertEquals(0, f.desk.escalateOverdue(), "escalated once by the rule");
  }

  // ------------------------------------------------------------ agent model

  @Test
  void agentDefaultsKeepOldCodeWorking() {
    Agent a = Agent.of("a-x", "X", "x@desk.example");
    assertEquals(Availability.ONLINE, a.availability());
    assertTrue(a.capacity().isUnlimited());
    assertEquals(Set.of(), a.skills());
    assertEquals(Optional.empty(), a.escalationGroup());
  }

  @Test
  void agentAndCapacityValidate() {
    assertEquals(
        "capacity", assertThrows(ValidationException.class, () -> Capacity.of(-1)).field());
    assertEquals(
        "capacity.perChannel",
        assertThrows(ValidationException.class, () -> Capacity.of(1).withChannel("chat room", 1))
            .field());
    assertEquals(
        "skills",
        assertThrows(
                ValidationException.class,
                () -> Agent.of("a", "A", "a@x.example").withSkills(Set.of("Bad Skill")))
            .field());
    assertEquals(
        Set.of("lang:de"),
        Agent.of("a", "A", "a@x.example").withSkills(Set.of("LANG:DE")).skills());
    assertEquals(1, Capacity.of(3).withChannel("chat", 1).limitOf("CHAT").getAsInt());
    assertFalse(Capacity.of(3).limitOf("EMAIL").isPresent());
  }
}
