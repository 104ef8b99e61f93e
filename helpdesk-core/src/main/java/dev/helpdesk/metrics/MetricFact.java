package dev.helpdesk.metrics;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One thing a ticket change contributes to the metrics, at one instant: what a store aggregates
 * over a {@link TimeRange}. Made by {@link MetricFacts#of}; stored by the ticket store with the
 * change. The facts marked {@link #oncePerTicket()} are kept only for the first change of a ticket
 * that yields one: a store drops any later one.
 */
public sealed interface MetricFact
    permits MetricFact.Opened,
        MetricFact.FirstReply,
        MetricFact.FirstSolve,
        MetricFact.Reopened,
        MetricFact.SlaEnded,
        MetricFact.Rated {

  /** When it counts: the instant a range must contain for it to be counted there. */
  Instant at();

  /** Whether a ticket has at most one of this kind: the first one stored. */
  default boolean oncePerTicket() {
    return false;
  }

  /**
   * The ticket was opened.
   *
   * @param at when
   */
  record Opened(Instant at) implements MetricFact {
    /** Validates the fact. */
    public Opened {
      Check.present("at", at);
    }
  }

  /**
   * A public reply by an agent after the ticket was opened (its opening message is not a reply);
   * the first of a ticket is its first reply.
   *
   * @param at when the reply was added
   * @param sinceOpened how long after the ticket was opened
   * @param agent who replied
   */
  record FirstReply(Instant at, Duration sinceOpened, AgentId agent) implements MetricFact {
    /** Validates the fact. */
    public FirstReply {
      Check.present("at", at);
      Check.present("sinceOpened", sinceOpened);
      Check.present("agent", agent);
    }

    @Override
    public boolean oncePerTicket() {
      return true;
    }
  }

  /**
   * The ticket was solved; the first time is its resolution.
   *
   * @param at when it moved to SOLVED
   * @param sinceOpened how long after it was opened
   */
  record FirstSolve(Instant at, Duration sinceOpened) implements MetricFact {
    /** Validates the fact. */
    public FirstSolve {
      Check.present("at", at);
      Check.present("sinceOpened", sinceOpened);
    }

    @Override
    public boolean oncePerTicket() {
      return true;
    }
  }

  /**
   * A SOLVED ticket went back to work (a customer's reply, a bad rating, an agent).
   *
   * @param at when
   */
  record Reopened(Instant at) implements MetricFact {
    /** Validates the fact. */
    public Reopened {
      Check.present("at", at);
    }
  }

  /**
   * One cycle of an SLA target ended: met, or breached.
   *
   * @param at when it was decided: the instant it was met, or the instant it fell due unmet
   * @param target the target
   * @param met whether it was met
   */
  record SlaEnded(Instant at, SlaTarget target, boolean met) implements MetricFact {
    /** Validates the fact. */
    public SlaEnded {
      Check.present("at", at);
      Check.present("target", target);
    }
  }

  /**
   * The customer rated the solve.
   *
   * @param at when
   * @param rating good or bad
   * @param agent the agent who had the ticket then
   * @param group the group it was routed to then, if any
   */
  record Rated(Instant at, Rating rating, Optional<AgentId> agent, Optional<GroupId> group)
      implements MetricFact {
    /** Validates the fact. */
    public Rated {
      Check.present("at", at);
      Check.present("rating", rating);
      Check.present("agent", agent);
      Check.present("group", group);
    }
  }
}
