package dev.helpdesk.assignment;

import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How a desk assigns tickets: built with {@link #builder()} and given to {@code
 * HelpDesk.builder().assignment(policy)}. Without one, a desk assigns only by hand ({@link
 * #manual()}).
 *
 * @param automatic whether tickets are assigned by the strategy when opened, when they wait in the
 *     queue and an agent frees capacity or comes online, and when reopened
 * @param strategy who gets a ticket
 * @param filters conditions beyond availability, group and capacity that every strategy respects
 * @param countPending whether PENDING tickets count as active load (NEW and OPEN always do)
 * @param onOffline what happens to an agent's active tickets when they go OFFLINE
 * @param noReply reassign, then escalate, an assigned ticket no agent replied to within a business
 *     time, if set (acted on by {@code HelpDesk.escalateOverdue()}); see {@link NoReplyRule}
 * @param escalationGroup the supervisors for tickets whose agent has no escalation group, if any
 * @param queueOrder the order in which waiting tickets are served; the default is priority, then
 *     age, and with SLAs kept priority, then SLA due time ({@link #priorityThenDue})
 * @param drainBatch how many waiting tickets one pass over the queue looks at, at least 1
 */
public record AssignmentPolicy(
    boolean automatic,
    AssignmentStrategy strategy,
    List<AssignmentFilter> filters,
    boolean countPending,
    OfflineRule onOffline,
    Optional<NoReplyRule> noReply,
    Optional<GroupId> escalationGroup,
    Comparator<Ticket> queueOrder,
    int drainBatch) {

  /** Most urgent first, then oldest, then by id: the order of the store's unassigned queue. */
  public static final Comparator<Ticket> PRIORITY_THEN_AGE =
      Comparator.comparing(Ticket::priority, Comparator.reverseOrder())
          .thenComparing(Ticket::createdAt)
          .thenComparing(t -> t.id().value());

  /**
   * Most urgent first, then the earliest SLA due time (tickets with none after those with one),
   * then oldest: the queue order the desk uses in place of {@link #PRIORITY_THEN_AGE} when SLAs are
   * kept.
   *
   * @param dueOf when a waiting ticket's SLA falls due, if it has a running target
   */
  public static Comparator<Ticket> priorityThenDue(Function<Ticket, Optional<Instant>> dueOf) {
    Check.present("dueOf", dueOf);
    return Comparator.comparing(Ticket::priority, Comparator.reverseOrder())
        .thenComparing(
            t -> dueOf.apply(t).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(PRIORITY_THEN_AGE);
  }

  /** This policy serving the queue in {@code order}. */
  public AssignmentPolicy withQueueOrder(Comparator<Ticket> order) {
    return new AssignmentPolicy(
        automatic,
        strategy,
        filters,
        countPending,
        onOffline,
        noReply,
        escalationGroup,
        order,
        drainBatch);
  }

  /**
   * This policy with {@code rule} as its no-reply rule, replacing any it had (how the Spring Boot
   * starter applies its {@code helpdesk.assignment.no-reply-*} properties to a declared policy).
   */
  public AssignmentPolicy withNoReply(NoReplyRule rule) {
    return new AssignmentPolicy(
        automatic,
        strategy,
        filters,
        countPending,
        onOffline,
        Optional.of(Check.present("noReply", rule)),
        escalationGroup,
        queueOrder,
        drainBatch);
  }

  /** What happens to an agent's active tickets when they go OFFLINE. */
  public enum OfflineRule {
    /** They stay with the agent. */
    KEEP,
    /** They are unassigned and go back to the queue, to be assigned to others. */
    REQUEUE
  }

  /** Validates the policy and freezes the filters. */
  public AssignmentPolicy {
    Check.present("strategy", strategy);
    filters = List.copyOf(Check.present("filters", filters));
    Check.present("onOffline", onOffline);
    Check.present("noReply", noReply);
    Check.present("escalationGroup", escalationGroup);
    Check.present("queueOrder", queueOrder);
    Check.positive("drainBatch", drainBatch);
  }

  /** Assignment by hand only: nothing is assigned automatically; capacity still holds. */
  public static AssignmentPolicy manual() {
    return builder().automatic(false).build();
  }

  /** A builder for an automatic policy: least-loaded, PENDING not counted, tickets kept. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The no-reply wait, if the policy has a no-reply rule.
   *
   * @deprecated use {@link #noReply()}: the rule also says how often the ticket is reassigned
   *     before it is escalated, and counts the wait in business time
   */
  @Deprecated
  public Optional<Duration> escalateAfterNoReply() {
    return noReply.map(NoReplyRule::within);
  }

  /** The statuses that count as active load. */
  public Set<Status> countedStatuses() {
    return countPending
        ? Set.copyOf(EnumSet.of(Status.NEW, Status.OPEN, Status.PENDING))
        : Set.copyOf(EnumSet.of(Status.NEW, Status.OPEN));
  }

  /** Builds an {@link AssignmentPolicy}. */
  public static final class Builder {
    private boolean automatic = true;
    private AssignmentStrategy strategy = Strategies.leastLoaded();
    private final List<AssignmentFilter> filters = new ArrayList<>();
    private boolean countPending;
    private OfflineRule onOffline = OfflineRule.KEEP;
    private Optional<NoReplyRule> noReply = Optional.empty();
    private Optional<GroupId> escalationGroup = Optional.empty();
    private Comparator<Ticket> queueOrder = PRIORITY_THEN_AGE;
    private int drainBatch = 200;

    private Builder() {}

    /** Whether to assign automatically; default true. */
    public Builder automatic(boolean automatic) {
      this.automatic = automatic;
      return this;
    }

    /**
     * Who gets a ticket; default {@link Strategies#leastLoaded()}. A null strategy is refused with
     * a {@code ValidationException} naming {@code strategy}.
     */
    public Builder strategy(AssignmentStrategy strategy) {
      this.strategy = Check.present("strategy", strategy);
      return this;
    }

    /** Adds a condition every strategy respects. */
    public Builder filter(AssignmentFilter filter) {
      filters.add(Check.present("filter", filter));
      return this;
    }

    /** Whether PENDING tickets count as active load; default false. */
    public Builder countPending(boolean countPending) {
      this.countPending = countPending;
      return this;
    }

    /** What happens to an agent's active tickets when they go OFFLINE; default KEEP. */
    public Builder onOffline(OfflineRule rule) {
      this.onOffline = Check.present("onOffline", rule);
      return this;
    }

    /**
     * Escalates assigned tickets no agent replied to within {@code period} of business time.
     *
     * @deprecated use {@link #noReply(Duration, int)}; this is {@code noReply(period, 0)}
     * @throws ValidationException naming {@code within} if the period is not positive
     */
    @Deprecated
    public Builder escalateAfterNoReply(Duration period) {
      return noReply(period, 0);
    }

    /**
     * After {@code within} of business time (the ticket's business calendar; every hour without
     * SLAs) with no public agent reply on an assigned NEW or OPEN ticket, reassigns it to another
     * eligible agent by the strategy, at most {@code reassignments} times, never to an agent it had
     * since the chain began; the next lapse escalates it to the supervisor group. See {@link
     * NoReplyRule}.
     *
     * @throws ValidationException naming {@code within} or {@code reassignments}
     */
    public Builder noReply(Duration within, int reassignments) {
      this.noReply = Optional.of(new NoReplyRule(within, reassignments));
      return this;
    }

    /** The supervisors for tickets whose agent names no escalation group of their own. */
    public Builder escalationGroup(GroupId group) {
      this.escalationGroup = Optional.of(Check.present("escalationGroup", group));
      return this;
    }

    /** The order waiting tickets are served in; default {@link #PRIORITY_THEN_AGE}. */
    public Builder queueOrder(Comparator<Ticket> order) {
      this.queueOrder = Check.present("queueOrder", order);
      return this;
    }

    /** How many waiting tickets one pass over the queue looks at; default 200. */
    public Builder drainBatch(int size) {
      this.drainBatch = Check.positive("drainBatch", size);
      return this;
    }

    /** Builds the policy. */
    public AssignmentPolicy build() {
      return new AssignmentPolicy(
          automatic,
          strategy,
          filters,
          countPending,
          onOffline,
          noReply,
          escalationGroup,
          queueOrder,
          drainBatch);
    }
  }
}
