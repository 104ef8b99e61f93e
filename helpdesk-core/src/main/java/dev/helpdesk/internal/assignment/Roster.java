package dev.helpdesk.internal.assignment;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.Candidate;
import dev.helpdesk.assignment.Candidates;
import dev.helpdesk.ticket.Channel;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The agents who can take a ticket now, indexed so that a decision does not scan them all: sorted
 * sets by load, by last assignment and by spare capacity, once over all agents and once per group,
 * again per channel some agent has a limit on (or was refused on), with only the agents who have
 * room there, and per skill a ticket has required, with only the agents who have it. Only available
 * agents (ONLINE, below their total capacity, not reported full by the store) are in the sets, so
 * the first element of a set is usually the answer.
 *
 * <p>The loads are a cache of what the ticket store holds, kept up to date from each stored change.
 * They guide decisions; they never guarantee capacity: the store does that, checking the {@link
 * dev.helpdesk.ticket.CapacityGuard}s of each change inside its atomic write. Writes to the roster
 * are serialized by one lock (each is a few O(log n) set updates); reads take no lock.
 */
final class Roster {

  /**
   * One agent's state.
   *
   * @param candidate what strategies see
   * @param channelLoads active tickets per channel
   * @param full whether the store refused the agent as full over all channels since the roster last
   *     saw their load drop
   * @param fullChannels the channels the store refused the agent on, likewise
   */
  record Slot(
      Candidate candidate,
      Map<Channel, Integer> channelLoads,
      boolean full,
      Set<Channel> fullChannels) {
    Slot {
      channelLoads = Map.copyOf(channelLoads);
      fullChannels = Set.copyOf(fullChannels);
    }

    Agent agent() {
      return candidate.agent();
    }

    int channelLoad(Channel channel) {
      return channelLoads.getOrDefault(channel, 0);
    }

    /** Whether the agent has room on the channel, by their limit and by the store's refusals. */
    boolean hasRoomOn(Channel channel) {
      if (fullChannels.contains(channel)) {
        return false;
      }
      java.util.OptionalInt limit = agent().capacity().limitOf(channel.name());
      return limit.isEmpty() || channelLoad(channel) < limit.getAsInt();
    }

    boolean available() {
      return agent().availability() == Availability.ONLINE
          && !full
          && candidate.load() < candidate.capacity();
    }

    Slot with(Candidate next) {
      return new Slot(next, channelLoads, full, fullChannels);
    }
  }

  /** The three orders of one set of agents, and how many agents it holds. */
  private static final class Orders {
    final NavigableSet<Candidate> byLoad = new ConcurrentSkipListSet<>(Candidates.LOAD_ORDER);
    final NavigableSet<Candidate> byIdle = new ConcurrentSkipListSet<>(Candidates.IDLE_ORDER);
    final NavigableSet<Candidate> bySpare = new ConcurrentSkipListSet<>(Candidates.SPARE_ORDER);

    /** Written under the roster's lock only; a skip list's own size() counts every element. */
    private volatile int size;

    void add(Candidate c) {
      if (byLoad.add(c)) {
        size++;
      }
      byIdle.add(c);
      bySpare.add(c);
    }

    void remove(Candidate c) {
      if (byLoad.remove(c)) {
        size--;
      }
      byIdle.remove(c);
      bySpare.remove(c);
    }

    int size() {
      return size;
    }
  }

  private final Object lock = new Object();
  private final Map<AgentId, Slot> slots = new ConcurrentHashMap<>();
  private final Orders all = new Orders();
  private final Map<GroupId, Orders> byGroup = new ConcurrentHashMap<>();

  /**
   * Where agents can be full on a channel (some agent has a limit there, or the store refused one
   * there), the same orders again with only the agents who have room on it: otherwise a decision
   * for a chat would walk past every agent at their chat limit. Channels nobody is limited on cost
   * nothing to keep. Keyed by group, the empty group standing for all agents.
   */
  private final Map<Optional<GroupId>, Map<Channel, Orders>> byChannel = new ConcurrentHashMap<>();

  /** The channels {@link #byChannel} indexes; only grows. Replaced whole, read without the lock. */
  private volatile Set<Channel> limited = Set.of();

  /**
   * For each skill a ticket has required (and some agent has), the same orders again with only the
   * available agents who have it, over all groups and channels: otherwise a decision for a ticket
   * needing a rare skill would walk past every agent without it. Built on the first decision that
   * asks for the skill, so a desk that routes by no skill keeps none.
   */
  private final Map<String, Orders> bySkill = new ConcurrentHashMap<>();

  /** The skills {@link #bySkill} indexes; only grows. Replaced whole, read without the lock. */
  private volatile Set<String> indexedSkills = Set.of();

  /**
   * How many agents (available or not) have each skill: a skill nobody has is never indexed, so
   * tickets requiring made-up skills cost no memory.
   */
  private final Map<String, Integer> holders = new ConcurrentHashMap<>();

  private long sequence;

  /** Adds or replaces an agent with the load the store reports. */
  void put(Agent agent, Map<Channel, Integer> channelLoads) {
    int load = channelLoads.values().stream().mapToInt(Integer::intValue).sum();
    synchronized (lock) {
      Slot old = slots.get(agent.id());
      Candidate c =
          old == null
              ? new Candidate(agent, load, agent.capacity().total(), 0, Optional.empty())
              : new Candidate(
                  agent,
                  load,
                  agent.capacity().total(),
                  old.candidate().lastAssigned(),
                  old.candidate().lastAssignedAt());
      replace(agent.id(), old, new Slot(c, channelLoads, false, Set.of()));
    }
  }

  /** Whether the roster knows the agent. */
  boolean knows(AgentId id) {
    return slots.containsKey(id);
  }

  /** The agent's details changed (availability, capacity, groups...); its load stays. */
  void agentChanged(Agent agent) {
    update(
        agent.id(),
        s ->
            new Slot(
                new Candidate(
                    agent,
                    s.candidate().load(),
                    agent.capacity().total(),
                    s.candidate().lastAssigned(),
                    s.candidate().lastAssignedAt()),
                s.channelLoads(),
                false,
                Set.of()));
  }

  /**
   * A stored change moved the agent's load by {@code delta} on {@code channel} and, when {@code
   * assignedAt} is given, assigned them a ticket, which moves them to the back of the round-robin
   * order. One update of the indexes for both.
   */
  void record(AgentId id, Channel channel, int delta, Optional<Instant> assignedAt) {
    synchronized (lock) {
      long order = assignedAt.isPresent() ? ++sequence : 0;
      update(
          id,
          s -> {
            Candidate c = s.candidate();
            Candidate next =
                new Candidate(
                    c.agent(),
                    Math.max(0, c.load() + delta),
                    c.capacity(),
                    assignedAt.isPresent() ? order : c.lastAssigned(),
                    assignedAt.isPresent() ? assignedAt : c.lastAssignedAt());
            if (delta == 0) {
              return s.with(next);
            }
            Map<Channel, Integer> loads = new EnumMap<>(Channel.class);
            loads.putAll(s.channelLoads());
            loads.merge(channel, delta, Integer::sum);
            if (delta > 0) {
              return new Slot(next, loads, s.full(), s.fullChannels());
            }
            // A ticket that left the agent frees capacity the store may have reported as taken.
            Set<Channel> stillFull = EnumSet.noneOf(Channel.class);
            stillFull.addAll(s.fullChannels());
            stillFull.remove(channel);
            return new Slot(next, loads, false, stillFull);
          });
    }
  }

  /**
   * The store refused a change because the agent is full, over all channels or on one: offer them
   * no more (there) until they free capacity.
   */
  void full(AgentId id, Optional<Channel> channel) {
    update(
        id,
        s -> {
          if (channel.isEmpty()) {
            return new Slot(s.candidate(), s.channelLoads(), true, s.fullChannels());
          }
          Set<Channel> full = EnumSet.noneOf(Channel.class);
          full.addAll(s.fullChannels());
          full.add(channel.get());
          return new Slot(s.candidate(), s.channelLoads(), s.full(), full);
        });
  }

  /**
   * Clears the agent's full marks where the store's count shows room again (freed by a change this
   * roster did not see). Loads are left as they are: they are kept by deltas.
   */
  void recheck(AgentId id, Map<Channel, Integer> inStore) {
    update(
        id,
        s -> {
          int total = inStore.values().stream().mapToInt(Integer::intValue).sum();
          boolean full = s.full() && total >= s.agent().capacity().total();
          Set<Channel> stillFull = EnumSet.noneOf(Channel.class);
          for (Channel c : s.fullChannels()) {
            int limit = s.agent().capacity().limitOf(c.name()).orElse(Integer.MAX_VALUE);
            if (inStore.getOrDefault(c, 0) >= limit) {
              stillFull.add(c);
            }
          }
          return new Slot(s.candidate(), s.channelLoads(), full, stillFull);
        });
  }

  Optional<Slot> slot(AgentId id) {
    return Optional.ofNullable(slots.get(id));
  }

  Collection<Slot> slots() {
    return List.copyOf(slots.values());
  }

  /** Whether anyone at all could take a ticket now. */
  boolean anyoneAvailable() {
    return !all.byIdle.isEmpty();
  }

  /**
   * The available agents of the group (all agents when empty) in the three orders, leaving out
   * those without room on {@code channel} when agents can be full there; callers still check room
   * on the channel, as the roster may learn of a limit while they walk.
   */
  Candidates.Source source(Optional<GroupId> group, Channel channel) {
    return new Candidates.Source() {
      @Override
      public Stream<Candidate> byLoad() {
        return orders().map(o -> o.byLoad.stream()).orElseGet(Stream::empty);
      }

      @Override
      public Stream<Candidate> byIdle() {
        return orders().map(o -> o.byIdle.stream()).orElseGet(Stream::empty);
      }

      @Override
      public Stream<Candidate> bySpare() {
        return orders().map(o -> o.bySpare.stream()).orElseGet(Stream::empty);
      }

      @Override
      public Optional<Candidate> find(AgentId id) {
        return slot(id)
            .filter(Slot::available)
            .filter(s -> group.map(s.agent()::isIn).orElse(true))
            .map(Slot::candidate);
      }

      /**
       * Walks whichever holds fewer agents: these orders, checking the skills agent by agent, or
       * the index of the rarest required skill, checking the group (and the other skills) agent by
       * agent.
       */
      @Override
      public Candidates.Source withSkills(Set<String> skills) {
        Orders rarest = null;
        for (String skill : skills) {
          Orders o = skillOrders(skill);
          if (o == null) {
            return NOBODY;
          }
          if (rarest == null || o.size() < rarest.size()) {
            rarest = o;
          }
        }
        Optional<Orders> base = orders();
        if (rarest == null || base.isEmpty() || base.get().size() <= rarest.size()) {
          return Candidates.Source.super.withSkills(skills);
        }
        Orders skilled = rarest;
        Candidates.Source scoped = this;
        Predicate<Candidate> fits =
            c -> c.agent().hasSkills(skills) && group.map(c.agent()::isIn).orElse(true);
        return new Candidates.Source() {
          @Override
          public Stream<Candidate> byLoad() {
            return skilled.byLoad.stream().filter(fits);
          }

          @Override
          public Stream<Candidate> byIdle() {
            return skilled.byIdle.stream().filter(fits);
          }

          @Override
          public Stream<Candidate> bySpare() {
            return skilled.bySpare.stream().filter(fits);
          }

          @Override
          public Optional<Candidate> find(AgentId id) {
            return scoped.find(id).filter(fits);
          }
        };
      }

      private Optional<Orders> orders() {
        if (limited.contains(channel)) {
          return Optional.ofNullable(byChannel.get(group)).map(m -> m.get(channel));
        }
        return group.isEmpty() ? Optional.of(all) : Optional.ofNullable(byGroup.get(group.get()));
      }
    };
  }

  /** A source without agents: a ticket requires a skill nobody has. */
  private static final Candidates.Source NOBODY =
      new Candidates.Source() {
        @Override
        public Stream<Candidate> byLoad() {
          return Stream.empty();
        }

        @Override
        public Stream<Candidate> byIdle() {
          return Stream.empty();
        }

        @Override
        public Stream<Candidate> bySpare() {
          return Stream.empty();
        }

        @Override
        public Optional<Candidate> find(AgentId id) {
          return Optional.empty();
        }
      };

  /**
   * The skill's orders, built now if this is the first decision to ask for it; null when no agent
   * has the skill.
   */
  private Orders skillOrders(String skill) {
    if (indexedSkills.contains(skill)) {
      return bySkill.get(skill);
    }
    if (holders.getOrDefault(skill, 0) == 0) {
      return null;
    }
    synchronized (lock) {
      if (!indexedSkills.contains(skill)) {
        Orders orders = new Orders();
        for (Slot s : slots.values()) {
          if (s.available() && s.agent().skills().contains(skill)) {
            orders.add(s.candidate());
          }
        }
        bySkill.put(skill, orders);
        Set<String> next = new HashSet<>(indexedSkills);
        next.add(skill);
        // Published after the orders are complete: a reader sees the skill indexed only once it is.
        indexedSkills = Set.copyOf(next);
      }
      return bySkill.get(skill);
    }
  }

  private void update(AgentId id, UnaryOperator<Slot> change) {
    synchronized (lock) {
      Slot old = slots.get(id);
      if (old != null) {
        replace(id, old, change.apply(old));
      }
    }
  }

  /** Swaps the agent's slot in the map and in every index it belongs to. Holds the lock. */
  private void replace(AgentId id, Slot old, Slot next) {
    Set<Channel> indexed = limited;
    Set<String> skills = indexedSkills;
    if (old != null && old.available()) {
      all.remove(old.candidate());
      for (GroupId g : old.agent().groups()) {
        byGroup.get(g).remove(old.candidate());
      }
      for (Channel ch : indexed) {
        if (old.hasRoomOn(ch)) {
          forEachScope(old, ch, o -> o.remove(old.candidate()));
        }
      }
      forEachIndexedSkill(old, skills, o -> o.remove(old.candidate()));
    }
    slots.put(id, next);
    if (next.available()) {
      all.add(next.candidate());
      for (GroupId g : next.agent().groups()) {
        byGroup.computeIfAbsent(g, k -> new Orders()).add(next.candidate());
      }
      for (Channel ch : indexed) {
        if (next.hasRoomOn(ch)) {
          forEachScope(next, ch, o -> o.add(next.candidate()));
        }
      }
      forEachIndexedSkill(next, skills, o -> o.add(next.candidate()));
    }
    if (old == null || !old.agent().skills().equals(next.agent().skills())) {
      if (old != null) {
        old.agent()
            .skills()
            .forEach(k -> holders.merge(k, -1, (a, b) -> a + b == 0 ? null : a + b));
      }
      next.agent().skills().forEach(k -> holders.merge(k, 1, Integer::sum));
    }
    Set<Channel> more = EnumSet.noneOf(Channel.class);
    for (Channel ch : Channel.values()) {
      boolean canBeFull =
          next.agent().capacity().limitOf(ch.name()).isPresent()
              || next.fullChannels().contains(ch);
      if (canBeFull && !indexed.contains(ch)) {
        more.add(ch);
      }
    }
    if (!more.isEmpty()) {
      index(more);
    }
  }

  /**
   * Builds the channel orders of channels agents can now be full on, from every slot (including the
   * one just put), then publishes them: a reader sees a channel as indexed only once it is. Holds
   * the lock; happens once per channel in the roster's life.
   */
  private void index(Set<Channel> channels) {
    for (Slot s : slots.values()) {
      if (!s.available()) {
        continue;
      }
      for (Channel ch : channels) {
        if (s.hasRoomOn(ch)) {
          forEachScope(s, ch, o -> o.add(s.candidate()));
        }
      }
    }
    Set<Channel> next = EnumSet.copyOf(channels);
    next.addAll(limited);
    limited = Set.copyOf(next);
  }

  /** The orders of each of the slot's skills that is indexed. Holds the lock. */
  private void forEachIndexedSkill(Slot s, Set<String> indexed, Consumer<Orders> action) {
    if (indexed.isEmpty()) {
      return;
    }
    for (String skill : s.agent().skills()) {
      if (indexed.contains(skill)) {
        action.accept(bySkill.get(skill));
      }
    }
  }

  /** The channel's orders for all agents and for each of the slot's groups. Holds the lock. */
  private void forEachScope(Slot s, Channel ch, Consumer<Orders> action) {
    action.accept(ordersOf(Optional.empty(), ch));
    for (GroupId g : s.agent().groups()) {
      action.accept(ordersOf(Optional.of(g), ch));
    }
  }

  private Orders ordersOf(Optional<GroupId> group, Channel ch) {
    return byChannel
        .computeIfAbsent(group, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(ch, k -> new Orders());
  }
}
