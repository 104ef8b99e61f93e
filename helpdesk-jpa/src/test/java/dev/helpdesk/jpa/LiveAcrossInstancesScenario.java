package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.jpa.live.RelaySettings;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import jakarta.persistence.EntityManagerFactory;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two desk instances on one database, each with its own entity manager factory (and connection
 * pool) and its own change relay, as two JVMs would have: live subscribers of each see what the
 * other stores, complete, in version order per ticket, and once. Subclassed once per database and
 * relay.
 */
abstract class LiveAcrossInstancesScenario {

  static final Actor ADMIN = Actor.system("admin");
  static final Actor BEA = Actor.agent("a-bea");

  /** How many replies the interleaved test writes over both instances. */
  static final int CHANGES = 1_000;

  private final List<EntityManagerFactory> factories = new ArrayList<>();
  private final List<HelpDesk> desks = new ArrayList<>();

  /** The database. */
  abstract TestDatabase db();

  /** The relay settings the instances use. */
  RelaySettings settings() {
    return RelaySettings.DEFAULTS.withPollInterval(Duration.ofMillis(100));
  }

  /** Settings of each instance's entity manager factory beyond the test defaults. */
  Map<String, Object> factoryOverrides() {
    return Map.of();
  }

  /** Called while the interleaved writes run, once half are written; default nothing. */
  void midway(List<HelpDesk> instances) throws Exception {}

  @BeforeEach
  void emptyTables() {
    db().freshStore();
  }

  @AfterEach
  void closeInstances() {
    desks.forEach(HelpDesk::close);
    factories.forEach(EntityManagerFactory::close);
  }

  /** A new instance: a factory, a store, a relay and a desk of its own. */
  HelpDesk instance(String name) {
    EntityManagerFactory emf = db().newEntityManagerFactory(factoryOverrides());
    factories.add(emf);
    JpaHelpDeskStore store = JpaHelpDeskStore.standalone(emf, db().database());
    ChangeRelay relay = store.changeRelay(db().dataSource("helpdesk-relay-" + name), settings());
    HelpDesk desk =
        store.configure(HelpDesk.builder()).notifier(n -> {}).changeRelay(relay).build();
    desks.add(desk);
    return desk;
  }

  static Ticket open(HelpDesk desk, String customer) {
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Name of " + customer, customer + "@example.com")
            .subject("Seat missing")
            .build());
  }

  static void await(BooleanSupplier condition, Object what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void aCustomerSubscribedOnOneInstanceSeesTheReplyAnAgentWroteOnTheOther() throws Exception {
    HelpDesk a = instance("a");
    HelpDesk b = instance("b");
    a.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    Ticket t = open(a, "c-ana");
    List<LiveUpdate> heard = new CopyOnWriteArrayList<>();
    b.subscribe(Actor.customer("c-ana"), t.id(), heard::add);

    Message reply = a.reply(BEA, t.id(), "Your seat is 42A").message();
    a.note(BEA, t.id(), "customers never see this");
    Message own = b.reply(Actor.customer("c-ana"), t.id(), "Thanks").message();

    await(() -> posted(heard).size() >= 2, "the customer heard both replies");
    Thread.sleep(3 * settings().pollInterval().toMillis()); // nothing more may come
    assertEquals(List.of(reply.id(), own.id()), posted(heard).stream().map(Message::id).toList());
  }

  private static List<Message> posted(List<LiveUpdate> heard) {
    return heard.stream()
        .filter(u -> u instanceof LiveUpdate.MessagePosted)
        .map(u -> ((LiveUpdate.MessagePosted) u).message())
        .toList();
  }

  @Test
  void interleavedChangesOnBothInstancesReachASubscriberOnEachCompleteInOrderAndOnce()
      throws Exception {
    HelpDesk a = instance("a");
    HelpDesk b = instance("b");
    a.saveAgent(ADMIN, Agent.of("a-bea", "Bea", "bea@desk.example"));
    List<Ticket> opened = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      opened.add(open(i % 2 == 0 ? a : b, "c-" + i));
    }
    List<HelpDesk> both = List.of(a, b);
    List<Map<TicketId, List<String>>> heard = new ArrayList<>();
    for (HelpDesk desk : both) {
      Map<TicketId, List<String>> perTicket = new ConcurrentHashMap<>();
      heard.add(perTicket);
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

    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicBoolean halfway = new AtomicBoolean();
    AtomicInteger written = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        HelpDesk desk = both.get(w % 2);
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CHANGES / writers; i++) {
                    Ticket t = opened.get(ThreadLocalRandom.current().nextInt(opened.size()));
                    while (true) {
                      try {
                        desk.reply(BEA, t.id(), "w" + writer + "-" + i);
                        break;
                      } catch (ConcurrentUpdateException e) {
                        // lost a race with another writer: write again on fresh state
                      }
                    }
                    if (written.incrementAndGet() == CHANGES / 2
                        && halfway.compareAndSet(false, true)) {
                      midway(both);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    int total = 0;
    for (Ticket t : opened) {
      List<String> stored =
          a.ticket(BEA, t.id()).conversation().stream()
              .map(Message::body)
              .filter(body -> body.startsWith("w"))
              .toList();
      total += stored.size();
      for (int i = 0; i < both.size(); i++) {
        List<String> got = heard.get(i).get(t.id());
        String where = i == 0 ? "A" : "B";
        await(() -> got.size() >= stored.size(), "every reply reached " + where);
        assertEquals(stored, got, "complete, in order, once, on " + where);
      }
    }
    assertEquals(CHANGES, total);
    assertTrue(halfway.get());
  }
}
