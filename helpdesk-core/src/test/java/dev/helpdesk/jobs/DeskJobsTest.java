package dev.helpdesk.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeskJobsTest {

  private static final Actor ADMIN = Actor.system("admin");
  private static final Actor BEA = Actor.agent("a-bea");
  private static final AgentId BEA_ID = AgentId.of("a-bea");
  private static final GroupId SUPERVISORS = GroupId.of("supervisors");

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryTickets tickets = new InMemoryTickets(outbox);
  private final InMemoryAgents agents = new InMemoryAgents();
  private final InMemoryTicketKeys keys = new InMemoryTicketKeys();
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  private HelpDesk desk(UnaryOperator<HelpDeskBuilder> customize) {
    return customize
        .apply(
            HelpDesk.builder()
                .clock(clock)
                .tickets(tickets, outbox)
                .agents(agents)
                .ticketKeys(keys)
                .notifier(sent::add))
        .build();
  }

  private static SlaSettings firstReplyWithinAnHour() {
    return SlaSettings.builder(BusinessCalendar.alwaysOpen())
        .policy(SlaPolicy.named("all").firstReply(Duration.ofHours(1)).build())
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

  private static DeskJob named(List<DeskJob> jobs, String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  private long eventsOf(Ticket t, Class<? extends TicketEvent> kind) {
    return tickets.history(t.id()).stream().filter(kind::isInstance).count();
  }

  @Test
  void standardBuildsTheDesksJobsAtTheirIntervals() {
    List<DeskJob> jobs = DeskJobs.standard(desk(b -> b), JobIntervals.production());
    Map<String, Duration> intervals =
        jobs.stream().collect(Collectors.toMap(DeskJob::name, DeskJob::interval));
    assertEquals(
        List.of(
            DeskJobs.DISPATCH,
            DeskJobs.QUEUE,
            DeskJobs.ESCALATION,
            DeskJobs.CLOSE_SWEEP,
            DeskJobs.PENDING_FOLLOW_UP),
        jobs.stream().map(DeskJob::name).toList(),
        "no SLA monitor on a desk without SLA settings, no retention on a desk without one, and no"
            + " mail poll: that is the caller's");
    assertEquals(Duration.ofSeconds(5), intervals.get(DeskJobs.DISPATCH));
    assertEquals(Duration.ofSeconds(30), intervals.get(DeskJobs.QUEUE));
    assertEquals(Duration.ofMinutes(5), intervals.get(DeskJobs.ESCALATION));
    assertEquals(Duration.ofMinutes(15), intervals.get(DeskJobs.CLOSE_SWEEP));
    assertEquals(Duration.ofMinutes(5), intervals.get(DeskJobs.PENDING_FOLLOW_UP));
  }

  @Test
  void aDeskWithSlaSettingsGetsTheSlaMonitor() {
    List<DeskJob> jobs =
        DeskJobs.standard(
            desk(b -> b.sla(firstReplyWithinAnHour())),
            JobIntervals.production().with(DeskJobs.SLA_MONITOR, Duration.ofSeconds(20)));
    assertEquals(DeskJobs.SLA_MONITOR, jobs.get(1).name());
    assertEquals(Duration.ofSeconds(20), jobs.get(1).interval());
  }

  @Test
  void aJobSwitchedOffIsLeftOut() {
    List<DeskJob> jobs =
        DeskJobs.standard(
            desk(b -> b.sla(firstReplyWithinAnHour())),
            JobIntervals.production().without(DeskJobs.QUEUE).without(DeskJobs.SLA_MONITOR));
    assertEquals(
        List.of(
            DeskJobs.DISPATCH,
            DeskJobs.ESCALATION,
            DeskJobs.CLOSE_SWEEP,
            DeskJobs.PENDING_FOLLOW_UP),
        jobs.stream().map(DeskJob::name).toList());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theSchedulerDispatchesADueNotification() throws Exception {
    CountDownLatch delivered = new CountDownLatch(1);
    HelpDesk desk =
        desk(
            b ->
                b.notifier(
                    n -> {
                      sent.add(n);
                      delivered.countDown();
                    }));
    Ticket t = open(desk, "c-ana");
    JobIntervals fast = JobIntervals.production().with(DeskJobs.DISPATCH, Duration.ofMillis(5));
    DeskScheduler scheduler = DeskScheduler.start(DeskJobs.standard(desk, fast));
    try {
      assertTrue(delivered.await(10, TimeUnit.SECONDS));
    } finally {
      scheduler.close();
    }
    assertEquals(NotificationKind.TICKET_RECEIVED, sent.get(0).kind());
    assertEquals(t.id(), sent.get(0).ticketId());
  }

  @Test
  void theSlaMonitorJobRecordsABreach() {
    HelpDesk desk = desk(b -> b.sla(firstReplyWithinAnHour()));
    Ticket t = open(desk, "c-ana");
    DeskJob monitor =
        named(DeskJobs.standard(desk, JobIntervals.production()), DeskJobs.SLA_MONITOR);
    clock.advance(Duration.ofHours(2));
    assertTrue(monitor.runOnce() >= 1);
    assertEquals(1, eventsOf(t, TicketEvent.SlaBreached.class));
  }

  @Test
  void theRetentionJobErasesATicketClosedLongerAgoThanTheRetention() {
    HelpDesk desk = desk(b -> b.eraseClosedTicketsAfterMonths(1));
    desk.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = desk.assign(BEA, open(desk, "c-ana").id(), BEA_ID);
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.changeStatus(BEA, t.id(), Status.CLOSED);
    DeskJob retention =
        named(DeskJobs.standard(desk, JobIntervals.production()), DeskJobs.RETENTION);
    assertEquals(Duration.ofHours(1), retention.interval());
    assertEquals(0, retention.runOnce());
    clock.advance(Duration.ofDays(32));
    assertEquals(1, retention.runOnce());
    assertEquals(
        dev.helpdesk.privacy.Erasure.PLACEHOLDER, tickets.byId(t.id()).orElseThrow().subject());
  }

  @Test
  void theCloseSweepJobClosesASolvedTicket() {
    HelpDesk desk = desk(b -> b);
    desk.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = desk.assign(BEA, open(desk, "c-ana").id(), BEA_ID);
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    DeskJob sweep = named(DeskJobs.standard(desk, JobIntervals.production()), DeskJobs.CLOSE_SWEEP);
    clock.advance(Duration.ofDays(5));
    assertEquals(1, sweep.runOnce());
    assertEquals(Status.CLOSED, tickets.byId(t.id()).orElseThrow().status());
  }

  @Test
  void theEscalationJobEscalatesAnUnansweredTicket() {
    HelpDesk desk =
        desk(
            b ->
                b.assignment(
                    AssignmentPolicy.builder()
                        .noReply(Duration.ofHours(2), 0)
                        .escalationGroup(SUPERVISORS)
                        .build()));
    desk.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = open(desk, "c-ana");
    desk.saveAgent(
        ADMIN, Agent.of("a-dot", "Dot", "dot@desk.example").withGroups(Set.of(SUPERVISORS)));
    DeskJob escalation =
        named(DeskJobs.standard(desk, JobIntervals.production()), DeskJobs.ESCALATION);
    clock.advance(Duration.ofHours(3));
    assertEquals(1, escalation.runOnce());
    assertEquals(1, eventsOf(t, TicketEvent.Escalated.class));
  }

  @Test
  void theQueueJobServesCapacityFreedByAnotherInstance() {
    HelpDesk desk = desk(b -> b.assignment(AssignmentPolicy.builder().build()));
    // Another instance of the application, over the same store, assigning by hand only.
    HelpDesk other = desk(b -> b);
    desk.saveAgent(
        ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example").withCapacity(Capacity.of(1)));
    Ticket first = open(desk, "c-ana");
    Ticket waiting = open(desk, "c-bob");
    assertEquals(Optional.empty(), waiting.assignee());
    other.changeStatus(BEA, first.id(), Status.SOLVED);
    DeskJob queue = named(DeskJobs.standard(desk, JobIntervals.production()), DeskJobs.QUEUE);
    assertEquals(1, queue.runOnce());
    assertEquals(Optional.of(BEA_ID), tickets.byId(waiting.id()).orElseThrow().assignee());
  }
}
