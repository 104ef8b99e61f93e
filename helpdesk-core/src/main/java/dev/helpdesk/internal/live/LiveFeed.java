package dev.helpdesk.internal.live;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.live.ChangeRelay;
import dev.helpdesk.live.LiveListener;
import dev.helpdesk.live.Subscription;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.TicketId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's live updates: an in-process publish/subscribe fed by the changes the desk stores. The
 * desk's {@code subscribe} and {@code subscribeQueue} check access and register here; every change
 * the desk stores is registered through {@link #enter} before it is saved, and its updates go to
 * the subscribers it concerns once it has committed.
 *
 * <ul>
 *   <li><b>Order.</b> Each subscriber receives its updates one at a time, in the order the changes
 *       were stored (by ticket version, even when two threads store versions of one ticket at
 *       nearly the same moment) and, within a change, in the order of its events.
 *   <li><b>Never blocking the writer.</b> A change only queues updates, in a buffer per subscriber;
 *       delivery runs on the executor. A slow or stuck listener delays only itself.
 *   <li><b>Buffer and overflow.</b> A subscriber's buffer holds {@code bufferSize} updates (default
 *       {@value #DEFAULT_BUFFER_SIZE}). When an update finds it full, the waiting updates and that
 *       one are dropped and one {@link LiveUpdate.Overflow} marker takes their place: the
 *       subscriber reads the ticket (or queue) again when it arrives, then carries on with the
 *       updates that follow.
 *   <li><b>Failures.</b> A listener that throws is logged; it stays subscribed and others are not
 *       affected.
 *   <li><b>Scope.</b> Without a relay, subscribers see the changes made through this desk instance
 *       only. {@link #connect connected} to a {@link ChangeRelay}, they see the changes of every
 *       instance sharing the store, in version order per ticket, each once (see {@link Sequencer}).
 * </ul>
 *
 * <p>Without an executor of the application's, the feed starts up to {@value #THREADS} daemon
 * threads named {@code helpdesk-live-N} when the first subscription is made (idle ones end after a
 * while), and stops them on {@link #close()}.
 */
public final class LiveFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  /** The updates a subscriber's buffer holds unless configured otherwise. */
  public static final int DEFAULT_BUFFER_SIZE = 1_000;

  /** The most delivery threads the feed starts of its own. */
  static final int THREADS = 4;

  private final Optional<Executor> given;
  private final int bufferSize;
  private final ChangeOrder order = new ChangeOrder(this::released);
  private final Map<TicketId, Set<Subscriber>> byTicket = new ConcurrentHashMap<>();
  private final Map<AgentId, Set<Subscriber>> byAgent = new ConcurrentHashMap<>();
  private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
  private ExecutorService own;
  private volatile boolean closed;
  private volatile Sequencer sequencer;
  private RelayLink link;

  /**
   * @param executor where updates are delivered; empty to let the feed start its own threads. It
   *     must run tasks on other threads than the caller's to keep writers from waiting for
   *     listeners (a same-thread executor is fine in tests)
   * @param bufferSize the updates one subscriber's buffer holds before it overflows, at least 1
   */
  public LiveFeed(Optional<Executor> executor, int bufferSize) {
    this.given = Check.present("executor", executor);
    this.bufferSize = Check.positive("liveBufferSize", bufferSize);
  }

  /**
   * Registers {@code change} as being stored, so that later versions of its ticket wait for it;
   * call the result once the outcome is known: {@code true} when the change has committed (its
   * updates are then queued in version order), {@code false} when it was not stored.
   */
  public Consumer<Boolean> enter(TicketChange change) {
    return order.enter(change);
  }

  /**
   * Connects the feed to other desk instances through {@code relay} and starts it: from then on
   * subscribers also receive the changes other instances store, read from {@code tickets}.
   *
   * @param tracked how many tickets' delivered versions are remembered
   * @return the desk's end of the relay, which announces this instance's changes; closing the feed
   *     closes it
   */
  public synchronized RelayLink connect(
      Tickets tickets, ChangeRelay relay, RelayLink.RosterSignals roster, int tracked) {
    Check.present("changeRelay", relay);
    if (link != null) {
      throw new IllegalStateException("the live feed is connected to a relay already");
    }
    RelayLink[] self = new RelayLink[1];
    Sequencer s =
        new Sequencer(
            tickets,
            this::dispatch,
            () -> !open.isEmpty() || self[0].rosterWantsChanges(),
            (ticket, agents) -> roster.loadsMoved(agents),
            Check.positive("tracked", tracked));
    link = new RelayLink(relay, s, roster);
    self[0] = link;
    sequencer = s;
    link.start();
    return link;
  }

  /**
   * Subscribes {@code listener} to one ticket: its new messages and its status and assignee
   * changes. A customer {@code viewer} receives public messages only; whether the viewer may read
   * the ticket at all the caller has checked.
   */
  public Subscription ticket(Actor viewer, TicketId ticket, LiveListener listener) {
    return ticket(viewer, ticket, 0, false, listener);
  }

  /**
   * As {@link #ticket(Actor, TicketId, LiveListener)}, for a subscriber who has read the ticket at
   * version {@code read}: with a relay, a ticket this instance has not yet delivered anything of is
   * then followed from that version on, so no later change another instance stores is missed. A
   * customer {@code colleague} follows the ticket of another member of their organisation, which
   * the caller has checked they may read; any other customer only their own tickets.
   */
  public Subscription ticket(
      Actor viewer, TicketId ticket, long read, boolean colleague, LiveListener listener) {
    Check.present("viewer", viewer);
    Check.present("ticketId", ticket);
    Sequencer s = sequencer;
    if (s != null && read > 0) {
      s.readAt(ticket, read);
    }
    Predicate<Updates.Entry> wants = e -> e.visibleTo(viewer, ticket, colleague);
    return register(byTicket, ticket, listener, wants, viewer.describe() + " on ticket " + ticket);
  }

  /**
   * Subscribes {@code listener} to an agent's queue: tickets assigned to or taken from the agent,
   * and the messages and status changes of the tickets assigned to them. Whether the caller may
   * read the queue it has checked.
   */
  public Subscription queue(AgentId agent, LiveListener listener) {
    Check.present("agentId", agent);
    return register(byAgent, agent, listener, e -> e.concerns(agent), "queue of " + agent);
  }

  /** How many subscriptions are open. */
  public int openSubscriptions() {
    return open.size();
  }

  /**
   * Closes every subscription and stops the threads the feed started (an executor given to it is
   * the application's to stop). Writes go on working; new subscriptions are refused.
   */
  @Override
  public void close() {
    closed = true;
    RelayLink relayed;
    synchronized (this) {
      relayed = link;
    }
    if (relayed != null) {
      try {
        relayed.close();
      } catch (RuntimeException e) {
        log.warn("The change relay did not close cleanly", e);
      }
    }
    for (Subscriber s : List.copyOf(open)) {
      s.close();
    }
    ExecutorService threads;
    synchronized (this) {
      threads = own;
      own = null;
    }
    if (threads != null) {
      threads.shutdown();
    }
  }

  private <K> Subscription register(
      Map<K, Set<Subscriber>> index,
      K key,
      LiveListener listener,
      Predicate<Updates.Entry> wants,
      String description) {
    Check.present("listener", listener);
    if (closed) {
      throw new IllegalStateException("live updates of this desk are closed");
    }
    Subscriber[] self = new Subscriber[1];
    Subscriber s =
        new Subscriber(
            description,
            listener,
            wants,
            executor(),
            bufferSize,
            () -> {
              open.remove(self[0]);
              index.computeIfPresent(
                  key,
                  (k, set) -> {
                    set.remove(self[0]);
                    return set.isEmpty() ? null : set;
                  });
            });
    self[0] = s;
    open.add(s);
    index.compute(
        key,
        (k, set) -> {
          Set<Subscriber> subscribers = set == null ? ConcurrentHashMap.newKeySet() : set;
          subscribers.add(s);
          return subscribers;
        });
    return s;
  }

  /** A change this instance stored, released in version order per ticket. */
  private void released(TicketChange change) {
    try {
      Sequencer s = sequencer;
      if (s != null) {
        s.local(change);
      } else if (!open.isEmpty()) {
        dispatch(change.after().id(), Updates.of(change));
      }
    } catch (RuntimeException e) {
      // The change is stored; a fault here must not be reported to the writer as a failed save.
      log.error("Live updates of {} could not be queued", change.after().key(), e);
    }
  }

  /** Queues one version's updates for its subscribers; runs in version order per ticket. */
  private void dispatch(TicketId ticket, List<Updates.Entry> entries) {
    if (open.isEmpty() || entries.isEmpty()) {
      return;
    }
    offer(byTicket.get(ticket), entries);
    for (AgentId agent : Updates.agents(entries)) {
      offer(byAgent.get(agent), entries);
    }
  }

  private static void offer(Set<Subscriber> subscribers, List<Updates.Entry> entries) {
    if (subscribers != null) {
      for (Subscriber s : subscribers) {
        s.offer(entries);
      }
    }
  }

  private Executor executor() {
    if (given.isPresent()) {
      return given.get();
    }
    synchronized (this) {
      if (own == null) {
        ThreadPoolExecutor pool =
            new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads());
        pool.allowCoreThreadTimeOut(true);
        own = pool;
      }
      return own;
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "helpdesk-live-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
