package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.satisfaction.Satisfaction;
import dev.helpdesk.satisfaction.BadRatingAction;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ratings after a solve: who may, when, how often, and what a bad one does. */
class SatisfactionTest {

  private static final GroupId RAIL = GroupId.of("rail");
  private static final GroupId LEADS = GroupId.of("leads");

  private final DeskFixture f = new DeskFixture();
  private final HelpDesk desk = f.desk;

  private Ticket solved(DeskFixture fixture) {
    Ticket t = fixture.openAssigned();
    fixture.desk.changeGroup(BEA, t.id(), RAIL);
    return fixture.desk.changeStatus(BEA, t.id(), Status.SOLVED);
  }

  private static TicketEvent last(DeskFixture fixture, Ticket t, Class<?> type) {
    List<TicketEvent> history = fixture.tickets.history(t.id());
    for (int i = history.size() - 1; i >= 0; i--) {
      if (type.isInstance(history.get(i))) {
        return history.get(i);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + history);
  }

  @Test
  void theCustomerRatesASolvedTicketAndTheRatingRecordsItsAgentAndGroup() {
    Ticket t = solved(f);
    f.clock.advance(Duration.ofHours(2));

    Ticket after = desk.rate(ANA, t.id(), Rating.GOOD, "Quick and kind, thanks!");

    assertEquals(Status.SOLVED, after.status());
    assertEquals(t.version() + 1, after.version());
    TicketEvent.Rated rated = (TicketEvent.Rated) last(f, t, TicketEvent.Rated.class);
    assertEquals(
        new TicketEvent.Rated(
            t.id(),
            ANA,
            f.clock.instant(),
            Rating.GOOD,
            "Quick and kind, thanks!",
            Optional.of(BEA_ID),
            Optional.of(RAIL)),
        rated);
    assertTrue(desk.ticket(ANA, t.id()).history().contains(rated), "the customer sees it");
  }

  @Test
  void aBlankOrMissingCommentIsRecordedAsNone() {
    Ticket t = solved(f);
    desk.rate(ANA, t.id(), Rating.GOOD, "   ");
    assertEquals("", ((TicketEvent.Rated) last(f, t, TicketEvent.Rated.class)).comment());
  }

  @Test
  void aBadRatingReopensTheTicketForItsAgentByDefaultInTheSameChange() {
    Ticket t = solved(f);

    Ticket after = desk.rate(ANA, t.id(), Rating.BAD, "The refund never arrived.");

    assertEquals(Status.OPEN, after.status());
    assertEquals(Optional.of(BEA_ID), after.assignee());
    assertEquals(t.version() + 1, after.version(), "one change: the rating and the reopening");
    List<TicketEvent> history = f.tickets.history(t.id());
    assertEquals(
        new TicketEvent.StatusChanged(t.id(), ANA, f.clock.instant(), Status.SOLVED, Status.OPEN),
        history.get(history.size() - 1));
    assertTrue(history.get(history.size() - 2) instanceof TicketEvent.Rated);
  }

  @Test
  void aBadRatingCanLeaveTheTicketSolved() {
    DeskFixture nothing = new DeskFixture(b -> b.onBadRating(BadRatingAction.NOTHING));
    Ticket t = solved(nothing);

    Ticket after = nothing.desk.rate(ANA, t.id(), Rating.BAD, null);

    assertEquals(Status.SOLVED, after.status());
    assertEquals(
        Rating.BAD, ((TicketEvent.Rated) last(nothing, t, TicketEvent.Rated.class)).rating());
  }

  @Test
  void aBadRatingCanEscalateToTheAgentsSupervisors() {
    DeskFixture esc =
        new DeskFixture(
            b ->
                b.onBadRating(BadRatingAction.ESCALATE)
                    .assignment(AssignmentPolicy.builder().automatic(true).build()));
    esc.desk.saveAgent(
        Actor.system("admin"),
        new Agent(BEA_ID, "Bea Agent", EmailAddress.of("bea@desk.example"), Set.of(RAIL))
            .withEscalationGroup(Optional.of(LEADS)));
    esc.desk.saveAgent(
        Actor.system("admin"),
        new Agent(
            AgentId.of("s-lee"), "Lee Lead", EmailAddress.of("lee@desk.example"), Set.of(LEADS)));
    Ticket t = esc.openByAna();
    esc.desk.assign(BEA, t.id(), BEA_ID);
    t = esc.desk.changeStatus(BEA, t.id(), Status.SOLVED);

    Ticket after = esc.desk.rate(ANA, t.id(), Rating.BAD, "Nobody listens.");

    assertEquals(Status.OPEN, after.status());
    assertEquals(Optional.empty(), after.group(), "the customer does not see the team's group");
    after = esc.desk.ticket(BEA, t.id()).ticket();
    assertEquals(Optional.of(LEADS), after.group());
    assertEquals(Optional.of(AgentId.of("s-lee")), after.assignee());
    TicketEvent.Escalated escalated =
        (TicketEvent.Escalated) last(esc, t, TicketEvent.Escalated.class);
    assertEquals(Satisfaction.BAD_RATING_REASON, escalated.reason());
    assertEquals(Optional.of(BEA_ID), escalated.from());
    assertEquals(Satisfaction.SYSTEM, escalated.actor());
    assertEquals(t.version() + 1, after.version(), "rated, reopened and escalated at once");
    TicketEvent.Rated rated = (TicketEvent.Rated) last(esc, t, TicketEvent.Rated.class);
    assertEquals(Optional.of(BEA_ID), rated.agent(), "the agent who had it when it was rated");
  }

  @Test
  void withoutAnEscalationGroupABadRatingOnlyReopens() {
    DeskFixture esc = new DeskFixture(b -> b.onBadRating(BadRatingAction.ESCALATE));
    Ticket t = solved(esc);

    Ticket after = esc.desk.rate(ANA, t.id(), Rating.BAD, null);

    assertEquals(Status.OPEN, after.status());
    assertEquals(Optional.of(BEA_ID), after.assignee());
    assertEquals(Optional.of(RAIL), esc.desk.ticket(BEA, t.id()).ticket().group());
  }

  @Test
  void aSolveIsRatedOnceAndASolveAfterAReopeningMayBeRatedAgain() {
    Ticket t = solved(f);
    desk.rate(ANA, t.id(), Rating.GOOD, null);

    ValidationException twice =
        assertThrows(ValidationException.class, () -> desk.rate(ANA, t.id(), Rating.BAD, null));
    assertEquals("rating", twice.field());

    desk.reply(ANA, t.id(), "Actually, one more thing.");
    assertThrows(ValidationException.class, () -> desk.rate(ANA, t.id(), Rating.GOOD, null));
    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.rate(ANA, t.id(), Rating.GOOD, null);
    assertEquals(
        2, f.tickets.history(t.id()).stream().filter(e -> e instanceof TicketEvent.Rated).count());
  }

  @Test
  void onlyASolvedTicketMayBeRated() {
    Ticket t = f.openAssigned();
    ValidationException open =
        assertThrows(ValidationException.class, () -> desk.rate(ANA, t.id(), Rating.GOOD, null));
    assertEquals("status", open.field());
    assertTrue(open.getMessage().contains("must be SOLVED"), open.getMessage());

    desk.changeStatus(BEA, t.id(), Status.SOLVED);
    desk.changeStatus(BEA, t.id(), Status.CLOSED);
    int size = f.historySize(t);
    assertThrows(TicketClosedException.class, () -> desk.rate(ANA, t.id(), Rating.GOOD, null));
    assertEquals(size, f.historySize(t));
  }

  @Test
  void onlyTheTicketsOwnCustomerMayRateAndARefusalStoresNothing() {
    Ticket t = solved(f);
    int size = f.historySize(t);

    assertThrows(AccessDeniedException.class, () -> desk.rate(BEA, t.id(), Rating.GOOD, null));
    assertThrows(NotFoundException.class, () -> desk.rate(BOB, t.id(), Rating.BAD, null));
    assertThrows(
        AccessDeniedException.class,
        () -> desk.rate(Actor.system("import"), t.id(), Rating.GOOD, null));
    ValidationException tooLong =
        assertThrows(
            ValidationException.class,
            () ->
                desk.rate(
                    ANA, t.id(), Rating.BAD, "x".repeat(TicketEvent.Rated.MAX_COMMENT_LENGTH + 1)));
    assertEquals("comment", tooLong.field());
    assertThrows(ValidationException.class, () -> desk.rate(ANA, t.id(), null, null));

    assertEquals(size, f.historySize(t));
    assertEquals(Status.SOLVED, f.tickets.byId(t.id()).orElseThrow().status());
  }
}
