package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tickets get which targets. A policy applies to tickets of its priorities that satisfy its
 * condition; among the policies given to {@link SlaSettings}, the first that applies wins.
 *
 * <pre>{@code
 * SlaPolicy urgent = SlaPolicy.named("urgent")
 *     .priorities(Priority.URGENT)
 *     .firstReply(Duration.ofHours(1))
 *     .resolution(Duration.ofHours(8))
 *     .build();
 * }</pre>
 *
 * @param name unique among the settings' policies, recorded with the timers
 * @param priorities the priorities it applies to; not empty
 * @param condition what else the ticket must satisfy
 * @param targets its targets; at least one
 * @param pendingFollowUp what its tickets get while PENDING, ahead of the desk's global follow-up;
 *     empty to use the global one
 * @param calendar the business calendar its tickets count in, unless a {@link CalendarRule} matches
 *     them; empty for the desk's calendar (see {@link SlaSettings#calendarFor})
 */
public record SlaPolicy(
    String name,
    Set<Priority> priorities,
    TicketMatch condition,
    Map<SlaTarget, TargetRule> targets,
    Optional<PendingFollowUp> pendingFollowUp,
    Optional<BusinessCalendar> calendar) {

  /** Validates the policy and freezes its collections. */
  public SlaPolicy {
    Check.line("policy.name", name, 100);
    Check.present("priorities", priorities);
    if (priorities.isEmpty()) {
      throw new ValidationException("priorities", "must name at least one priority");
    }
    priorities = Collections.unmodifiableSet(EnumSet.copyOf(priorities));
    Check.present("condition", condition);
    Check.present("targets", targets);
    if (targets.isEmpty()) {
      throw new ValidationException("targets", "must hold at least one target");
    }
    targets.forEach(
        (k, v) -> {
          if (v.target() != k) {
            throw new ValidationException("targets", "must key each rule by its own target");
          }
        });
    targets = Collections.unmodifiableMap(new EnumMap<>(targets));
    Check.present("pendingFollowUp", pendingFollowUp);
    Check.present("calendar", calendar);
  }

  /** A policy in the desk's calendar (or that of a matching {@link CalendarRule}). */
  public SlaPolicy(
      String name,
      Set<Priority> priorities,
      TicketMatch condition,
      Map<SlaTarget, TargetRule> targets,
      Optional<PendingFollowUp> pendingFollowUp) {
    this(name, priorities, condition, targets, pendingFollowUp, Optional.empty());
  }

  /** Starts a policy of this name. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** Whether the policy applies to the ticket. */
  public boolean appliesTo(Ticket ticket) {
    return priorities.contains(ticket.priority()) && condition.test(ticket);
  }

  /** The rule for {@code target}, if the policy sets one. */
  public Optional<TargetRule> rule(SlaTarget target) {
    return Optional.ofNullable(targets.get(target));
  }

  /** Builds a {@link SlaPolicy}; by default all priorities, every ticket, warning at 75%. */
  public static final class Builder {
    private final String name;
    private Set<Priority> priorities = EnumSet.allOf(Priority.class);
    private TicketMatch condition = TicketMatch.any();
    private final Map<SlaTarget, Duration> goals = new EnumMap<>(SlaTarget.class);
    private final Map<SlaTarget, Set<Status>> pausedBy = new EnumMap<>(SlaTarget.class);
    private final Map<SlaTarget, WarningLead> warnings = new EnumMap<>(SlaTarget.class);
    private WarningLead warning = WarningLead.percentElapsed(75);
    private Optional<PendingFollowUp> pendingFollowUp = Optional.empty();
    private Optional<BusinessCalendar> calendar = Optional.empty();

    private Builder(String name) {
      this.name = name;
    }

    /** The priorities it applies to; default all. */
    public Builder priorities(Priority... priorities) {
      Check.present("priorities", priorities);
      this.priorities =
          priorities.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(priorities));
      return this;
    }

    /** What else a ticket must satisfy; default every ticket. */
    public Builder when(TicketMatch condition) {
      this.condition = Check.present("condition", condition);
      return this;
    }

    /** Business time to the first public agent reply. */
    public Builder firstReply(Duration goal) {
      return target(SlaTarget.FIRST_REPLY, goal);
    }

    /** Business time from a customer's message to the next public agent reply. */
    public Builder nextReply(Duration goal) {
      return target(SlaTarget.NEXT_REPLY, goal);
    }

    /** Business time allowed between public agent replies while unsolved. */
    public Builder periodicUpdate(Duration goal) {
      return target(SlaTarget.PERIODIC_UPDATE, goal);
    }

    /** Business time to SOLVED. */
    public Builder resolution(Duration goal) {
      return target(SlaTarget.RESOLUTION, goal);
    }

    /** Sets a target's goal. */
    public Builder target(SlaTarget target, Duration goal) {
      Check.present("target", target);
      goals.put(target, Check.present(TargetRule.field(target), goal));
      return this;
    }

    /** Replaces the statuses that pause {@code target} (see {@link TargetRule#defaultPausedBy}). */
    public Builder pausedBy(SlaTarget target, Status... statuses) {
      Check.present("target", target);
      pausedBy.put(target, Set.of(Check.present("statuses", statuses)));
      return this;
    }

    /** When every target without its own lead warns; default 75% elapsed. */
    public Builder warning(WarningLead lead) {
      this.warning = Check.present("warning", lead);
      return this;
    }

    /** When {@code target} warns. */
    public Builder warning(SlaTarget target, WarningLead lead) {
      warnings.put(Check.present("target", target), Check.present("warning", lead));
      return this;
    }

    /**
     * What the policy's tickets get while PENDING (reminders, auto-solve), in place of the desk's
     * global {@code pendingFollowUp}; {@link PendingFollowUp#off()} gives them none.
     */
    public Builder pendingFollowUp(PendingFollowUp followUp) {
      this.pendingFollowUp = Optional.of(Check.present("pendingFollowUp", followUp));
      return this;
    }

    /**
     * The business calendar the policy's tickets count in, in place of the desk's; a {@link
     * CalendarRule} that matches a ticket still wins over it.
     */
    public Builder calendar(BusinessCalendar calendar) {
      this.calendar = Optional.of(Check.present("calendar", calendar));
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws ValidationException naming the target whose goal is zero or negative, a warning lead
     *     not shorter than its goal, or a missing priority or target
     */
    public SlaPolicy build() {
      Map<SlaTarget, TargetRule> rules = new EnumMap<>(SlaTarget.class);
      goals.forEach(
          (target, goal) ->
              rules.put(
                  target,
                  new TargetRule(
                      target,
                      goal,
                      pausedBy.getOrDefault(target, TargetRule.defaultPausedBy(target)),
                      warnings.getOrDefault(target, warning))));
      return new SlaPolicy(name, priorities, condition, rules, pendingFollowUp, calendar);
    }
  }
}
