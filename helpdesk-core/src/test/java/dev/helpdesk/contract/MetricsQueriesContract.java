package dev.helpdesk.contract;

import static dev.helpdesk.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsQueries;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.TimeRange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricsQueries} adapter must answer, over the facts its ticket store records
 * with each change ({@link dev.helpdesk.metrics.MetricFacts}): counts, averages and maxima over
 * half-open ranges, first replies and solves once per ticket, nothing of a refused change, and the
 * load and queues as the tickets stand. Subclass it with a fresh ticket store and its metrics for
 * each test. Instants are whole seconds.
 */
public abstract class MetricsQueriesContract {

  /** An empty ticket store for the current test. */
  protected abstract Tickets tickets();

  /** The metrics of the store {@link #tickets()} returned. */
  protected abstract MetricsQueries metrics();

  private static final StatusTransitions RULES = StatusTransitions.defaults();
  private static final AgentId A1 = AgentId.of("a-1");
  private static final AgentId A2 = AgentId.of("a-2");
  private static final GroupId RAIL = GroupId.of("rail");
  private static final GroupId HOTEL = GroupId.of("hotel");
  private static final TimeRange ALL = new TimeRange(T0.minus(Duration.ofDays(1)), at(1_000));

  private Tickets store;
  private MetricsQueries metrics;
  private long nextKey = 5000;

  @BeforeEach
  void createStore() {
    store = tickets();
    metrics = metrics();
  }

  @Test
  void openedCountsTheTicketsOpenedInTheHalfOpenRange() {
    open("c-1", at(0));
    open("c-1", at(60));
    open("c-2", at(120));

    assertEquals(2, metrics.opened(range(0, 120)));
    assertEquals(1, metrics.opened(range(120, 121)));
    assertEquals(0, metrics.opened(range(121, 500)));
    assertEquals(3, metrics.opened(ALL));
  }

  @Test
  void firstReplyIsTheFirstPublicAgentReplyAfterTheOpening() {
    // Opened by an agent on the customer's behalf: the opening message is no reply.
    Ticket a = open("c-1", Actor.agent(A1), at(0));
    a = update(a, Actor.customer("c-1"), at(5), e -> e.addMessage(message("c-1", at(5))));
    a = update(a, agent(A1), at(10), e -> e.addMessage(note(A1, at(10))));
    a = update(a, Actor.system("intake"), at(20), e -> e.addMessage(system(at(20))));
    a = update(a, agent(A1), at(30), e -> e.addMessage(reply(A1, at(30))));
    update(a, agent(A2), at(40), e -> e.addMessage(reply(A2, at(40))));
    Ticket b = open("c-2", at(10));
    update(b, agent(A2), at(100), e -> e.addMessage(reply(A2, at(100))));

    assertEquals(stats(minutes(30), minutes(90)), metrics.firstReply(ALL));
    assertEquals(stats(minutes(30)), metrics.firstReply(range(0, 100)));
    assertEquals(DurationStats.NONE, metrics.firstReply(range(31, 100)), "the second reply");
    assertEquals(stats(minutes(90)), metrics.firstReply(range(100, 101)));
  }

  @Test
  void theFirstReplyOfAChangeWithSeveralCountsOnce() {
    Ticket a = open("c-1", at(0));
    update(
        a, agent(A1), at(10), e -> e.addMessage(reply(A1, at(10))).addMessage(reply(A1, at(10))));

    assertEquals(stats(minutes(10)), metrics.firstReply(ALL));
  }

  @Test
  void resolutionRunsFromOpeningToTheFirstSolveAndReopeningsAreCounted() {
    Ticket a = open("c-1", at(0));
    a = update(a, agent(A1), at(240), e -> e.assign(A1).changeStatus(Status.SOLVED));
    a = update(a, Actor.customer("c-1"), at(300), e -> e.addMessage(message("c-1", at(300))));
    a = update(a, agent(A1), at(360), e -> e.changeStatus(Status.SOLVED));
    a = update(a, agent(A1), at(400), e -> e.changeStatus(Status.OPEN));
    update(a, agent(A1), at(410), e -> e.changeStatus(Status.PENDING));
    Ticket b = open("c-2", at(60));
    update(b, agent(A2), at(120), e -> e.assign(A2).changeStatus(Status.SOLVED));

    assertEquals(stats(minutes(240), minutes(60)), metrics.resolution(ALL));
    assertEquals(DurationStats.NONE, metrics.resolution(range(241, 500)), "solved again");
    assertEquals(2, metrics.reopens(ALL));
    assertEquals(1, metrics.reopens(range(300, 400)));
    assertEquals(1, metrics.reopens(range(400, 401)));
  }

  @Test
  void averagesAreTruncatedToWholeMicroseconds() {
    open("c-1", at(0), t -> update(t, agent(A1), at(0).plusSeconds(1), reply(A1)));
    open("c-1", at(0), t -> update(t, agent(A1), at(0).plusSeconds(1), reply(A1)));
    open("c-1", at(0), t -> update(t, agent(A1), at(0).plusSeconds(2), reply(A1)));

    DurationStats s = metrics.firstReply(ALL);
    assertEquals(3, s.count());
    assertEquals(Optional.of(Duration.ofNanos(1_333_333_000)), s.average());
    assertEquals(Optional.of(Duration.ofSeconds(2)), s.max());
  }

  @Test
  void slaCyclesCountAsMetWhenTheyEndAndAsBreachedWhenTheyFallDue() {
    Ticket a = open("c-1", at(0));
    a =
        update(
            a,
            Actor.system("sla"),
            at(50),
            e ->
                e.slaMet(SlaTarget.FIRST_REPLY, 1, at(60))
                    .slaBreached(SlaTarget.RESOLUTION, 1, at(40)));
    update(
        a,
        Actor.system("sla"),
        at(200),
        e ->
            e.slaBreached(SlaTarget.NEXT_REPLY, 1, at(150))
                .slaMet(SlaTarget.NEXT_REPLY, 2, at(300))
                .slaMet(SlaTarget.PERIODIC_UPDATE, 1, at(300)));

    Map<SlaTarget, SlaCompliance> all = metrics.slaCompliance(ALL);
    assertEquals(
        sla(
            Map.of(
                SlaTarget.FIRST_REPLY, new SlaCompliance(1, 0),
                SlaTarget.RESOLUTION, new SlaCompliance(0, 1),
                SlaTarget.NEXT_REPLY, new SlaCompliance(1, 1),
                SlaTarget.PERIODIC_UPDATE, new SlaCompliance(1, 0))),
        all);
    assertEquals(
        sla(Map.of(SlaTarget.RESOLUTION, new SlaCompliance(0, 1))),
        metrics.slaCompliance(range(40, 50)),
        "a breach counts when the cycle fell due");
    assertEquals(
        sla(Map.of(SlaTarget.FIRST_REPLY, new SlaCompliance(1, 0))),
        metrics.slaCompliance(range(50, 150)));
    assertEquals(sla(Map.of()), metrics.slaCompliance(range(201, 300)));
  }

  @Test
  void ratingsCountOverallPerAgentAndPerGroupAsRecorded() {
    rated("c-1", A1, Optional.of(RAIL), Rating.GOOD, at(10));
    rated("c-1", A1, Optional.of(RAIL), Rating.BAD, at(20));
    rated("c-2", A1, Optional.of(HOTEL), Rating.GOOD, at(30));
    rated("c-2", A2, Optional.empty(), Rating.GOOD, at(40));

    assertEquals(new SatisfactionScore(3, 1), metrics.satisfaction(ALL));
    assertEquals(
        Map.of(A1, new SatisfactionScore(2, 1), A2, new SatisfactionScore(1, 0)),
        metrics.satisfactionByAgent(ALL));
    assertEquals(
        Map.of(RAIL, new SatisfactionScore(1, 1), HOTEL, new SatisfactionScore(1, 0)),
        metrics.satisfactionByGroup(ALL));
    assertEquals(new SatisfactionScore(1, 1), metrics.satisfaction(range(20, 40)));
    assertEquals(
        Map.of(A1, new SatisfactionScore(1, 1)), metrics.satisfactionByAgent(range(20, 40)));
    assertEquals(Map.of(), metrics.satisfactionByAgent(range(41, 100)));
    assertEquals(Map.of(), metrics.satisfactionByGroup(range(41, 100)));
  }

  @Test
  void loadAndQueuesCountTheTicketsAsTheyStandNow() {
    Ticket a = open("c-1", Priority.HIGH, at(0));
    open("c-1", Priority.HIGH, at(1));
    open("c-2", Priority.LOW, at(2));
    Ticket d = open("c-2", Priority.URGENT, at(3));
    Ticket e = open("c-2", Priority.NORMAL, at(4));
    update(a, agent(A1), at(5), x -> x.assign(A1));
    d = update(d, agent(A1), at(5), x -> x.assign(A1).changeStatus(Status.PENDING));
    e = update(e, agent(A2), at(5), x -> x.assign(A2).changeStatus(Status.SOLVED));

    assertEquals(Map.of(A1, 2L), metrics.loadByAgent());
    assertEquals(priorities(1, 0, 1, 0), metrics.queueByPriority());
    assertEquals(priorities(1, 0, 2, 1), metrics.unsolvedByPriority());

    update(d, agent(A1), at(6), x -> x.changePriority(Priority.LOW).unassign());
    update(e, Actor.customer("c-2"), at(6), x -> x.addMessage(message("c-2", at(6))));

    assertEquals(Map.of(A1, 1L, A2, 1L), metrics.loadByAgent());
    assertEquals(priorities(2, 0, 1, 0), metrics.queueByPriority());
    assertEquals(priorities(2, 1, 2, 0), metrics.unsolvedByPriority());
  }

  @Test
  void aRefusedChangeRecordsNoFactAndDoesNotMoveTheCounts() {
    Ticket a = open("c-1", at(0));
    Ticket b = open("c-1", at(0));
    update(b, agent(A1), at(1), x -> x.changePriority(Priority.URGENT));
    TicketChange reply = edit(a, agent(A1), at(10)).assign(A1).addMessage(reply(A1, at(10))).done();
    TicketChange stale = edit(b, agent(A1), at(10)).assign(A1).changeStatus(Status.SOLVED).done();

    assertThrows(ConcurrentUpdateException.class, () -> store.saveAll(List.of(reply, stale)));

    assertEquals(DurationStats.NONE, metrics.firstReply(ALL));
    assertEquals(DurationStats.NONE, metrics.resolution(ALL));
    assertEquals(Map.of(), metrics.loadByAgent());
    assertEquals(priorities(0, 1, 0, 1), metrics.queueByPriority());
  }

  @Test
  void factsOfChangesSavedTogetherAreAllRecorded() {
    Ticket a = open("c-1", at(0));
    Ticket b = open("c-1", at(0));
    store.saveAll(
        List.of(
            edit(a, agent(A1), at(10)).assign(A1).addMessage(reply(A1, at(10))).done(),
            edit(b, agent(A1), at(10)).assign(A1).changeStatus(Status.SOLVED).done()));

    assertEquals(stats(minutes(10)), metrics.firstReply(ALL));
    assertEquals(stats(minutes(10)), metrics.resolution(ALL));
    assertEquals(Map.of(A1, 1L), metrics.loadByAgent());
  }

  // ---------------------------------------------------------------------------------------------

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static TimeRange range(int fromMinutes, int toMinutes) {
    return new TimeRange(at(fromMinutes), at(toMinutes));
  }

  private static Duration minutes(int n) {
    return Duration.ofMinutes(n);
  }

  private static DurationStats stats(Duration... durations) {
    Duration total = Duration.ZERO;
    Duration max = Duration.ZERO;
    for (Duration d : durations) {
      total = total.plus(d);
      max = d.compareTo(max) > 0 ? d : max;
    }
    return new DurationStats(
        durations.length, Optional.of(total.dividedBy(durations.length)), Optional.of(max));
  }

  private static Map<SlaTarget, SlaCompliance> sla(Map<SlaTarget, SlaCompliance> some) {
    Map<SlaTarget, SlaCompliance> all = new EnumMap<>(SlaTarget.class);
    for (SlaTarget t : SlaTarget.values()) {
      all.put(t, some.getOrDefault(t, SlaCompliance.NONE));
    }
    return all;
  }

  private static Map<Priority, Long> priorities(long low, long normal, long high, long urgent) {
    Map<Priority, Long> all = new EnumMap<>(Priority.class);
    all.put(Priority.LOW, low);
    all.put(Priority.NORMAL, normal);
    all.put(Priority.HIGH, high);
    all.put(Priority.URGENT, urgent);
    return all;
  }

  private static Actor agent(AgentId id) {
    return Actor.agent(id);
  }

  private Ticket open(String requester, Instant at) {
    return open(requester, Actor.customer(requester), Priority.NORMAL, at);
  }

  private Ticket open(String requester, Priority priority, Instant at) {
    return open(requester, Actor.customer(requester), priority, at);
  }

  private Ticket open(String requester, Actor by, Instant at) {
    return open(requester, by, Priority.NORMAL, at);
  }

  private Ticket open(String requester, Instant at, UnaryOperator<Ticket> then) {
    return then.apply(open(requester, at));
  }

  private Ticket open(String requester, Actor by, Priority priority, Instant at) {
    NewTicket request =
        NewTicket.builder()
            .requester(requester, "Customer " + requester, requester + "@example.com")
            .subject("Refund for a cancelled train")
            .description("My train was cancelled.")
            .priority(priority)
            .build();
    TicketChange change =
        TicketEdit.open(
                TicketId.random(),
                TicketKey.of("MQ", nextKey++),
                request,
                Optional.empty(),
                by,
                at,
                RULES)
            .addMessage(
                new Message(
                    MessageId.random(),
                    by,
                    Visibility.PUBLIC,
                    "My train was cancelled.",
                    List.of(),
                    at))
            .done();
    store.save(change);
    return change.after();
  }

  private void rated(
      String requester, AgentId agent, Optional<GroupId> group, Rating rating, Instant at) {
    Ticket t = open(requester, at.minusSeconds(60));
    t = update(t, agent(agent), at.minusSeconds(30), e -> e.assign(agent).changeGroup(group));
    t = update(t, agent(agent), at.minusSeconds(30), e -> e.changeStatus(Status.SOLVED));
    update(t, Actor.customer(requester), at, e -> e.rated(rating, ""));
  }

  private static TicketEdit edit(Ticket t, Actor by, Instant at) {
    return TicketEdit.of(t, by, at, RULES);
  }

  private Ticket update(Ticket t, Actor by, Instant at, UnaryOperator<TicketEdit> operations) {
    TicketChange change = operations.apply(edit(t, by, at)).done();
    store.save(change);
    return change.after();
  }

  private Ticket update(Ticket t, Actor by, Instant at, Message message) {
    return update(t, by, at, e -> e.addMessage(message));
  }

  private static Message reply(AgentId agent, Instant at) {
    return new Message(
        MessageId.random(), Actor.agent(agent), Visibility.PUBLIC, "Refunded.", List.of(), at);
  }

  private static Message reply(AgentId agent) {
    return new Message(
        MessageId.random(), Actor.agent(agent), Visibility.PUBLIC, "Refunded.", List.of(), T0);
  }

  private static Message note(AgentId agent, Instant at) {
    return new Message(
        MessageId.random(), Actor.agent(agent), Visibility.INTERNAL, "Check.", List.of(), at);
  }

  private static Message system(Instant at) {
    return new Message(
        MessageId.random(),
        Actor.system("intake"),
        Visibility.PUBLIC,
        "We received your message.",
        List.of(),
        at);
  }

  private static Message message(String customer, Instant at) {
    return new Message(
        MessageId.random(),
        Actor.customer(customer),
        Visibility.PUBLIC,
        "Any news?",
        List.of(),
        at);
  }
}
