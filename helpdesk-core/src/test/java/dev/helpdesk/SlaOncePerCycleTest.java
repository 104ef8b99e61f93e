package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.sla.TimerState;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever happens to a ticket and however often the monitor ticks, each target cycle warns at most
 * once and breaches at most once, and its state says whether it did.
 */
class SlaOncePerCycleTest {

  @Test
  void warningAndBreachFireExactlyOncePerCycle() {
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, 8 * 60 * 60)).ofSizeBetween(1, 25))
        .checkAssert(
            steps -> {
              DeskFixture f = SlaFixture.desk();
              HelpDesk desk = f.desk;
              Ticket t = desk.assign(BEA, desk.open(ANA, request("c-ana").build()).id(), BEA_ID);
              int i = 0;
              for (int step : steps) {
                // Advance up to 80 minutes, then do one of ten things the step picks.
                f.clock.advance(Duration.ofSeconds(step % 4_800));
                switch ((step / 4_800) % 10) {
                  case 0, 1, 2 -> desk.slaMonitor().orElseThrow().tick();
                  case 3 -> desk.reply(ANA, t.id(), "Customer message " + i);
                  case 4 -> desk.reply(BEA, t.id(), "Agent reply " + i);
                  case 5 -> desk.changePriority(BEA, t.id(), Priority.URGENT);
                  case 6 -> desk.changePriority(BEA, t.id(), Priority.NORMAL);
                  case 7 -> changeStatus(desk, t, Status.PENDING);
                  case 8 -> changeStatus(desk, t, Status.ON_HOLD);
                  default -> changeStatus(desk, t, Status.OPEN);
                }
                i++;
              }
              f.clock.advance(Duration.ofDays(10));
              desk.slaMonitor().orElseThrow().tick();
              desk.slaMonitor().orElseThrow().tick();
              List<TicketEvent> events = SlaFixture.slaEvents(f, t);
              for (SlaStatus s : desk.slaStatus(BEA, t.id())) {
                long warned =
                    SlaFixture.count(events, TicketEvent.SlaWarned.class, s.target(), s.cycle());
                long breached =
                    SlaFixture.count(events, TicketEvent.SlaBreached.class, s.target(), s.cycle());
                assertTrue(warned <= 1, s + " warned " + warned);
                assertEquals(s.state() == TimerState.BREACHED ? 1 : 0, breached, s.toString());
                if (s.state() == TimerState.BREACHED) {
                  assertEquals(1, warned, s.toString());
                }
                // Ten days later every running timer has breached.
                assertTrue(s.state() != TimerState.RUNNING, s.toString());
              }
              // No (target, cycle) ever appears twice, also for earlier cycles.
              assertEquals(
                  events.stream().map(SlaOncePerCycleTest::key).distinct().count(), events.size());
            });
  }

  private static String key(TicketEvent e) {
    return e instanceof TicketEvent.SlaWarned w
        ? "W" + w.target() + w.cycle()
        : "B" + ((TicketEvent.SlaBreached) e).target() + ((TicketEvent.SlaBreached) e).cycle();
  }

  private static void changeStatus(HelpDesk desk, Ticket t, Status to) {
    desk.changeStatus(BEA, t.id(), to);
  }
}
