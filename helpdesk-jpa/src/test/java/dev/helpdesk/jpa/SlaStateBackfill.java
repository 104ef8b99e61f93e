package dev.helpdesk.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSearch;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTimer;
import dev.helpdesk.sla.TargetRule;
import dev.helpdesk.sla.TicketTimers;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.sla.WarningLead;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.StatusTransitions;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code V9__search_sla.sql} gives tickets whose timers were stored before it: the SLA state
 * the adapter would have written. The columns are reset to their defaults and the script's update
 * run again over timers of every kind (running on two targets, breached, paused, met, none).
 */
final class SlaStateBackfill {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TargetRule FIRST =
      new TargetRule(
          SlaTarget.FIRST_REPLY, Duration.ofHours(1), Set.of(), WarningLead.percentElapsed(50));
  private static final TargetRule RESOLUTION =
      new TargetRule(
          SlaTarget.RESOLUTION, Duration.ofHours(8), Set.of(), WarningLead.percentElapsed(50));

  private SlaStateBackfill() {}

  /** Fails unless the script's update restores what the adapter wrote. */
  static void check(TestDatabase db) throws Exception {
    JpaHelpDeskStore store = db.freshStore();
    Ticket twoRunning = open(store, 1);
    Ticket breached = open(store, 2);
    Ticket paused = open(store, 3);
    Ticket met = open(store, 4);
    open(store, 5);
    store
        .slaTimers()
        .save(
            timers(
                twoRunning,
                timer(FIRST, TimerState.RUNNING, T0.plusSeconds(3600)),
                timer(RESOLUTION, TimerState.RUNNING, T0.plusSeconds(1800))));
    store
        .slaTimers()
        .save(
            timers(
                breached,
                timer(FIRST, TimerState.BREACHED, T0),
                timer(RESOLUTION, TimerState.RUNNING, T0.plusSeconds(7200))));
    store.slaTimers().save(timers(paused, timer(FIRST, TimerState.PAUSED, T0)));
    store.slaTimers().save(timers(met, timer(FIRST, TimerState.MET, T0)));
    List<SearchHit> written = everyTicket(store);
    assertEquals(
        new SlaState(Optional.of(T0.plusSeconds(1800)), false),
        written.get(0).sla(),
        "the adapter writes the earliest running due");
    assertEquals(new SlaState(Optional.of(T0.plusSeconds(7200)), true), written.get(1).sla());

    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      // Back to the columns' defaults: not breached, and the sentinel the ticket without timers
      // holds.
      s.executeUpdate("update hd_ticket set sla_breached = false");
      s.executeUpdate("update hd_ticket set sla_due_at = (select max(sla_due_at) from hd_ticket)");
      assertEquals(List.of(), store.tickets().search(search(TicketQuery.builder().slaBreached())));
      for (String statement :
          TestDatabase.statements(
              TestDatabase.script(db.database().scriptFolder() + "/V9__search_sla.sql"))) {
        if (statement.strip().startsWith("update")) {
          s.executeUpdate(statement);
        }
      }
    }

    assertEquals(written, everyTicket(store));
  }

  private static List<SearchHit> everyTicket(JpaHelpDeskStore store) {
    return store.tickets().search(search(TicketQuery.builder().sort(TicketSort.SLA_DUE)));
  }

  private static TicketSearch search(TicketQuery.Builder query) {
    return new TicketSearch(query.pageSize(100).build(), true, 100, T0);
  }

  private static Ticket open(JpaHelpDeskStore store, int n) {
    TicketChange change =
        TicketEdit.open(
                TicketId.random(),
                TicketKey.of("HD", 100 + n),
                NewTicket.builder()
                    .requester("c-1", "Customer", "c-1@example.com")
                    .subject("Ticket " + n)
                    .build(),
                Optional.empty(),
                Actor.customer("c-1"),
                T0,
                StatusTransitions.defaults())
            .done();
    store.tickets().save(change);
    return change.after();
  }

  private static SlaTimer timer(TargetRule rule, TimerState state, Instant due) {
    Instant start = due.minus(rule.goal());
    return new SlaTimer(
        rule,
        1,
        start,
        Duration.ZERO,
        state == TimerState.PAUSED ? Optional.of(start) : Optional.empty(),
        state,
        due,
        start.plus(rule.goal().dividedBy(2)),
        state == TimerState.BREACHED,
        state == TimerState.MET ? Optional.of(start) : Optional.empty());
  }

  private static TicketTimers timers(Ticket t, SlaTimer... timers) {
    Map<SlaTarget, SlaTimer> byTarget = new EnumMap<>(SlaTarget.class);
    for (SlaTimer timer : timers) {
      byTarget.put(timer.target(), timer);
    }
    return new TicketTimers(t.id(), t.version(), Optional.of("backfill"), byTarget);
  }
}
