package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.memory.InMemoryChangeRelay;
import dev.helpdesk.memory.InMemoryCustomers;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTicketKeys;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two desks over shared in-memory stores, connected by an {@link InMemoryChangeRelay}: what one
 * stores reaches the live subscribers of the other, complete, in version order and once; and the
 * assignment roster of one hears of capacity freed and agents saved on the other.
 */
@Timeout(30)
class ChangeRelayTest {

  private static final Actor ADMIN = Actor.system("admin");
  private static final Actor BEA = Actor.agent("a-bea");
  private static final AgentId BEA_ID = AgentId.of("a-bea");
  private static final Actor ANA = Actor.customer("c-ana");

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryTickets tickets = new InMemoryTickets(outbox);
  private final InMemoryAgents agents = new InMemoryAgents();
  private final InMemoryCustomers customers = new InMemoryCustomers();
  private final InMemoryTicketKeys keys = new InMemoryTicketKeys();
  private final InMemoryChangeRelay relay = new InMemoryChangeRelay();
  private final List<HelpDesk> desks = new ArrayList<>();

  private HelpDesk desk(UnaryOperator<HelpDeskBuilder> customize) {
    HelpDesk desk =
        customize
            .apply(
                HelpDesk.builder()
                    .tickets(tickets, outbox)
                    .agents(agents)
                    .customers(customers)
                    .ticketKeys(keys)
                    .notifier(n -> {})
                    .changeRelay(relay.instance()))
            .build();
    desks.add(desk);
    return desk;
  }

  @AfterEach
  void close() {
    desks.forEach(HelpDesk::close);
  }

  private static Ticket open(HelpDesk desk, String customer) {
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Name of " + customer, customer + "@example.com")
            .subject("Seat missing")
            .build());
  }

  private static void await(BooleanSupplier condition, Object what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aCustomerSubscribedOnOneInstanceSeesTheReplyWrittenOnTheOther() throws Exception {
    HelpDesk a = desk(b -> b);
    HelpDesk b = desk(d -> d);
    a.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = open(a, "c-ana");
    List<LiveUpdate> heard = new CopyOnWriteArrayList<>();
    b.subscribe(ANA, t.id(), heard::add);

    Message reply = a.reply(BEA, t.id(), "Your seat is 42A").message();
    a.note(BEA, t.id(), "customers never see this");
    Message own = b.reply(Actor.customer("c-ana"), t.id(), "Thanks").message();

    await(
        () -> heard.stream().filter(u -> u instanceof LiveUpdate.MessagePosted).count() >= 2,
        "the customer heard both replies");
    Thread.sleep(50); // nothing more may come
    List<Object> messages =
        heard.stream()
            .filter(u -> u instanceof LiveUpdate.MessagePosted)
            .map(u -> ((LiveUpdate.MessagePosted) u).message().id())
            .map(Object.class::cast)
            .toList();
    assertEquals(List.of(reply.id(), own.id()), messages);
    assertTrue(heard.stream().noneMatch(u -> u instanceof LiveUpdate.Overflow));
  }

  @Test
  void interleavedChangesOnBothInstancesReachEverySubscriberCompleteInOrderAndOnce()
      throws Exception {
    HelpDesk a = desk(b -> b);
    HelpDesk b = desk(d -> d);
    a.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    List<Ticket> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(open(i % 2 == 0 ? a : b, "c-" + i));
    }
    Map<HelpDesk, Map<TicketId, List<String>>> heard = new ConcurrentHashMap<>();
    for (HelpDesk desk : List.of(a, b)) {
      Map<TicketId, List<String>> perTicket = new ConcurrentHashMap<>();
      heard.put(desk, perTicket);
      for (Ticket t : opened) {
        List<String> bodies = new CopyOnWriteArrayList<>();
        perTicket.put(t.id(), bodies);
        desk.subscribe(
            BEA,
            t.id(),
            u -> {
              if (u instanceof LiveUpdate.MessagePosted m) {
                bodies.add(m.message().body());
              } else if (u instanceof LiveUpdate.Overflow) {
                bodies.add("OVERFLOW");
              }
            });
      }
    }
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        HelpDesk desk = w % 2 == 0 ? a : b;
        int writer = w;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    Ticket t = opened.get(ThreadLocalRandom.current().nextInt(opened.size()));
                    while (true) {
                      try {
                        desk.reply(BEA, t.id(), "w" + writer + "-" + i);
                        break;
                      } catch (ConcurrentUpdateException e) {
                        // lost a race with the other instance: write again on fresh state
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      writers.shutdown();
    }

    for (Ticket t : opened) {
      List<String> stored =
          tickets.conversation(t.id()).stream()
              .map(Message::body)
              .filter(body -> body.startsWith("w"))
              .toList();
      for (HelpDesk desk : List.of(a, b)) {
        List<String> got = heard.get(desk).get(t.id());
        await(() -> got.size() >= stored.size(), "every reply reached both instances");
        assertEquals(stored, got, "complete, in order, once, on " + (desk == a ? "A" : "B"));
      }
    }
  }

  @Test
  void capacityFreedOnOneInstanceServesTheQueueOfTheOtherWithoutTheJob() throws Exception {
    HelpDesk manual = desk(d -> d);
    manual.saveAgent(
        ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example").withCapacity(Capacity.of(1)));
    HelpDesk automatic = desk(d -> d.assignment(AssignmentPolicy.builder().build()));
    Ticket first = open(automatic, "c-1");
    assertEquals(BEA_ID, first.assignee().orElseThrow());
    Ticket waiting = open(automatic, "c-2");
    assertTrue(waiting.assignee().isEmpty(), "Bea is full");

    manual.changeStatus(BEA, first.id(), Status.SOLVED);

    await(
        () -> tickets.byId(waiting.id()).orElseThrow().assignee().isPresent(),
        "the waiting ticket went to Bea, whose capacity the other instance freed");
  }

  @Test
  void anAgentComingOnlineOnOneInstanceServesTheQueueOfTheOther() throws Exception {
    HelpDesk manual = desk(d -> d);
    manual.saveAgent(
        ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example").withAvailability(Availability.OFFLINE));
    HelpDesk automatic = desk(d -> d.assignment(AssignmentPolicy.builder().build()));
    Ticket waiting = open(automatic, "c-1");
    assertTrue(waiting.assignee().isEmpty(), "nobody is online");

    manual.setAvailability(ADMIN, BEA_ID, Availability.ONLINE);

    await(
        () -> tickets.byId(waiting.id()).orElseThrow().assignee().isPresent(),
        "the waiting ticket went to Bea, who came online on the other instance");
  }
}
