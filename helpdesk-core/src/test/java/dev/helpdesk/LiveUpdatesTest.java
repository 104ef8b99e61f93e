package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAL;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.UnitOfWork;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live subscriptions to a ticket and to an agent's queue. */
class LiveUpdatesTest {

  private final ManualExecutor delivery = new ManualExecutor();

  private DeskFixture desk() {
    return new DeskFixture(b -> b.liveExecutor(delivery));
  }

  /** What a listener heard, thread-safe. */
  private static final class Heard {
    final List<LiveUpdate> updates = new CopyOnWriteArrayList<>();

    void add(LiveUpdate u) {
      updates.add(u);
    }

    List<String> bodies() {
      return updates.stream()
          .filter(u -> u instanceof LiveUpdate.MessagePosted)
          .map(u -> ((LiveUpdate.MessagePosted) u).message().body())
          .toList();
    }
  }

  @Test
  void aTicketSubscriberHearsMessagesAndChangesInOrder() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    Heard heard = new Heard();
    f.desk.subscribe(ANA, t.id(), heard::add);
    f.desk.assign(BEA, t.id(), BEA_ID);
    Message reply = f.desk.reply(BEA, t.id(), "Which train?").message();
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    Message answer = f.desk.reply(ANA, t.id(), "The 9:05 to Basel.").message();
    assertEquals(List.of(), heard.updates, "nothing is delivered on the writer's thread");
    delivery.runAll();
    assertEquals(
        List.of(
            new LiveUpdate.AssigneeChanged(t.id(), Optional.empty(), Optional.of(BEA_ID)),
            new LiveUpdate.StatusChanged(t.id(), Status.NEW, Status.OPEN),
            new LiveUpdate.MessagePosted(t.id(), reply),
            new LiveUpdate.StatusChanged(t.id(), Status.OPEN, Status.PENDING),
            new LiveUpdate.MessagePosted(t.id(), answer),
            new LiveUpdate.StatusChanged(t.id(), Status.PENDING, Status.OPEN)),
        heard.updates);
  }

  @Test
  void aCustomerNeverHearsInternalNotesButAgentsDo() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    Heard customer = new Heard();
    Heard agent = new Heard();
    f.desk.subscribe(ANA, t.id(), customer::add);
    f.desk.subscribe(CAL, t.id(), agent::add);
    f.desk.note(BEA, t.id(), "Refund approved by finance");
    f.desk.reply(BEA, t.id(), "We refunded you.");
    delivery.runAll();
    assertEquals(List.of("We refunded you."), customer.bodies());
    assertEquals(List.of("Refund approved by finance", "We refunded you."), agent.bodies());
  }

  @Test
  void onlyTheTicketsOwnCustomerMaySubscribeToIt() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    assertThrows(NotFoundException.class, () -> f.desk.subscribe(BOB, t.id(), u -> {}));
    assertThrows(NotFoundException.class, () -> f.desk.subscribe(ANA, TicketId.random(), u -> {}));
    assertThrows(
        AccessDeniedException.class,
        () -> f.desk.subscribe(Actor.agent("a-unknown"), t.id(), u -> {}));
    assertThrows(AccessDeniedException.class, () -> f.desk.subscribeQueue(ANA, BEA_ID, u -> {}));
    assertThrows(
        NotFoundException.class, () -> f.desk.subscribeQueue(BEA, AgentId.of("a-nobody"), u -> {}));
    // Bob's subscription to his own ticket hears nothing of Ana's.
    Ticket bobs = f.desk.open(BOB, request("c-bob").build());
    Heard bob = new Heard();
    f.desk.subscribe(BOB, bobs.id(), bob::add);
    f.desk.reply(BEA, t.id(), "For Ana");
    delivery.runAll();
    assertEquals(List.of(), bob.updates);
  }

  @Test
  void aQueueSubscriberHearsTicketsComeAndGoAndWhatHappensOnThem() {
    DeskFixture f = desk();
    Heard bea = new Heard();
    f.desk.subscribeQueue(BEA, BEA_ID, bea::add);
    Ticket mine = f.openAssigned();
    Ticket other = f.openByAna();
    f.desk.assign(CAL, other.id(), CAL_ID);
    f.desk.reply(CAL, other.id(), "Not Bea's business");
    f.desk.reply(ANA, mine.id(), "Any news?");
    f.desk.note(CAL, mine.id(), "Bea, finance says yes");
    f.desk.assign(CAL, mine.id(), CAL_ID);
    f.desk.reply(ANA, mine.id(), "Hello?");
    delivery.runAll();
    assertEquals(
        List.of(
            new LiveUpdate.AssigneeChanged(mine.id(), Optional.empty(), Optional.of(BEA_ID)),
            new LiveUpdate.StatusChanged(mine.id(), Status.NEW, Status.OPEN)),
        bea.updates.subList(0, 2));
    assertEquals(List.of("Any news?", "Bea, finance says yes"), bea.bodies());
    assertEquals(
        new LiveUpdate.AssigneeChanged(mine.id(), Optional.of(BEA_ID), Optional.of(CAL_ID)),
        bea.updates.get(bea.updates.size() - 1),
        "the ticket left her queue, and what followed is not hers");
  }

  @Test
  void anOverflowingSubscriberGetsOneMarkerForWhatWasDroppedThenCarriesOn() {
    DeskFixture f = new DeskFixture(b -> b.liveExecutor(delivery).liveBufferSize(3));
    Ticket t = f.openAssigned();
    Heard heard = new Heard();
    f.desk.subscribe(BEA, t.id(), heard::add);
    for (int i = 1; i <= 5; i++) {
      f.desk.reply(BEA, t.id(), "reply " + i);
    }
    // Buffer of 3: replies 1-3 wait; reply 4 finds it full, so 1-4 become one marker; 5 follows.
    delivery.runAll();
    assertEquals(new LiveUpdate.Overflow(4), heard.updates.get(0));
    assertEquals(List.of("reply 5"), heard.bodies());
    assertEquals(2, heard.updates.size());
    for (int i = 6; i <= 12; i++) {
      f.desk.reply(BEA, t.id(), "reply " + i);
    }
    // 6, 7, 8 wait; 9 overflows (4 dropped); 10, 11 wait; 12 overflows again: the marker
    // not yet delivered absorbs the next backlog (4 + 2 + 1 = 7 dropped).
    delivery.runAll();
    assertEquals(new LiveUpdate.Overflow(7), heard.updates.get(2));
    assertEquals(3, heard.updates.size());
    f.desk.reply(BEA, t.id(), "reply 13");
    delivery.runAll();
    assertEquals(List.of("reply 5", "reply 13"), heard.bodies());
  }

  /**
   * A unit of work that commits when {@code run} ends, calling back after the outcome as a
   * transactional one must; checks nothing was queued before its commit, and can fail that commit.
   */
  private final class Commits implements UnitOfWork {
    boolean failNext;
    int queuedBeforeCommit;
    private final List<java.util.function.Consumer<Boolean>> callbacks = new ArrayList<>();

    @Override
    public <T> T run(Supplier<T> work) {
      T result = work.get();
      queuedBeforeCommit += delivery.pending();
      boolean commit = !failNext;
      failNext = false;
      List<java.util.function.Consumer<Boolean>> due = List.copyOf(callbacks);
      callbacks.clear();
      due.forEach(c -> c.accept(commit));
      if (!commit) {
        throw new IllegalStateException("commit failed");
      }
      return result;
    }

    @Override
    public void afterCompletion(java.util.function.Consumer<Boolean> outcome) {
      callbacks.add(outcome);
    }
  }

  @Test
  void subscribersHearOfAChangeOnlyOnceItsUnitOfWorkCommitted() {
    Commits commits = new Commits();
    DeskFixture f = new DeskFixture(b -> b.liveExecutor(delivery).unitOfWork(commits));
    Ticket t = f.openAssigned();
    Heard heard = new Heard();
    f.desk.subscribe(BEA, t.id(), heard::add);
    commits.failNext = true;
    assertThrows(IllegalStateException.class, () -> f.desk.reply(BEA, t.id(), "rolled back"));
    f.desk.reply(BEA, t.id(), "committed");
    assertEquals(0, commits.queuedBeforeCommit);
    delivery.runAll();
    assertEquals(List.of("committed"), heard.bodies());
  }

  @Test
  void aListenerThatThrowsKeepsItsSubscriptionAndOthersHearEverything() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    List<LiveUpdate> tried = new ArrayList<>();
    Heard calm = new Heard();
    f.desk.subscribe(
        BEA,
        t.id(),
        u -> {
          tried.add(u);
          throw new IllegalStateException("listener bug");
        });
    f.desk.subscribe(CAL, t.id(), calm::add);
    f.desk.reply(BEA, t.id(), "one");
    f.desk.reply(BEA, t.id(), "two");
    delivery.runAll();
    assertEquals(2, tried.size());
    assertEquals(List.of("one", "two"), calm.bodies());
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    Heard heard = new Heard();
    Subscription s = f.desk.subscribe(BEA, t.id(), heard::add);
    f.desk.reply(BEA, t.id(), "queued, then dropped by close");
    s.close();
    s.close();
    assertFalse(s.isOpen());
    f.desk.reply(BEA, t.id(), "after close");
    delivery.runAll();
    assertEquals(List.of(), heard.updates);
  }

  @Test
  void closingTheDeskEndsEverySubscriptionAndRefusesNewOnes() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    Subscription s = f.desk.subscribe(BEA, t.id(), u -> {});
    f.desk.close();
    assertFalse(s.isOpen());
    assertThrows(IllegalStateException.class, () -> f.desk.subscribe(BEA, t.id(), u -> {}));
    f.desk.reply(BEA, t.id(), "the desk still works");
  }

  /**
   * A listener blocked on a latch holds up neither the writer nor other subscribers. The waits are
   * bounded by the test's timeout so that a regression fails instead of hanging; nothing depends on
   * how long anything takes.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aStuckSubscriberStallsNeitherTheWriterNorOthers() throws Exception {
    DeskFixture f = new DeskFixture(b -> b.liveBufferSize(10)); // on the desk's own threads
    Ticket t = f.openAssigned();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuckEntered = new CountDownLatch(1);
    Heard stuck = new Heard();
    f.desk.subscribe(
        CAL,
        t.id(),
        u -> {
          stuckEntered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          stuck.add(u);
        });
    Heard fast = new Heard();
    f.desk.subscribe(BEA, t.id(), fast::add);
    int replies = 50;
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes =
          writer.submit(
              () -> {
                for (int i = 1; i <= replies; i++) {
                  f.desk.reply(BEA, t.id(), "reply " + i);
                }
              });
      writes.get(30, TimeUnit.SECONDS); // the writer finishes while a listener is stuck
      assertTrue(stuckEntered.await(30, TimeUnit.SECONDS));
      // The other subscriber hears every reply (or a marker for those it fell behind on).
      waitUntil(() -> accounted(fast) == replies);
      assertInOrder(fast);
      assertEquals(List.of(), stuck.updates, "still stuck on its first update");
    } finally {
      release.countDown();
      writer.shutdownNow();
    }
    // Released, it hears the rest: what its buffer of 10 could not hold as overflow markers.
    waitUntil(() -> accounted(stuck) == replies);
    assertInOrder(stuck);
    assertTrue(stuck.updates.stream().anyMatch(u -> u instanceof LiveUpdate.Overflow));
    f.desk.close();
  }

  /** The replies heard come in the order they were written. */
  private static void assertInOrder(Heard heard) {
    List<Integer> numbers =
        heard.bodies().stream().map(b -> Integer.parseInt(b.substring("reply ".length()))).toList();
    assertEquals(numbers.stream().sorted().distinct().toList(), numbers);
  }

  /** Replies heard plus replies an overflow marker said were dropped. */
  private static long accounted(Heard heard) {
    long dropped =
        heard.updates.stream()
            .filter(u -> u instanceof LiveUpdate.Overflow)
            .mapToLong(u -> ((LiveUpdate.Overflow) u).dropped())
            .sum();
    return dropped + heard.bodies().size();
  }

  /** Order per subscriber holds when writers race on one ticket. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentWritersAreHeardInTheOrderTheConversationWasStored() throws Exception {
    DeskFixture f = new DeskFixture(b -> b.liveBufferSize(100_000));
    Ticket t = f.openAssigned();
    Heard heard = new Heard();
    f.desk.subscribe(BEA, t.id(), heard::add);
    int threads = 4;
    int perThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int n = i;
      futures.add(
          pool.submit(
              () -> {
                for (int j = 0; j < perThread; j++) {
                  try {
                    f.desk.reply(n % 2 == 0 ? ANA : BEA, t.id(), "m " + n + "/" + j);
                  } catch (ConcurrentUpdateException lost) {
                    // reported to the writer, never published
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<MessageId> stored =
        f.tickets.conversation(t.id()).stream().skip(1).map(Message::id).toList();
    waitUntil(() -> messages(heard).size() == stored.size());
    assertEquals(stored, messages(heard));
    f.desk.close();
  }

  private static List<MessageId> messages(Heard heard) {
    return heard.updates.stream()
        .filter(u -> u instanceof LiveUpdate.MessagePosted)
        .map(u -> ((LiveUpdate.MessagePosted) u).message().id())
        .toList();
  }

  /** Waits (bounded by the test's timeout) for delivery threads to catch up. */
  private static void waitUntil(java.util.function.BooleanSupplier done)
      throws InterruptedException {
    while (!done.getAsBoolean()) {
      Thread.sleep(5);
    }
  }

  @Test
  void chatTicketsCountAgainstChatCapacityAndTheQueueHearsTheHandOver() {
    DeskFixture f =
        new DeskFixture(
            b ->
                b.liveExecutor(delivery)
                    .assignment(
                        AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build()));
    f.desk.saveAgent(
        Actor.system("admin"),
        Agent.of("a-bea", "Bea Agent", "bea@desk.example")
            .withCapacity(Capacity.of(5).withChannel("CHAT", 1)));
    f.desk.setAvailability(Actor.system("admin"), CAL_ID, dev.helpdesk.agent.Availability.OFFLINE);
    Heard bea = new Heard();
    f.desk.subscribeQueue(BEA, BEA_ID, bea::add);
    Ticket chat1 = f.desk.open(ANA, request("c-ana").channel(Channel.CHAT).build());
    Ticket chat2 = f.desk.open(BOB, request("c-bob").channel(Channel.CHAT).build());
    Ticket mail = f.desk.open(BOB, request("c-bob").channel(Channel.EMAIL).build());
    assertEquals(Optional.of(BEA_ID), chat1.assignee());
    assertEquals(Optional.empty(), chat2.assignee(), "Bea has one chat already");
    assertEquals(Optional.of(BEA_ID), mail.assignee(), "mail counts against the total only");
    assertThrows(CapacityExceededException.class, () -> f.desk.assign(CAL, chat2.id(), BEA_ID));
    // Solving the first chat frees her chat slot; the waiting chat comes to her at once.
    f.desk.changeStatus(BEA, chat1.id(), Status.SOLVED);
    assertEquals(Optional.of(BEA_ID), f.desk.ticket(BEA, chat2.id()).ticket().assignee());
    delivery.runAll();
    assertTrue(
        bea.updates.contains(
            new LiveUpdate.AssigneeChanged(chat2.id(), Optional.empty(), Optional.of(BEA_ID))));
    assertTrue(
        bea.updates.indexOf(new LiveUpdate.StatusChanged(chat1.id(), Status.OPEN, Status.SOLVED))
            < bea.updates.indexOf(
                new LiveUpdate.AssigneeChanged(chat2.id(), Optional.empty(), Optional.of(BEA_ID))));
  }
}
