package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Agents add and remove tags: one change each, recorded in the history, refused to customers. */
class TagsTest {

  private final DeskFixture f = new DeskFixture();

  private List<TicketEvent.TagsChanged> tagChanges(Ticket t) {
    return f.tickets.history(t.id()).stream()
        .filter(TicketEvent.TagsChanged.class::isInstance)
        .map(TicketEvent.TagsChanged.class::cast)
        .toList();
  }

  @Test
  void anAgentAddsTagsLowerCasedAndTheChangeIsInTheHistory() {
    Ticket t = f.desk.open(ANA, request("c-ana").tag("rail").build());
    Ticket after = f.desk.addTags(BEA, t.id(), Set.of("Refund", "vip"));
    assertEquals(Set.of("rail", "refund", "vip"), after.tags());
    assertEquals(t.version() + 1, after.version());
    assertEquals(after, f.desk.ticket(BEA, t.id()).ticket());
    List<TicketEvent.TagsChanged> changes = tagChanges(t);
    assertEquals(1, changes.size());
    assertEquals(Set.of("rail"), changes.get(0).from());
    assertEquals(Set.of("rail", "refund", "vip"), changes.get(0).to());
    assertEquals(BEA, changes.get(0).actor());
    assertTrue(f.events.contains(changes.get(0)), "listeners are told");
  }

  @Test
  void anAgentRemovesTags() {
    Ticket t = f.desk.open(ANA, request("c-ana").tag("rail").tag("refund").build());
    Ticket after = f.desk.removeTags(BEA, t.id(), Set.of("REFUND"));
    assertEquals(Set.of("rail"), after.tags());
    TicketEvent.TagsChanged change = tagChanges(t).get(0);
    assertEquals(Set.of("rail", "refund"), change.from());
    assertEquals(Set.of("rail"), change.to());
  }

  @Test
  void tagsThatChangeNothingStoreNothing() {
    Ticket opened = f.desk.open(ANA, request("c-ana").tag("rail").build());
    // The customer is handed the ticket without its tags: read it as staff see it.
    Ticket t = f.desk.ticket(BEA, opened.id()).ticket();
    int history = f.historySize(t);
    assertEquals(t, f.desk.addTags(BEA, t.id(), Set.of("rail")));
    assertEquals(t, f.desk.removeTags(BEA, t.id(), Set.of("refund")));
    assertEquals(t, f.desk.addTags(BEA, t.id(), Set.of()));
    assertEquals(history, f.historySize(t));
    assertEquals(t.version(), f.desk.ticket(BEA, t.id()).ticket().version());
  }

  @Test
  void customersMayNotChangeTags() {
    Ticket t = f.openByAna();
    assertThrows(AccessDeniedException.class, () -> f.desk.addTags(ANA, t.id(), Set.of("vip")));
    assertThrows(AccessDeniedException.class, () -> f.desk.removeTags(ANA, t.id(), Set.of("vip")));
    assertEquals(t, f.desk.ticket(BEA, t.id()).ticket());
  }

  @Test
  void badTagsAreRefusedNamingTagsAndNothingIsStored() {
    Ticket t = f.openByAna();
    int history = f.historySize(t);
    for (Set<String> bad : List.of(Set.of("no spaces"), Set.of("-dash-first"), Set.of(""))) {
      ValidationException add =
          assertThrows(ValidationException.class, () -> f.desk.addTags(BEA, t.id(), bad));
      assertEquals("tags", add.field(), add.getMessage());
      ValidationException remove =
          assertThrows(ValidationException.class, () -> f.desk.removeTags(BEA, t.id(), bad));
      assertEquals("tags", remove.field(), remove.getMessage());
    }
    assertThrows(ValidationException.class, () -> f.desk.addTags(BEA, t.id(), null));
    assertEquals(history, f.historySize(t));
  }

  @Test
  void aTicketHoldsAtMostTheMostTags() {
    Ticket t = f.openByAna();
    Set<String> full =
        IntStream.range(0, Ticket.MAX_TAGS).mapToObj(i -> "t" + i).collect(Collectors.toSet());
    assertEquals(full, f.desk.addTags(BEA, t.id(), full).tags());
    ValidationException tooMany =
        assertThrows(ValidationException.class, () -> f.desk.addTags(BEA, t.id(), Set.of("one")));
    assertEquals("tags", tooMany.field());
    assertEquals(full, f.desk.ticket(BEA, t.id()).ticket().tags());
  }

  @Test
  void theSystemMayChangeTagsButNotOnAClosedTicket() {
    Ticket t = f.openAssigned();
    Actor rules = Actor.system("rules");
    assertEquals(Set.of("auto"), f.desk.addTags(rules, t.id(), Set.of("auto")).tags());
    f.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    f.desk.changeStatus(BEA, t.id(), Status.CLOSED);
    assertThrows(TicketClosedException.class, () -> f.desk.addTags(BEA, t.id(), Set.of("late")));
    assertThrows(TicketClosedException.class, () -> f.desk.removeTags(BEA, t.id(), Set.of("auto")));
  }
}
