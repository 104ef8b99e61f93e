package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the desk needs to keep SLAs: the business calendar, the policies in order, and what to
 * do on a warning or breach. Give it to {@code HelpDesk.builder().sla(...)}.
 *
 * <pre>{@code
 * SlaSettings sla = SlaSettings.builder(calendar)
 *     .policy(SlaPolicy.named("urgent").priorities(URGENT).firstReply(ofHours(1)).build())
 *     .policy(SlaPolicy.named("default").firstReply(ofHours(8)).resolution(ofDays(3)).build())
 *     .onBreach(Escalation.raisePriority(), Escalation.notifyAssignee())
 *     .build();
 * }</pre>
 *
 * @param calendar the desk's business hours: what every target counts in unless a calendar rule or
 *     the ticket's policy chooses another ({@link #calendarFor})
 * @param policies in order; the first that applies to a ticket wins
 * @param onWarning run when a target warns (default: mail the assignee and the members of the
 *     assignee's escalation group, {@link Escalation#notifySupervisors()})
 * @param onBreach run when a target breaches (default: the same as on a warning)
 * @param monitorBatch how many due tickets the monitor claims at a time
 * @param monitorClaim how long a claimed ticket is left to one monitor before another may take it
 * @param calendarRules in order; the first that matches a ticket chooses its calendar
 */
public record SlaSettings(
    BusinessCalendar calendar,
    List<SlaPolicy> policies,
    List<Escalation> onWarning,
    List<Escalation> onBreach,
    int monitorBatch,
    Duration monitorClaim,
    List<CalendarRule> calendarRules) {

  /** Validates and freezes. */
  public SlaSettings {
    Check.present("calendar", calendar);
    policies = List.copyOf(Check.present("policies", policies));
    if (policies.isEmpty()) {
      throw new ValidationException("policies", "must hold at least one policy");
    }
    Set<String> names = new HashSet<>();
    for (SlaPolicy p : policies) {
      if (!names.add(p.name())) {
        throw new ValidationException(
            "policies", "must have unique names ('" + p.name() + "' twice)");
      }
    }
    onWarning = List.copyOf(Check.present("onWarning", onWarning));
    onBreach = List.copyOf(Check.present("onBreach", onBreach));
    Check.positive("monitorBatch", monitorBatch);
    Check.present("monitorClaim", monitorClaim);
    if (monitorClaim.isNegative() || monitorClaim.isZero()) {
      throw new ValidationException("monitorClaim", "must be positive (was " + monitorClaim + ")");
    }
    calendarRules = List.copyOf(Check.present("calendarRules", calendarRules));
  }

  /** Settings where every ticket counts in {@code calendar} or its policy's calendar. */
  public SlaSettings(
      BusinessCalendar calendar,
      List<SlaPolicy> policies,
      List<Escalation> onWarning,
      List<Escalation> onBreach,
      int monitorBatch,
      Duration monitorClaim) {
    this(calendar, policies, onWarning, onBreach, monitorBatch, monitorClaim, List.of());
  }

  /** Starts settings over {@code calendar}. */
  public static Builder builder(BusinessCalendar calendar) {
    return new Builder(calendar);
  }

  /** The first policy that applies to the ticket. */
  public Optional<SlaPolicy> policyFor(Ticket ticket) {
    for (SlaPolicy p : policies) {
      if (p.appliesTo(ticket)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The business calendar the ticket's targets count in, as it stands now: the calendar of the
   * first {@link CalendarRule} that matches it, else the calendar of the first policy that applies
   * to it if that policy has one, else the desk's {@link #calendar()}. Rules come first because
   * they say where the ticket is handled (its group, its region), which decides the working hours,
   * while a policy says what is promised.
   */
  public BusinessCalendar calendarFor(Ticket ticket) {
    Check.present("ticket", ticket);
    for (CalendarRule rule : calendarRules) {
      if (rule.appliesTo(ticket)) {
        return rule.calendar();
      }
    }
    return policyFor(ticket).flatMap(SlaPolicy::calendar).orElse(calendar);
  }

  /** Builds {@link SlaSettings}. */
  public static final class Builder {
    private final BusinessCalendar calendar;
    private final List<SlaPolicy> policies = new ArrayList<>();
    private final List<CalendarRule> calendarRules = new ArrayList<>();
    // The promise: SLA mail goes to the assignee and the supervisor group. Agents without
    // an escalation group get the assignee's mail only, as before.
    private List<Escalation> onWarning =
        List.of(Escalation.notifyAssignee(), Escalation.notifySupervisors());
    private List<Escalation> onBreach =
        List.of(Escalation.notifyAssignee(), Escalation.notifySupervisors());
    private int monitorBatch = 100;
    private Duration monitorClaim = Duration.ofMinutes(1);

    private Builder(BusinessCalendar calendar) {
      this.calendar = Check.present("calendar", calendar);
    }

    /** Adds a policy after those already added. */
    public Builder policy(SlaPolicy policy) {
      policies.add(Check.present("policy", policy));
      return this;
    }

    /**
     * Adds a calendar rule after those already added: tickets that {@code match} count their
     * targets in {@code calendar} (the first matching rule wins, ahead of the policy's calendar).
     */
    public Builder calendar(TicketMatch match, BusinessCalendar calendar) {
      return calendar(new CalendarRule(match, calendar));
    }

    /** Adds a calendar rule after those already added. */
    public Builder calendar(CalendarRule rule) {
      calendarRules.add(Check.present("calendarRule", rule));
      return this;
    }

    /** Replaces what happens on a warning (none: record the event only). */
    public Builder onWarning(Escalation... escalations) {
      this.onWarning = List.of(Check.present("onWarning", escalations));
      return this;
    }

    /** Replaces what happens on a breach (none: record the event only). */
    public Builder onBreach(Escalation... escalations) {
      this.onBreach = List.of(Check.present("onBreach", escalations));
      return this;
    }

    /** How many due tickets the monitor claims at a time; default 100. */
    public Builder monitorBatch(int batch) {
      this.monitorBatch = batch;
      return this;
    }

    /** How long a monitor's claim on a due ticket lasts; default 1 minute. */
    public Builder monitorClaim(Duration claim) {
      this.monitorClaim = claim;
      return this;
    }

    /** Builds the settings. */
    public SlaSettings build() {
      return new SlaSettings(
          calendar, policies, onWarning, onBreach, monitorBatch, monitorClaim, calendarRules);
    }
  }
}
