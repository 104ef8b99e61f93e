package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.request;
import static dev.helpdesk.SlaFixture.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SLA engine records a met cycle as it records a breached one, so that compliance can be
 * counted; the clock starts Mon 2026-03-02 10:00 Berlin (normal: first reply 4h, next reply 4h,
 * periodic update 7h, resolution 14h of office time).
 */
class SlaMetTest {

  private final DeskFixture f = SlaFixture.desk();
  private final HelpDesk desk = f.desk;

  private List<TicketEvent> outcomes(Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(e -> e instanceof TicketEvent.SlaMet || e instanceof TicketEvent.SlaBreached)
        .toList();
  }

  @Test
  void aReplyInTimeMeetsTheFirstReplyAndASolveInTimeTheResolution() {
    Ticket t = desk.open(ANA, request("c-ana").priority(Priority.NORMAL).build());
    desk.assign(BEA, t.id(), BEA_ID);
    f.clock.advance(Duration.ofHours(1));

    desk.reply(BEA, t.id(), "Your seat is 12A.");
    desk.changeStatus(BEA, t.id(), Status.SOLVED);

    List<TicketEvent> outcomes = outcomes(t);
    assertEquals(3, outcomes.size(), outcomes.toString());
    assertEquals(
        new TicketEvent.SlaMet(
            t.id(), BEA, f.clock.instant(), SlaTarget.FIRST_REPLY, 1, berlin("2026-03-02T15:00")),
        outcomes.get(0));
    TicketEvent.SlaMet periodic = (TicketEvent.SlaMet) outcomes.get(1);
    assertEquals(SlaTarget.PERIODIC_UPDATE, periodic.target(), "ended by the solve");
    TicketEvent.SlaMet resolution = (TicketEvent.SlaMet) outcomes.get(2);
    assertEquals(SlaTarget.RESOLUTION, resolution.target());
    assertTrue(
        desk.ticket(ANA, t.id()).history().stream().noneMatch(e -> e instanceof TicketEvent.SlaMet),
        "customers do not see the team's measures");
  }

  @Test
  void aBreachedCycleIsNeverAlsoMet() {
    Ticket t = desk.open(ANA, request("c-ana").priority(Priority.NORMAL).build());
    desk.assign(BEA, t.id(), BEA_ID);
    f.clock.set(berlin("2026-03-02T16:00"));

    desk.reply(BEA, t.id(), "Sorry for the wait.");

    List<TicketEvent> outcomes = outcomes(t);
    assertEquals(1, outcomes.size(), outcomes.toString());
    TicketEvent.SlaBreached breach = (TicketEvent.SlaBreached) outcomes.get(0);
    assertEquals(SlaTarget.FIRST_REPLY, breach.target());
    assertEquals(berlin("2026-03-02T15:00"), breach.dueAt());
  }
}
