package dev.helpdesk.memory;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Outbox;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.SearchPosition;
import dev.helpdesk.search.SearchText;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketScope;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.store.ChangesSince;
import dev.helpdesk.store.ErasedTicket;
import dev.helpdesk.store.LinkEnd;
import dev.helpdesk.store.RecordedChange;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.CapacityExceededException;
import dev.helpdesk.ticket.CapacityGuard;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tickets kept in memory: the embedded default. Writes are serialized by one lock, which is what
 * makes a change atomic across the ticket, its conversation, its history, the indexes, the outbox,
 * the links and the metric facts ({@link #metrics()}), and what lets it check a change's {@link
 * CapacityGuard}s against the state the change is applied to. Reads take no lock: a ticket read by
 * id or key is always one stored version, never half-way through a change; a listing taken during a
 * change may miss the ticket being changed.
 *
 * <p>Search reads an inverted index, word to tickets, one for public words and one for all words
 * ({@link SearchText}), kept under the write lock with the ticket: a query's words are looked up in
 * it and the smallest posting list is filtered, so a query costs what its rarest word matches, not
 * what the store holds. A query without text walks the customer's or the queue's sorted index when
 * it filters by one, and every ticket otherwise.
 */
public final class InMemoryTickets implements Tickets {

  /** Queue order: most urgent first, then oldest, then by id to keep the order total. */
  private static final Comparator<Ticket> QUEUE_ORDER =
      Comparator.comparing(Ticket::priority, Comparator.reverseOrder())
          .thenComparing(Ticket::createdAt)
          .thenComparing(t -> t.id().value());

  private static final Comparator<Ticket> NEWEST_FIRST =
      Comparator.comparing(Ticket::createdAt, Comparator.reverseOrder())
          .thenComparing(t -> t.id().value());

  private static final Comparator<Ticket> SOLVED_ORDER =
      Comparator.comparing((Ticket t) -> t.solvedAt().orElseThrow())
          .thenComparing(t -> t.id().value());

  private final Outbox outbox;
  private final Object writeLock = new Object();
  private final Map<TicketId, Ticket> byId = new ConcurrentHashMap<>();
  private final Map<TicketKey, TicketId> byKey = new ConcurrentHashMap<>();
  private final Map<TicketId, List<Message>> conversations = new ConcurrentHashMap<>();
  private final Map<TicketId, List<TicketEvent>> histories = new ConcurrentHashMap<>();
  private final Map<TicketId, List<RecordedChange>> recorded = new ConcurrentHashMap<>();
  private final Map<CustomerId, NavigableSet<Ticket>> byRequester = new ConcurrentHashMap<>();
  private final Map<AgentId, NavigableSet<Ticket>> byAssignee = new ConcurrentHashMap<>();
  private final NavigableSet<Ticket> unassigned = new ConcurrentSkipListSet<>(QUEUE_ORDER);
  private final NavigableSet<Ticket> solved = new ConcurrentSkipListSet<>(SOLVED_ORDER);
  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private final Map<TicketId, List<TicketLink>> links = new ConcurrentHashMap<>();
  private final Map<TicketId, SearchText> texts = new ConcurrentHashMap<>();
  private final Map<String, Set<TicketId>> publicWords = new ConcurrentHashMap<>();
  private final Map<String, Set<TicketId>> allWords = new ConcurrentHashMap<>();
  private final Map<TicketId, SlaState> slaStates = new ConcurrentHashMap<>();
  private final InMemorySlaTimers slaTimers = new InMemorySlaTimers(slaStates::put);
  private final Set<TicketId> erased = ConcurrentHashMap.newKeySet();

  /**
   * @param outbox where the notifications of each change are put, under the same lock as the change
   */
  public InMemoryTickets(Outbox outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public void save(TicketChange change) {
    saveAll(List.of(Check.present("change", change)));
  }

  /**
   * Applies the changes one after the other under the write lock, each checked against the state
   * the ones before it left, and undoes the applied ones if a later one is refused. The
   * notifications go to the outbox only once every change is in.
   */
  @Override
  public void saveAll(List<TicketChange> changes) {
    List<TicketChange> batch = TicketChange.checkBatch(changes);
    synchronized (writeLock) {
      Deque<Runnable> undo = new ArrayDeque<>();
      List<Notification> notifications = new ArrayList<>();
      try {
        for (TicketChange change : batch) {
          undo.push(apply(change));
          notifications.addAll(change.notifications());
        }
        if (!notifications.isEmpty()) {
          outbox.add(notifications);
        }
        // Nothing below can be refused: the links and the metrics see only whole batches.
        keepLinks(LinkEnd.of(batch));
        batch.forEach(metrics::record);
      } catch (RuntimeException e) {
        undo.forEach(Runnable::run);
        throw e;
      }
    }
  }

  private void keepLinks(List<LinkEnd> ends) {
    for (LinkEnd end : ends) {
      // Copied on write, so that readers, who take no lock, always see a whole list.
      List<TicketLink> own = new ArrayList<>(links.getOrDefault(end.ticket(), List.of()));
      own.removeIf(l -> l.other().equals(end.other()));
      end.link().ifPresent(own::add);
      links.put(end.ticket(), List.copyOf(own));
    }
  }

  /** The metrics of this store, whose facts are recorded with each change under the write lock. */
  public InMemoryMetrics metrics() {
    return metrics;
  }

  /** Checks and applies one change; returns what puts the store back as it was before it. */
  private Runnable apply(TicketChange change) {
    Ticket after = change.after();
    Ticket stored = byId.get(after.id());
    if (change.creates()) {
      if (stored != null || byKey.containsKey(after.key())) {
        throw new ConcurrentUpdateException("ticket", after.id().toString(), 0);
      }
    } else if (stored == null || stored.version() != change.expectedVersion()) {
      throw new ConcurrentUpdateException(
          "ticket", after.id().toString(), change.expectedVersion());
    }
    for (CapacityGuard guard : change.guards()) {
      checkCapacity(guard, after);
    }
    if (stored != null) {
      unindex(stored);
    }
    // Recorded before the ticket is replaced: a reader who sees the new version finds its change.
    List<RecordedChange> changes =
        recorded.computeIfAbsent(after.id(), id -> new CopyOnWriteArrayList<>());
    changes.add(new RecordedChange(after.version(), change.messages(), change.events()));
    byId.put(after.id(), after);
    byKey.put(after.key(), after.id());
    index(after);
    List<Message> conversation =
        conversations.computeIfAbsent(after.id(), id -> new CopyOnWriteArrayList<>());
    List<TicketEvent> history =
        histories.computeIfAbsent(after.id(), id -> new CopyOnWriteArrayList<>());
    int messages = conversation.size();
    int events = history.size();
    conversation.addAll(change.messages());
    history.addAll(change.events());
    Runnable undoWords = indexWords(after, change.messages());
    return () -> {
      undoWords.run();
      unindex(after);
      conversation.subList(messages, conversation.size()).clear();
      history.subList(events, history.size()).clear();
      changes.remove(changes.size() - 1);
      if (stored == null) {
        recorded.remove(after.id());
        byId.remove(after.id());
        byKey.remove(after.key());
        conversations.remove(after.id());
        histories.remove(after.id());
      } else {
        byId.put(stored.id(), stored);
        index(stored);
      }
    };
  }

  /**
   * Adds the ticket's new words to the inverted indexes; returns what takes them out again. Only
   * words the ticket did not have are posted, so an update costs its new messages' words.
   */
  private Runnable indexWords(Ticket after, List<Message> messages) {
    SearchText stored = texts.get(after.id());
    SearchText before = stored == null ? SearchText.EMPTY : stored;
    SearchText now = before.with(after.subject(), messages);
    List<String> newPublic = post(publicWords, after.id(), now.publicWords(), before.publicWords());
    List<String> newAll = post(allWords, after.id(), now.allWords(), before.allWords());
    texts.put(after.id(), now);
    return () -> {
      newPublic.forEach(w -> publicWords.get(w).remove(after.id()));
      newAll.forEach(w -> allWords.get(w).remove(after.id()));
      if (stored == null) {
        texts.remove(after.id());
      } else {
        texts.put(after.id(), stored);
      }
    };
  }

  private static List<String> post(
      Map<String, Set<TicketId>> index, TicketId id, Set<String> now, Set<String> before) {
    List<String> added = new ArrayList<>();
    for (String w : now) {
      if (!before.contains(w)) {
        index.computeIfAbsent(w, k -> ConcurrentHashMap.newKeySet()).add(id);
        added.add(w);
      }
    }
    return added;
  }

  /**
   * Counts, under the write lock, what the agent would hold once the change is applied. Only the
   * agent's own index is read, so the cost is the agent's load, not the store's size.
   */
  private void checkCapacity(CapacityGuard guard, Ticket after) {
    long load = 0;
    NavigableSet<Ticket> held = byAssignee.get(guard.agent());
    if (held != null) {
      for (Ticket t : held) {
        if (guard.counts(t) && !t.id().equals(after.id())) {
          load++;
        }
      }
    }
    if (guard.counts(after)) {
      load++;
    }
    if (load > guard.limit()) {
      throw new CapacityExceededException(guard);
    }
  }

  private void index(Ticket t) {
    requesterIndex(t).add(t);
    queueOf(t).ifPresent(queue -> queue.add(t));
    if (t.status() == Status.SOLVED) {
      solved.add(t);
    }
  }

  /** Exactly the reverse of {@link #index}: the sorted sets compare by the fields they index. */
  private void unindex(Ticket t) {
    requesterIndex(t).remove(t);
    queueOf(t).ifPresent(queue -> queue.remove(t));
    if (t.status() == Status.SOLVED) {
      solved.remove(t);
    }
  }

  private NavigableSet<Ticket> requesterIndex(Ticket t) {
    return byRequester.computeIfAbsent(
        t.requester().id(), k -> new ConcurrentSkipListSet<>(NEWEST_FIRST));
  }

  /** The queue an unsolved ticket waits in: its assignee's, or the unassigned one. */
  private Optional<NavigableSet<Ticket>> queueOf(Ticket t) {
    if (!t.status().isUnsolved()) {
      return Optional.empty();
    }
    return Optional.of(
        t.assignee()
            .<NavigableSet<Ticket>>map(
                a -> byAssignee.computeIfAbsent(a, k -> new ConcurrentSkipListSet<>(QUEUE_ORDER)))
            .orElse(unassigned));
  }

  @Override
  public Optional<Ticket> byId(TicketId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<Ticket> byKey(TicketKey key) {
    return Optional.ofNullable(byKey.get(key)).map(byId::get);
  }

  @Override
  public List<Ticket> byRequester(CustomerId customer, int limit) {
    return first(byRequester.get(customer), limit);
  }

  @Override
  public List<Ticket> byAssignee(AgentId agent, int limit) {
    return first(byAssignee.get(agent), limit);
  }

  @Override
  public List<Ticket> unassigned(int limit) {
    return first(unassigned, limit);
  }

  @Override
  public List<Ticket> solvedBefore(Instant cutoff, int limit) {
    List<Ticket> result = new ArrayList<>();
    for (Ticket t : solved) {
      if (result.size() >= limit || t.solvedAt().orElseThrow().isAfter(cutoff)) {
        break;
      }
      result.add(t);
    }
    return result;
  }

  @Override
  public List<Ticket> closedBefore(Instant cutoff, int limit) {
    Check.present("cutoff", cutoff);
    Check.positive("limit", limit);
    return byId.values().stream()
        .filter(t -> t.status() == Status.CLOSED && !t.updatedAt().isAfter(cutoff))
        .filter(t -> !erased.contains(t.id()))
        .sorted(Comparator.comparing(Ticket::updatedAt).thenComparing(t -> t.id().value()))
        .limit(limit)
        .toList();
  }

  /**
   * Replaces the ticket, its conversation, history, recorded changes and words under the write
   * lock, after the outbox (the one part another adapter may refuse) has taken its part.
   */
  @Override
  public void erase(ErasedTicket erasure) {
    Check.present("erasure", erasure);
    Ticket after = erasure.after();
    TicketId id = after.id();
    synchronized (writeLock) {
      Ticket stored = byId.get(id);
      List<Message> conversation = conversations.getOrDefault(id, List.of());
      List<TicketEvent> history = histories.getOrDefault(id, List.of());
      if (stored == null
          || stored.version() != erasure.before().version()
          || !sameMessages(conversation, erasure.conversation())
          || !sameEvents(history, erasure.history())) {
        throw new ConcurrentUpdateException("ticket", id.toString(), erasure.before().version());
      }
      outbox.erase(erasure.outbox());
      Map<MessageId, Message> messages = new HashMap<>();
      erasure.conversation().forEach(m -> messages.put(m.id(), m));
      List<RecordedChange> rewritten = new ArrayList<>();
      int position = 0;
      for (RecordedChange c : recorded.getOrDefault(id, List.of())) {
        List<Message> ms =
            c.messages().stream().map(m -> messages.getOrDefault(m.id(), m)).toList();
        List<TicketEvent> es = erasure.history().subList(position, position + c.events().size());
        position += c.events().size();
        rewritten.add(new RecordedChange(c.version(), ms, es));
      }
      unindex(stored);
      recorded.put(id, new CopyOnWriteArrayList<>(rewritten));
      conversations.put(id, new CopyOnWriteArrayList<>(erasure.conversation()));
      histories.put(id, new CopyOnWriteArrayList<>(erasure.history()));
      byId.put(id, after);
      index(after);
      SearchText old = texts.getOrDefault(id, SearchText.EMPTY);
      unpost(publicWords, id, old.publicWords());
      unpost(allWords, id, old.allWords());
      SearchText now = SearchText.EMPTY.with(after.subject(), erasure.conversation());
      post(publicWords, id, now.publicWords(), Set.of());
      post(allWords, id, now.allWords(), Set.of());
      texts.put(id, now);
      erased.add(id);
    }
  }

  private static void unpost(Map<String, Set<TicketId>> index, TicketId id, Set<String> words) {
    for (String w : words) {
      Set<TicketId> posted = index.get(w);
      if (posted != null) {
        posted.remove(id);
      }
    }
  }

  private static boolean sameMessages(List<Message> stored, List<Message> erased) {
    return stored.stream()
        .map(Message::id)
        .toList()
        .equals(erased.stream().map(Message::id).toList());
  }

  private static boolean sameEvents(List<TicketEvent> stored, List<TicketEvent> erased) {
    if (stored.size() != erased.size()) {
      return false;
    }
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).getClass() != erased.get(i).getClass()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The SLA timers of the tickets of this store: a desk built on this store uses them unless given
   * others, and search reads the {@link SlaState} they write with each ticket's timers. Timers kept
   * elsewhere leave every ticket of this store at {@link SlaState#NONE} for search.
   */
  public InMemorySlaTimers slaTimers() {
    return slaTimers;
  }

  @Override
  public List<SearchHit> search(TicketSearch search) {
    Check.present("search", search);
    TicketQuery q = search.query();
    Optional<SearchPosition> after = q.after();
    Instant now = search.now();
    return candidates(search).stream()
        .map(t -> new SearchHit(t, slaStates.getOrDefault(t.id(), SlaState.NONE)))
        .filter(h -> search.scope().includes(h.ticket()))
        .filter(h -> q.matchesFields(h, now))
        .filter(h -> after.map(p -> q.sort().isAfter(h, p)).orElse(true))
        .sorted(q.sort().hits())
        .limit(search.limit())
        .toList();
  }

  /** A superset of what the search finds, as small as the indexes make it. */
  private Collection<Ticket> candidates(TicketSearch search) {
    TicketQuery q = search.query();
    List<String> words = q.words();
    if (!words.isEmpty()) {
      Map<String, Set<TicketId>> index = search.internalText() ? allWords : publicWords;
      Set<TicketId> rarest = null;
      for (String w : words) {
        Set<TicketId> posted = index.get(w);
        if (posted == null || posted.isEmpty()) {
          return List.of();
        }
        if (rarest == null || posted.size() < rarest.size()) {
          rarest = posted;
        }
      }
      List<Ticket> found = new ArrayList<>();
      for (TicketId id : rarest) {
        Ticket t = byId.get(id);
        SearchText text = texts.get(id);
        if (t != null && text != null && text.matches(words, search.internalText())) {
          found.add(t);
        }
      }
      return found;
    }
    if (q.customer().isPresent()) {
      return orEmpty(byRequester.get(q.customer().get()));
    }
    if (search.scope() instanceof TicketScope.Requester r && r.organisation().isEmpty()) {
      return orEmpty(byRequester.get(r.customer()));
    }
    boolean unsolvedOnly =
        !q.statuses().isEmpty() && q.statuses().stream().allMatch(Status::isUnsolved);
    if (unsolvedOnly && q.assignee().isPresent()) {
      return orEmpty(byAssignee.get(q.assignee().get()));
    }
    if (unsolvedOnly && q.unassigned()) {
      return unassigned;
    }
    return byId.values();
  }

  private static Collection<Ticket> orEmpty(Collection<Ticket> tickets) {
    return tickets == null ? List.of() : tickets;
  }

  @Override
  public List<Message> conversation(TicketId id) {
    return List.copyOf(conversations.getOrDefault(id, List.of()));
  }

  @Override
  public List<TicketEvent> history(TicketId id) {
    return List.copyOf(histories.getOrDefault(id, List.of()));
  }

  @Override
  public Optional<ChangesSince> changes(TicketId id, long afterVersion) {
    Ticket ticket = byId.get(id);
    if (ticket == null) {
      return Optional.empty();
    }
    List<RecordedChange> since = new ArrayList<>();
    for (RecordedChange c : recorded.getOrDefault(id, List.of())) {
      if (c.version() > afterVersion && c.version() <= ticket.version()) {
        since.add(c);
      }
    }
    return Optional.of(new ChangesSince(ticket, since));
  }

  @Override
  public List<TicketLink> links(TicketId id) {
    return links.getOrDefault(id, List.of());
  }

  private static List<Ticket> first(NavigableSet<Ticket> set, int limit) {
    if (set == null) {
      return List.of();
    }
    return set.stream().limit(limit).toList();
  }
}
