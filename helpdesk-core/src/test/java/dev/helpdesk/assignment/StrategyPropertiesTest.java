package dev.helpdesk.assignment;

import static dev.helpdesk.assignment.StrategiesTest.candidate;
import static dev.helpdesk.assignment.StrategiesTest.ticket;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.ticket.Ticket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Invariants of the built-in strategies over generated candidate lists. */
class StrategyPropertiesTest {

  private static final Ticket TICKET = ticket();

  /** Candidates a0..an-1 with the generated loads; last assignments from a fixed permutation. */
  private static List<Candidate> candidates(List<Integer> loads) {
    List<Candidate> list = new ArrayList<>();
    for (int i = 0; i < loads.size(); i++) {
      list.add(candidate("a" + i, loads.get(i), 100, (i * 7L) % (loads.size() + 3)));
    }
    return list;
  }

  @Test
  void leastLoadedAlwaysPicksAMinimumAndAmongThoseTheLongestIdle() {
    qt().forAll(lists().of(integers().between(0, 20)).ofSizeBetween(1, 60))
        .check(
            loads -> {
              List<Candidate> list = candidates(loads);
              AgentId chosen =
                  Strategies.leastLoaded().choose(TICKET, Candidates.of(list)).orElseThrow();
              Candidate c = list.stream().filter(x -> x.id().equals(chosen)).findFirst().get();
              int min = list.stream().mapToInt(Candidate::load).min().getAsInt();
              long idlest =
                  list.stream()
                      .filter(x -> x.load() == min)
                      .mapToLong(Candidate::lastAssigned)
                      .min()
                      .getAsLong();
              return c.load() == min && c.lastAssigned() == idlest;
            });
  }

  @Test
  void mostSpareAlwaysPicksAMaximumShare() {
    qt().forAll(
            lists().of(integers().between(0, 20)).ofSizeBetween(1, 40),
            lists().of(integers().between(1, 20)).ofSize(40))
        .check(
            (loads, capacities) -> {
              List<Candidate> list = new ArrayList<>();
              for (int i = 0; i < loads.size(); i++) {
                list.add(
                    candidate(
                        "a" + i, Math.min(loads.get(i), capacities.get(i)), capacities.get(i), 0));
              }
              AgentId chosen =
                  Strategies.mostSpareCapacity().choose(TICKET, Candidates.of(list)).orElseThrow();
              double best = list.stream().mapToDouble(Candidate::sparePercent).max().getAsDouble();
              return list.stream()
                      .filter(x -> x.id().equals(chosen))
                      .findFirst()
                      .get()
                      .sparePercent()
                  == best;
            });
  }

  @Test
  void roundRobinPicksTheOneIdleLongest() {
    qt().forAll(lists().of(integers().between(0, 50)).ofSizeBetween(1, 60))
        .check(
            lasts -> {
              List<Candidate> list = new ArrayList<>();
              for (int i = 0; i < lasts.size(); i++) {
                list.add(candidate("a" + i, 0, 10, lasts.get(i)));
              }
              AgentId chosen =
                  Strategies.roundRobin().choose(TICKET, Candidates.of(list)).orElseThrow();
              Candidate expected =
                  list.stream()
                      .min(
                          Comparator.comparingLong(Candidate::lastAssigned)
                              .thenComparing(x -> x.id().value()))
                      .get();
              return chosen.equals(expected.id());
            });
  }

  /**
   * A chain of generated steps: step i passes when its code is negative, else chooses candidate
   * {@code code % n}. The chain's choice is the first choosing step's, or none.
   */
  @Test
  void chainsFallThroughToTheFirstStepThatChooses() {
    qt().forAll(
            lists().of(integers().between(-3, 9)).ofSizeBetween(1, 8), integers().between(1, 10))
        .check(
            (codes, n) -> {
              List<Candidate> list =
                  candidates(new ArrayList<>(java.util.Collections.nCopies(n, 0)));
              List<AssignmentStrategy> steps = new ArrayList<>();
              Optional<AgentId> expected = Optional.empty();
              for (int code : codes) {
                Optional<AgentId> choice =
                    code < 0 ? Optional.empty() : Optional.of(list.get(code % n).id());
                steps.add((t, c) -> choice);
                if (expected.isEmpty()) {
                  expected = choice;
                }
              }
              AssignmentStrategy chain = Strategies.chain(steps.toArray(AssignmentStrategy[]::new));
              AssignmentStrategy folded =
                  steps.stream().reduce(AssignmentStrategy::orElse).orElseThrow();
              Candidates view = Candidates.of(list);
              return chain.choose(TICKET, view).equals(expected)
                  && folded.choose(TICKET, view).equals(expected);
            });
  }
}
