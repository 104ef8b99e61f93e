package dev.helpdesk.assignment;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Ticket;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The built-in {@link AssignmentStrategy strategies} and their composition. */
public final class Strategies {

  /** The tag prefix {@link #skillsFromTags()} reads: a ticket tagged {@code skill:lang:de}. */
  public static final String SKILL_TAG_PREFIX = "skill:";

  private Strategies() {}

  /**
   * Round-robin: the agent whose last assignment is the longest ago (never assigned first, ties by
   * id). Over any run with the same eligible agents, the counts they receive differ by at most one.
   */
  public static AssignmentStrategy roundRobin() {
    return (ticket, candidates) -> candidates.byIdle().findFirst().map(Candidate::id);
  }

  /** Least-loaded: the fewest active tickets; ties go to the one idle longest. */
  public static AssignmentStrategy leastLoaded() {
    return (ticket, candidates) -> candidates.byLoad().findFirst().map(Candidate::id);
  }

  /** Most spare capacity: the highest share of capacity still free, in percent. */
  public static AssignmentStrategy mostSpareCapacity() {
    return (ticket, candidates) -> candidates.bySpare().findFirst().map(Candidate::id);
  }

  /**
   * Skills-based: only agents with every skill the ticket requires, chosen among by {@code among};
   * passes when nobody has them all.
   *
   * @param required the skills a ticket requires, e.g. {@link #skillsFromTags()}
   * @param among how to choose between the skilled agents, e.g. {@link #leastLoaded()}
   */
  public static AssignmentStrategy skills(
      Function<Ticket, Set<String>> required, AssignmentStrategy among) {
    Check.present("required", required);
    Check.present("among", among);
    return (ticket, candidates) -> {
      Set<String> needed = Set.copyOf(required.apply(ticket));
      return among.choose(ticket, candidates.withSkills(needed));
    };
  }

  /** The skills a ticket requires by its tags: {@code skill:lang:de} requires {@code lang:de}. */
  public static Function<Ticket, Set<String>> skillsFromTags() {
    // A loop, not a stream: it runs on every decision, and most tickets require no skill.
    return ticket -> {
      Set<String> skills = null;
      for (String t : ticket.tags()) {
        if (t.startsWith(SKILL_TAG_PREFIX) && t.length() > SKILL_TAG_PREFIX.length()) {
          if (skills == null) {
            skills = new HashSet<>();
          }
          skills.add(t.substring(SKILL_TAG_PREFIX.length()));
        }
      }
      return skills == null ? Set.of() : Set.copyOf(skills);
    };
  }

  /**
   * Customer affinity: the agent of the customer's previous ticket, when eligible now; passes
   * otherwise.
   */
  public static AssignmentStrategy customerAffinity() {
    return (ticket, candidates) -> candidates.previousAgent().map(Candidate::id);
  }

  /**
   * A chain: each strategy in turn until one chooses, e.g. {@code chain(customerAffinity(),
   * skills(skillsFromTags(), leastLoaded()), leastLoaded())}.
   */
  public static AssignmentStrategy chain(AssignmentStrategy... strategies) {
    Check.present("strategies", strategies);
    if (strategies.length == 0) {
      throw new ValidationException("strategies", "must name at least one strategy");
    }
    List<AssignmentStrategy> steps = List.of(strategies);
    return (ticket, candidates) -> {
      for (AssignmentStrategy step : steps) {
        Optional<AgentId> chosen = step.choose(ticket, candidates);
        if (chosen.isPresent()) {
          return chosen;
        }
      }
      return Optional.empty();
    };
  }
}
