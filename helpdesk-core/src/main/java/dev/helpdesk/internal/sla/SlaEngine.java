package dev.helpdesk.internal.sla;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ConcurrentUpdateException;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.sla.AlertedTicket;
import dev.helpdesk.sla.Escalation;
import dev.helpdesk.sla.SlaAlert;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.SlaTimer;
import dev.helpdesk.sla.SlaTimers;
import dev.helpdesk.sla.TargetRule;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SLA timers of every ticket in step with its changes. The facade calls {@link #plan}
 * inside every ticket change, before notifications are decided; the change pipeline stores the
 * timers it returns in the change's unit of work; applications do not call it. Thread-safe.
 *
 * <p>Within one change, in this order: crossings already due at the change's instant are recorded
 * first (so a reply that comes after the due instant is a breach, never a fulfilment), then the
 * change's events are applied one by one (opening starts first-reply and resolution; a public agent
 * reply fulfils reply targets and starts the next periodic update; a customer's public message
 * starts a next-reply cycle unless one is open; SOLVED ends every timer; a reopening starts a new
 * resolution cycle; a status change pauses or resumes; a priority or group change re-applies the
 * policy), and the escalations of any warning or breach run, which may add events of their own (a
 * raised priority), which are applied in turn. A cycle that ends before it was breached records
 * {@link TicketEvent.SlaMet}, so that every ended cycle is in the history as met or breached.
 *
 * <p>Each ticket counts in its own calendar, {@link #calendarOf(Ticket)}. It is not stored with the
 * timers but derived from the ticket: the calendar of the ticket as read is the one the timers
 * counted in so far, and when the ticket as changed (or as an escalation changed it) counts in
 * another, every running or paused timer switches to it at the change's instant, keeping the
 * business time counted so far ({@link SlaTimer#switchCalendar}).
 */
public final class SlaEngine {

  private static final Logger log = LoggerFactory.getLogger(SlaEngine.class);

  /** More events than this in one change means escalations feed each other: stop. */
  private static final int MAX_EVENTS = 1_000;

  /** How long timers may lag their ticket because the change that stores them is in flight. */
  private static final Duration IN_FLIGHT = Duration.ofSeconds(10);

  private final SlaSettings settings;
  // Without calendar rules or policy calendars every ticket counts in the desk's calendar: no rule
  // need be evaluated, and no change can switch calendars.
  private final boolean oneCalendar;
  private final SlaTimers store;
  private final Agents agents;

  /**
   * @param settings the calendar, policies and escalations
   * @param store where timers are kept
   * @param agents to look up whom escalations mail
   */
  public SlaEngine(SlaSettings settings, SlaTimers store, Agents agents) {
    this.settings = Check.present("settings", settings);
    this.oneCalendar =
        settings.calendarRules().isEmpty()
            && settings.policies().stream().allMatch(p -> p.calendar().isEmpty());
    this.store = Check.present("slaTimers", store);
    this.agents = Check.present("agents", agents);
  }

  /** The settings in force. */
  public SlaSettings settings() {
    return settings;
  }

  /**
   * The business calendar the ticket's time is counted in: its SLA timers, the first reply promised
   * in the acknowledgement, its pending follow-ups. The first calendar rule that matches it, else
   * its policy's calendar, else the desk's ({@link SlaSettings#calendarFor}).
   */
  public BusinessCalendar calendarOf(Ticket ticket) {
    return oneCalendar ? settings.calendar() : settings.calendarFor(ticket);
  }

  /**
   * The ticket's business calendar by {@code engine}, or, when the desk keeps no SLAs, {@link
   * BusinessCalendar#alwaysOpen()}: every hour of every day counts.
   */
  public static BusinessCalendar calendarOrAlwaysOpen(Optional<SlaEngine> engine, Ticket ticket) {
    Check.present("engine", engine);
    Check.present("ticket", ticket);
    return engine.map(e -> e.calendarOf(ticket)).orElse(BusinessCalendar.alwaysOpen());
  }

  /** The timer store. */
  public SlaTimers store() {
    return store;
  }

  /**
   * Brings the ticket's timers up to date with the edit, adding warnings, breaches and the
   * escalations' changes to it.
   *
   * @return the timers to store with the change; they belong to the ticket version the change
   *     makes, and the caller stores them in the change's unit of work (nothing is kept here)
   */
  public TicketTimers plan(TicketEdit edit) {
    Ticket current = edit.current();
    Work w = new Work(edit, load(edit));
    // Warnings and breaches the monitor's operation already recorded are not recorded again.
    for (TicketEvent e : edit.events()) {
      w.mark(e);
    }
    w.crossings();
    int next = 0;
    while (true) {
      List<TicketEvent> events = edit.events();
      if (events.size() > MAX_EVENTS) {
        throw new IllegalStateException("SLA escalations loop on ticket " + current.key());
      }
      if (next < events.size()) {
        w.apply(events.get(next++));
      } else {
        w.followCalendar();
        if (!w.crossings()) {
          break;
        }
      }
    }
    long version = edit.before().map(t -> t.version() + 1).orElse(1L);
    return w.result(version);
  }

  /** Stores timers planned for changes that are being stored, in the same unit of work. */
  public void store(List<TicketTimers> timers) {
    timers.forEach(store::save);
  }

  /**
   * The monitor's operation on a due ticket: records the warnings and breaches due at the edit's
   * instant (the change that stores them then runs {@link #plan}, which escalates).
   */
  public void recordDue(TicketEdit edit) {
    new Work(edit, load(edit)).crossings();
  }

  /**
   * The earliest due time among the ticket's open timers, if any: what a queue of waiting tickets
   * is served by, so the promise that falls due first is kept first.
   */
  public Optional<Instant> nextDue(TicketId ticketId) {
    return store
        .byTicket(ticketId)
        .flatMap(
            tt ->
                tt.timers().values().stream()
                    .filter(SlaTimer::isOpen)
                    .map(SlaTimer::dueAt)
                    .min(Instant::compareTo));
  }

  /** When the ticket's first reply is due, while it is awaited. */
  public Optional<Instant> firstReplyDue(TicketId ticketId) {
    return store.byTicket(ticketId).flatMap(SlaEngine::firstReplyDueBy);
  }

  /** The ticket's timers as they stand at {@code now}, measured in the ticket's calendar. */
  public List<SlaStatus> status(Ticket ticket, Instant now) {
    BusinessCalendar calendar = calendarOf(ticket);
    List<SlaStatus> result = new ArrayList<>();
    store
        .byTicket(ticket.id())
        .ifPresent(
            tt ->
                tt.timers()
                    .values()
                    .forEach(
                        t ->
                            result.add(
                                new SlaStatus(
                                    t.target(),
                                    t.cycle(),
                                    t.state(),
                                    t.startedAt(),
                                    t.dueAt(),
                                    t.pausedSoFar()
                                        .plus(
                                            t.pausedSince()
                                                .map(p -> calendar.between(p, now))
                                                .orElse(Duration.ZERO)),
                                    t.remaining(now, calendar),
                                    t.endedAt()))));
    return result;
  }

  /** When the first reply is due by these timers, while it is awaited. */
  public static Optional<Instant> firstReplyDueBy(TicketTimers tt) {
    return tt.timer(SlaTarget.FIRST_REPLY).filter(SlaTimer::isOpen).map(SlaTimer::dueAt);
  }

  private TicketTimers load(TicketEdit edit) {
    TicketId id = edit.current().id();
    if (edit.before().isEmpty()) {
      return TicketTimers.none(id);
    }
    Ticket before = edit.before().get();
    Optional<TicketTimers> stored = store.byTicket(id);
    // Timers older than the ticket, just after its last change, mean that change is still storing
    // them: let the desk read both again rather than build on the old timers. Older for longer
    // means they were lost (a crash between the two writes): carry on from what is stored.
    if (stored.isPresent()
        && stored.get().ticketVersion() < before.version()
        && Duration.between(before.updatedAt(), edit.at()).compareTo(IN_FLIGHT) < 0) {
      throw new ConcurrentUpdateException("slaTimers", id.toString(), before.version());
    }
    return stored.orElse(TicketTimers.none(id));
  }

  /** The timers of one ticket while one edit is worked through. */
  private final class Work {
    private final TicketEdit edit;
    private final Instant at;
    private final Map<SlaTarget, SlaTimer> timers;
    private Optional<String> policy;
    private Status status;
    // The calendar the timers have counted in so far: the ticket's as read.
    private BusinessCalendar calendar;

    Work(TicketEdit edit, TicketTimers loaded) {
      this.edit = edit;
      this.at = edit.at();
      this.timers = new EnumMap<>(SlaTarget.class);
      this.timers.putAll(loaded.timers());
      this.policy = loaded.policy();
      this.status = edit.before().map(Ticket::status).orElse(Status.NEW);
      this.calendar = calendarOf(edit.before().orElseGet(edit::current));
    }

    /**
     * Follows the ticket into the calendar it counts in as it stands in the edit. Every step of a
     * change happens at the change's instant, so the switch is exact whichever step caused it.
     */
    void followCalendar() {
      if (oneCalendar) {
        return;
      }
      BusinessCalendar now = calendarOf(edit.current());
      if (now != calendar) {
        BusinessCalendar old = calendar;
        timers.replaceAll((k, t) -> t.switchCalendar(at, old, now));
        calendar = now;
      }
    }

    TicketTimers result(long version) {
      return new TicketTimers(edit.current().id(), version, policy, timers);
    }

    /** Marks a warning or breach already recorded in the edit. */
    void mark(TicketEvent e) {
      if (e instanceof TicketEvent.SlaWarned s) {
        update(s.target(), s.cycle(), SlaTimer::markWarned);
      } else if (e instanceof TicketEvent.SlaBreached s) {
        update(s.target(), s.cycle(), SlaTimer::markBreached);
      }
    }

    private void update(SlaTarget target, int cycle, UnaryOperator<SlaTimer> f) {
      SlaTimer t = timers.get(target);
      if (t != null && t.cycle() == cycle) {
        timers.put(target, f.apply(t));
      }
    }

    /** Records the warnings and breaches due at the edit's instant; whether it recorded any. */
    boolean crossings() {
      boolean any = false;
      for (SlaTimer t : List.copyOf(timers.values())) {
        if (t.state() != TimerState.RUNNING) {
          continue;
        }
        SlaTimer now = t;
        if (!now.warned() && !at.isBefore(now.warnAt())) {
          edit.slaWarned(now.target(), now.cycle(), now.dueAt());
          now = now.markWarned();
          any = true;
        }
        if (!at.isBefore(now.dueAt())) {
          edit.slaBreached(now.target(), now.cycle(), now.dueAt());
          now = now.markBreached();
          any = true;
        }
        timers.put(now.target(), now);
      }
      return any;
    }

    void apply(TicketEvent event) {
      followCalendar();
      if (event instanceof TicketEvent.SlaWarned s) {
        escalate(settings.onWarning(), new SlaAlert(false, s.target(), s.cycle(), s.dueAt(), at));
      } else if (event instanceof TicketEvent.SlaBreached s) {
        escalate(settings.onBreach(), new SlaAlert(true, s.target(), s.cycle(), s.dueAt(), at));
      } else if (event instanceof TicketEvent.Created) {
        Optional<SlaPolicy> p = settings.policyFor(edit.current());
        policy = p.map(SlaPolicy::name);
        p.ifPresent(
            pol -> {
              startNew(pol, SlaTarget.FIRST_REPLY);
              startNew(pol, SlaTarget.RESOLUTION);
            });
      } else if (event instanceof TicketEvent.MessageAdded m) {
        onMessage(m);
      } else if (event instanceof TicketEvent.StatusChanged s) {
        onStatus(s);
      } else if (event instanceof TicketEvent.PriorityChanged
          || event instanceof TicketEvent.GroupChanged) {
        reapply();
      }
      // Assignment does not touch the timers.
    }

    private void onMessage(TicketEvent.MessageAdded m) {
      // The description a ticket is opened with is not a reply.
      if (m.visibility() != Visibility.PUBLIC || edit.before().isEmpty()) {
        return;
      }
      Optional<SlaPolicy> pol = currentPolicy();
      if (m.actor() instanceof Actor.Agent) {
        end(SlaTarget.FIRST_REPLY);
        end(SlaTarget.NEXT_REPLY);
        end(SlaTarget.PERIODIC_UPDATE);
        if (status.isUnsolved()) {
          pol.ifPresent(p -> startNew(p, SlaTarget.PERIODIC_UPDATE));
        }
      } else if (m.actor() instanceof Actor.Customer) {
        // A second message while a reply is awaited does not restart the clock.
        if (!isOpen(SlaTarget.FIRST_REPLY) && !isOpen(SlaTarget.NEXT_REPLY)) {
          pol.ifPresent(p -> startNew(p, SlaTarget.NEXT_REPLY));
        }
      }
    }

    private void onStatus(TicketEvent.StatusChanged s) {
      status = s.to();
      if (!s.to().isUnsolved()) {
        for (SlaTarget target : List.copyOf(timers.keySet())) {
          end(target);
        }
        return;
      }
      if (s.from() == Status.SOLVED) {
        currentPolicy().ifPresent(p -> startNew(p, SlaTarget.RESOLUTION));
      }
      timers.replaceAll((k, t) -> t.follow(status, at, calendar));
    }

    private void reapply() {
      Optional<SlaPolicy> p = settings.policyFor(edit.current());
      policy = p.map(SlaPolicy::name);
      for (SlaTarget target : List.copyOf(timers.keySet())) {
        SlaTimer t = timers.get(target);
        if (!t.isOpen()) {
          continue;
        }
        Optional<TargetRule> rule = p.flatMap(pol -> pol.rule(target));
        if (rule.isPresent()) {
          timers.put(target, t.withRule(rule.get(), status, at, calendar));
        } else {
          timers.remove(target);
        }
      }
      // A resolution target the old policy lacked starts now; reply targets start with messages.
      if (p.isPresent() && !timers.containsKey(SlaTarget.RESOLUTION) && status.isUnsolved()) {
        startNew(p.get(), SlaTarget.RESOLUTION);
      }
    }

    private Optional<SlaPolicy> currentPolicy() {
      return policy.flatMap(
          name -> settings.policies().stream().filter(p -> p.name().equals(name)).findFirst());
    }

    private void startNew(SlaPolicy p, SlaTarget target) {
      p.rule(target)
          .ifPresent(
              rule -> {
                int cycle =
                    Optional.ofNullable(timers.get(target)).map(t -> t.cycle() + 1).orElse(1);
                timers.put(target, SlaTimer.start(rule, cycle, at, status, calendar));
              });
    }

    private void end(SlaTarget target) {
      SlaTimer t = timers.get(target);
      if (t != null) {
        SlaTimer ended = t.end(at);
        if (t.isOpen() && ended.state() == TimerState.MET) {
          // Recorded so that compliance can count the cycles kept, not only those broken.
          edit.slaMet(target, t.cycle(), t.dueAt());
        }
        timers.put(target, ended);
      }
    }

    private boolean isOpen(SlaTarget target) {
      SlaTimer t = timers.get(target);
      return t != null && t.isOpen();
    }

    private void escalate(List<Escalation> escalations, SlaAlert alert) {
      for (Escalation e : escalations) {
        try {
          e.escalate(alert, alerted(edit), agents);
        } catch (RuntimeException ex) {
          log.warn("Escalation {} failed on {} of {}; skipped", e, alert, edit.current().key(), ex);
        }
      }
    }
  }

  /** The view of an edit an escalation may add to. */
  private static AlertedTicket alerted(TicketEdit edit) {
    return new AlertedTicket() {
      @Override
      public Ticket ticket() {
        return edit.current();
      }

      @Override
      public Instant at() {
        return edit.at();
      }

      @Override
      public void changePriority(Priority to) {
        edit.changePriority(to);
      }

      @Override
      public void changeGroup(GroupId to) {
        edit.changeGroup(Optional.of(to));
      }

      @Override
      public void unassign() {
        edit.unassign();
      }

      @Override
      public void notify(Notification notification) {
        edit.notify(notification);
      }
    };
  }
}
