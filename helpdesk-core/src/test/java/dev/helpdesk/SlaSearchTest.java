package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.request;
import static dev.helpdesk.SlaFixture.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.sla.SlaMonitor;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Searching by SLA state through the facade, with the desk's own SLA engine and monitor: the state
 * the timers give each ticket, counted from the desk's clock.
 */
class SlaSearchTest {

  private final DeskFixture f = SlaFixture.desk();
  private final HelpDesk desk = f.desk;

  @Test
  void agentsFindTicketsDueSoonOverdueAndBreachedInDueOrder() {
    // Monday 10:00 in Berlin: the urgent first reply is due at 11:00, the normal one at 15:00
    // (office hours with a lunch break); LOW matches no policy and has no timer.
    f.clock.set(berlin("2026-03-02T10:00"));
    Ticket normal = desk.open(ANA, request("c-ana").priority(Priority.NORMAL).build());
    Ticket urgent = desk.open(ANA, request("c-ana").priority(Priority.URGENT).build());
    Ticket low = desk.open(ANA, request("c-ana").priority(Priority.LOW).build());

    assertEquals(List.of(urgent.id()), ids(dueWithin(Duration.ofHours(2))));
    assertEquals(
        List.of(urgent.id(), normal.id(), low.id()), everyPage(sorted().pageSize(1).build()));

    f.clock.set(berlin("2026-03-02T11:30"));
    assertEquals(
        List.of(urgent.id()),
        ids(dueWithin(Duration.ofMinutes(1))),
        "overdue and not yet marked breached: due within any window");
    assertEquals(List.of(), ids(desk.search(BEA, TicketQuery.builder().slaBreached().build())));

    SlaMonitor monitor = desk.slaMonitor().orElseThrow();
    while (monitor.tick() > 0) {
      // warn, then breach
    }

    assertEquals(
        List.of(urgent.id()), ids(desk.search(BEA, TicketQuery.builder().slaBreached().build())));
    assertEquals(
        List.of(normal.id()),
        ids(dueWithin(Duration.ofHours(4))),
        "the urgent resolution (7 business hours) runs on, due the next morning");
  }

  @Test
  void badSlaFiltersAndCursorsOfTheFormerVersionAreRefusedNamingTheirField() {
    assertEquals("slaDueWithin", invalid(() -> TicketQuery.builder().slaDueWithin(Duration.ZERO)));
    assertEquals(
        "slaDueWithin", invalid(() -> TicketQuery.builder().slaDueWithin(Duration.ofMinutes(-5))));
    assertEquals(
        "slaDueWithin", invalid(() -> TicketQuery.builder().slaDueWithin(Duration.ofDays(4000))));
    assertThrows(ValidationException.class, () -> TicketQuery.builder().slaDueWithin(null).build());
    String former =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("c1|0|NORMAL|0|0|0|0|HD-1|0".getBytes(StandardCharsets.UTF_8));
    assertEquals("cursor", invalid(() -> sorted().after(former)));
  }

  @Test
  void aCursorOfTheSlaDueOrderDoesNotServeAnotherWindowOrOrder() {
    f.clock.set(berlin("2026-03-02T10:00"));
    for (int i = 0; i < 3; i++) {
      desk.open(ANA, request("c-ana").priority(Priority.URGENT).build());
    }
    Page<Ticket> first =
        desk.search(BEA, sorted().slaDueWithin(Duration.ofHours(2)).pageSize(1).build());
    String cursor = first.next().orElseThrow();

    assertEquals(
        "cursor",
        invalid(() -> sorted().slaDueWithin(Duration.ofHours(3)).pageSize(1).after(cursor)));
    assertEquals(
        "cursor",
        invalid(
            () ->
                TicketQuery.builder()
                    .slaDueWithin(Duration.ofHours(2))
                    .sort(TicketSort.CREATED_OLDEST)
                    .after(cursor)));
    assertEquals(
        "cursor",
        invalid(() -> sorted().slaBreached().slaDueWithin(Duration.ofHours(2)).after(cursor)));
  }

  @Test
  void aCustomerMayNotSearchOrSortByTheTeamsSlaState() {
    // The SLA state is the team's internal measure (its warnings, breaches and timers are hidden
    // from the customer), so a customer may not find which of their tickets are breached or due.
    f.clock.set(berlin("2026-03-02T10:00"));
    desk.open(ANA, request("c-ana").priority(Priority.URGENT).build());
    desk.open(ANA, request("c-ana").priority(Priority.NORMAL).build());

    assertThrows(
        AccessDeniedException.class,
        () -> desk.search(ANA, TicketQuery.builder().slaBreached().build()));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.search(ANA, TicketQuery.builder().slaDueWithin(Duration.ofHours(2)).build()));
    assertThrows(AccessDeniedException.class, () -> desk.search(ANA, sorted().pageSize(1).build()));
    assertEquals(2, desk.search(ANA, TicketQuery.builder().build()).items().size());
  }

  private Page<Ticket> dueWithin(Duration window) {
    return desk.search(BEA, sorted().slaDueWithin(window).build());
  }

  private static TicketQuery.Builder sorted() {
    return TicketQuery.builder().sort(TicketSort.SLA_DUE);
  }

  private List<TicketId> everyPage(TicketQuery query) {
    List<TicketId> all = new ArrayList<>();
    Page<Ticket> page = desk.search(BEA, query);
    all.addAll(ids(page));
    while (page.next().isPresent()) {
      page = desk.search(BEA, query.after(page.next().get()));
      all.addAll(ids(page));
    }
    return all;
  }

  private static List<TicketId> ids(Page<Ticket> page) {
    return page.items().stream().map(Ticket::id).toList();
  }

  private static String invalid(java.util.function.Supplier<TicketQuery.Builder> query) {
    return assertThrows(ValidationException.class, () -> query.get().build()).field();
  }
}
