package dev.helpdesk.assignment;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A read-only view of the agents eligible for one ticket. The views are lazy streams over indexes
 * the desk keeps sorted (by load, by time since last assignment, by spare capacity), so a strategy
 * that takes the first element does not scan every agent: take what you need with {@code
 * findFirst()} or {@code limit(n)} rather than collecting the whole stream.
 */
public final class Candidates {

  /**
   * Orders of all agents a view starts from, before eligibility is applied: the desk's roster
   * provides them, and a test of a strategy may provide its own.
   */
  public interface Source {
    Stream<Candidate> byLoad();

    Stream<Candidate> byIdle();

    Stream<Candidate> bySpare();

    Optional<Candidate> find(AgentId id);

    /**
     * The same orders with only the agents who have every one of {@code skills} (a non-empty set of
     * lower-case skills). By default these orders, filtered agent by agent; the desk's roster
     * serves them from an index per skill, so that a decision does not walk past every agent who
     * lacks one.
     */
    default Source withSkills(Set<String> skills) {
      Source all = this;
      Predicate<Candidate> skilled = c -> c.agent().hasSkills(skills);
      return new Source() {
        @Override
        public Stream<Candidate> byLoad() {
          return all.byLoad().filter(skilled);
        }

        @Override
        public Stream<Candidate> byIdle() {
          return all.byIdle().filter(skilled);
        }

        @Override
        public Stream<Candidate> bySpare() {
          return all.bySpare().filter(skilled);
        }

        @Override
        public Optional<Candidate> find(AgentId id) {
          return all.find(id).filter(skilled);
        }
      };
    }
  }

  /** Least loaded first; ties go to the one idle longest, then by id. */
  public static final Comparator<Candidate> LOAD_ORDER =
      Comparator.comparingInt(Candidate::load)
          .thenComparingLong(Candidate::lastAssigned)
          .thenComparing(c -> c.id().value());

  /** Longest since last assignment first (never assigned before anyone), then by id. */
  public static final Comparator<Candidate> IDLE_ORDER =
      Comparator.comparingLong(Candidate::lastAssigned).thenComparing(c -> c.id().value());

  /** Highest spare capacity in percent first; ties to the one idle longest, then by id. */
  public static final Comparator<Candidate> SPARE_ORDER =
      Comparator.comparingDouble(Candidate::sparePercent)
          .reversed()
          .thenComparingLong(Candidate::lastAssigned)
          .thenComparing(c -> c.id().value());

  private final Source source;
  private final Predicate<Candidate> eligible;
  private final Supplier<Optional<AgentId>> previousAgent;

  /**
   * A view of {@code source}'s agents that are {@code eligible} for one ticket.
   *
   * @param previousAgent the agent who last worked a ticket of the same customer, if any
   */
  public Candidates(
      Source source, Predicate<Candidate> eligible, Supplier<Optional<AgentId>> previousAgent) {
    this.source = Objects.requireNonNull(source, "source");
    this.eligible = Objects.requireNonNull(eligible, "eligible");
    this.previousAgent = Objects.requireNonNull(previousAgent, "previousAgent");
  }

  /**
   * A view over a fixed list, for tests of your own strategies and for small teams.
   *
   * @param candidates the eligible agents, each once
   * @param previousAgent the agent of the customer's previous ticket, if any (eligible or not)
   */
  public static Candidates of(Collection<Candidate> candidates, Optional<AgentId> previousAgent) {
    Check.present("candidates", candidates);
    Check.present("previousAgent", previousAgent);
    List<Candidate> byLoad = candidates.stream().sorted(LOAD_ORDER).toList();
    List<Candidate> byIdle = candidates.stream().sorted(IDLE_ORDER).toList();
    List<Candidate> bySpare = candidates.stream().sorted(SPARE_ORDER).toList();
    Map<AgentId, Candidate> byId =
        candidates.stream().collect(Collectors.toMap(Candidate::id, Function.identity()));
    Source source =
        new Source() {
          @Override
          public Stream<Candidate> byLoad() {
            return byLoad.stream();
          }

          @Override
          public Stream<Candidate> byIdle() {
            return byIdle.stream();
          }

          @Override
          public Stream<Candidate> bySpare() {
            return bySpare.stream();
          }

          @Override
          public Optional<Candidate> find(AgentId id) {
            return Optional.ofNullable(byId.get(id));
          }
        };
    return new Candidates(source, c -> true, () -> previousAgent);
  }

  /** A view over a fixed list, with no previous agent; see {@link #of(Collection, Optional)}. */
  public static Candidates of(Collection<Candidate> candidates) {
    return of(candidates, Optional.empty());
  }

  /** Fewest active tickets first; ties go to the one idle longest, then by id. */
  public Stream<Candidate> byLoad() {
    return source.byLoad().filter(eligible);
  }

  /** Longest since last assignment first (never assigned first), then by id: round-robin order. */
  public Stream<Candidate> byIdle() {
    return source.byIdle().filter(eligible);
  }

  /** Highest spare capacity in percent first; ties to the one idle longest, then by id. */
  public Stream<Candidate> bySpare() {
    return source.bySpare().filter(eligible);
  }

  /** The agent, if eligible. */
  public Optional<Candidate> find(AgentId id) {
    Check.present("agentId", id);
    return source.find(id).filter(eligible);
  }

  /** Whether the agent is eligible. */
  public boolean contains(AgentId id) {
    return find(id).isPresent();
  }

  /** Whether nobody is eligible. */
  public boolean isEmpty() {
    return byIdle().findAny().isEmpty();
  }

  /**
   * The agent of the customer's previous ticket, if there is one and they are eligible now. Looked
   * up only when asked.
   */
  public Optional<Candidate> previousAgent() {
    return previousAgent.get().flatMap(this::find);
  }

  /**
   * This view narrowed to the candidates with every one of {@code skills}; still lazy, and served
   * from the roster's index per skill where the desk keeps one (see {@link Source#withSkills}), so
   * prefer it to {@link #narrow} with a skill check. An empty set narrows nothing.
   */
  public Candidates withSkills(Set<String> skills) {
    Check.present("skills", skills);
    if (skills.isEmpty()) {
      return this;
    }
    Set<String> needed = Set.copyOf(skills);
    // The check stays in the predicate too: a custom source may serve a wider set.
    return new Candidates(
        source.withSkills(needed), eligible.and(c -> c.agent().hasSkills(needed)), previousAgent);
  }

  /** This view narrowed to the candidates that also pass {@code condition}; still lazy. */
  public Candidates narrow(Predicate<Candidate> condition) {
    Check.present("condition", condition);
    return new Candidates(source, eligible.and(condition), previousAgent);
  }
}
