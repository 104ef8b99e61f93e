package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAL;
import static dev.helpdesk.DeskFixture.CAL_ID;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.SlaTarget;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The desk's metrics on a small day of work, and who may read them. */
class MetricsTest {

  @Test
  void aDayOfWork() {
    DeskFixture f = SlaFixture.desk(); // Mon 10:00 Berlin; normal: first reply 4h, resolution 14h
    HelpDesk desk = f.desk;
    Instant start = f.clock.instant();
    Ticket a = desk.open(ANA, request("c-ana").build());
    Ticket b = desk.open(BOB, request("c-bob").priority(Priority.HIGH).build());
    desk.open(BOB, request("c-bob").priority(Priority.URGENT).build());
    desk.assign(BEA, a.id(), BEA_ID);
    desk.assign(CAL, b.id(), CAL_ID);
    f.clock.advance(Duration.ofMinutes(30));
    desk.reply(BEA, a.id(), "Your seat is 12A.");
    desk.changeStatus(BEA, a.id(), Status.SOLVED);
    f.clock.advance(Duration.ofMinutes(60));
    desk.reply(CAL, b.id(), "Refund is on its way.");
    desk.rate(ANA, a.id(), Rating.BAD, "12A is a window seat, I asked for an aisle.");
    f.clock.advance(Duration.ofMinutes(30));
    desk.changeStatus(BEA, a.id(), Status.SOLVED);
    desk.rate(ANA, a.id(), Rating.GOOD, null);
    Instant end = f.clock.instant().plusSeconds(1);

    MetricsReport r = desk.metrics(BEA, start, end);

    assertEquals(3, r.opened());
    assertEquals(
        new DurationStats(
            2, Optional.of(Duration.ofMinutes(60)), Optional.of(Duration.ofMinutes(90))),
        r.firstReply());
    assertEquals(
        new DurationStats(
            1, Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofMinutes(30))),
        r.resolution(),
        "from opening to the first solve");
    assertEquals(1, r.reopens(), "the bad rating reopened it");
    assertEquals(new SlaCompliance(2, 0), r.sla().get(SlaTarget.FIRST_REPLY));
    assertEquals(new SlaCompliance(2, 0), r.sla().get(SlaTarget.RESOLUTION), "both solves");
    assertEquals(new SatisfactionScore(1, 1), r.satisfaction());
    assertEquals(Map.of(BEA_ID, new SatisfactionScore(1, 1)), r.satisfactionByAgent());
    assertEquals(Map.of(), r.satisfactionByGroup(), "a was in no group");
    assertEquals(Map.of(CAL_ID, 1L), r.loadByAgent());
    assertEquals(1L, r.queueByPriority().get(Priority.URGENT));
    assertEquals(0L, r.queueByPriority().get(Priority.HIGH));
    assertEquals(1L, r.unsolvedByPriority().get(Priority.HIGH));

    MetricsReport later = desk.metrics(BEA, end, end.plus(Duration.ofDays(1)));
    assertEquals(0, later.opened());
    assertEquals(DurationStats.NONE, later.firstReply());
    assertEquals(SatisfactionScore.NONE, later.satisfaction());
    assertEquals(r.loadByAgent(), later.loadByAgent(), "the load is now, whatever the range");
  }

  @Test
  void customersMayNotReadMetricsAndTheRangeMustNotBeEmpty() {
    DeskFixture f = new DeskFixture();
    Instant now = f.clock.instant();
    assertThrows(AccessDeniedException.class, () -> f.desk.metrics(ANA, now, now.plusSeconds(1)));
    ValidationException empty =
        assertThrows(ValidationException.class, () -> f.desk.metrics(BEA, now, now));
    assertEquals("to", empty.field());
    assertThrows(ValidationException.class, () -> f.desk.metrics(BEA, now, null));
  }

  @Test
  void aCustomStoreNeedsItsMetricsNamed() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemoryTickets real = new InMemoryTickets(outbox);
    HelpDesk unnamed = HelpDesk.builder().tickets(new DelegatingTickets(real), outbox).build();
    Instant now = unnamed.clock().instant();
    dev.helpdesk.common.HelpDeskException e =
        assertThrows(
            dev.helpdesk.common.HelpDeskException.class,
            () ->
                unnamed.metrics(
                    dev.helpdesk.actor.Actor.system("report"), now, now.plusSeconds(1)));
    assertEquals(true, e.getMessage().contains("metrics("), e.getMessage());

    HelpDesk named =
        HelpDesk.builder()
            .tickets(new DelegatingTickets(real), outbox)
            .metrics(real.metrics())
            .build();
    named.open(ANA, request("c-ana").build());
    assertEquals(
        1,
        named
            .metrics(
                dev.helpdesk.actor.Actor.system("report"), now.minusSeconds(1), now.plusSeconds(60))
            .opened());
  }
}
