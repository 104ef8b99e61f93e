package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.PageRequest;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Search and paged listings through the facade: access, views, and nothing cut off. */
class SearchTest {

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  @Test
  void aCustomerFindsOnlyTheirOwnTicketsByPublicWordsAndSeesTheirView() {
    Ticket ana = desk.open(ANA, request("c-ana").subject("Train late").tag("vip").build());
    Ticket bob = desk.open(BOB, request("c-bob").subject("Train cancelled").build());
    desk.note(BEA, ana.id(), "refund approved by finance");

    Page<Ticket> anaFinds = desk.search(ANA, TicketQuery.builder().text("train").build());
    assertEquals(List.of(ana.id()), ids(anaFinds));
    assertEquals(Set.of(), anaFinds.items().get(0).tags(), "the customer's view of the ticket");
    assertEquals(List.of(), ids(desk.search(ANA, TicketQuery.builder().text("refund").build())));
    assertEquals(
        List.of(ana.id()), ids(desk.search(BEA, TicketQuery.builder().text("refund").build())));
    assertEquals(
        List.of(bob.id(), ana.id()),
        ids(desk.search(BEA, TicketQuery.builder().text("train").build())));
  }

  @Test
  void aCustomerMayNotSearchAnotherCustomerOrTheTeamsFields() {
    desk.open(ANA, request("c-ana").build());

    assertThrows(
        AccessDeniedException.class,
        () -> desk.search(ANA, TicketQuery.builder().customer(CustomerId.of("c-bob")).build()));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.search(ANA, TicketQuery.builder().tag("vip").build()));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.search(ANA, TicketQuery.builder().group(GroupId.of("rail")).build()));
  }

  @Test
  void badQueriesNameTheirField() {
    assertEquals("text", invalid(() -> TicketQuery.builder().text("the a").build()));
    assertEquals("pageSize", invalid(() -> TicketQuery.builder().pageSize(501).build()));
    assertEquals("cursor", invalid(() -> TicketQuery.builder().after("abc").build()));
    assertEquals(
        "assignee", invalid(() -> TicketQuery.builder().assignee(BEA_ID).unassigned().build()));
    assertEquals("tags", invalid(() -> TicketQuery.builder().tag("Not A Tag").build()));
  }

  @Test
  void aCustomerWithMoreTicketsThanAListingHoldsReachesEveryOneThroughPages() {
    List<TicketId> opened = new ArrayList<>();
    for (int i = 0; i < HelpDesk.MAX_LISTING + 120; i++) {
      opened.add(desk.open(ANA, request("c-ana").acknowledge(false).build()).id());
      if (i % 7 == 0) {
        f.clock.advance(Duration.ofSeconds(1));
      }
    }

    assertEquals(HelpDesk.MAX_LISTING, desk.ticketsOf(ANA, CustomerId.of("c-ana")).size());
    List<TicketId> paged =
        every(p -> desk.ticketsOf(ANA, CustomerId.of("c-ana"), p), PageRequest.first(200));
    assertEquals(opened.size(), paged.size());
    assertEquals(new HashSet<>(opened), new HashSet<>(paged));
    assertEquals(
        desk.ticketsOf(ANA, CustomerId.of("c-ana")).stream().map(Ticket::id).toList(),
        paged.subList(0, HelpDesk.MAX_LISTING),
        "the old listing is the first page");
    List<TicketId> unassigned = every(p -> desk.unassignedQueue(BEA, p), PageRequest.first(77));
    assertEquals(new HashSet<>(opened), new HashSet<>(unassigned));
  }

  @Test
  void anAgentsQueueIsPagedMostUrgentFirst() {
    for (int i = 0; i < 5; i++) {
      Ticket t = desk.open(ANA, request("c-ana").build());
      desk.assign(BEA, t.id(), BEA_ID);
    }
    Page<Ticket> first = desk.queueOf(BEA, BEA_ID, PageRequest.first(3));
    assertTrue(first.hasNext());
    Page<Ticket> second =
        desk.queueOf(BEA, BEA_ID, PageRequest.first(3).next(first.next().orElseThrow()));
    assertFalse(second.hasNext());
    List<Ticket> both = new ArrayList<>(first.items());
    both.addAll(second.items());
    assertEquals(desk.queueOf(BEA, BEA_ID), both);
    assertThrows(
        AccessDeniedException.class, () -> desk.queueOf(ANA, BEA_ID, PageRequest.first(3)));
  }

  private static List<TicketId> every(Function<PageRequest, Page<Ticket>> list, PageRequest first) {
    List<TicketId> all = new ArrayList<>();
    PageRequest request = first;
    while (true) {
      Page<Ticket> page = list.apply(request);
      all.addAll(ids(page));
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.next(page.next().get());
    }
  }

  private static List<TicketId> ids(Page<Ticket> page) {
    return page.items().stream().map(Ticket::id).toList();
  }

  private static String invalid(Runnable r) {
    return assertThrows(ValidationException.class, r::run).field();
  }
}
