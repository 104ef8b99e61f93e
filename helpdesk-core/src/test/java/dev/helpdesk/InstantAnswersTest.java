package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.BEA_ID;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.assignment.Strategies;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.internal.answers.InstantAnswers;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.IllegalTransitionException;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Instant answers at intake, in the acknowledgement, and "this solved it". */
class InstantAnswersTest {

  static final Article SEATS =
      new Article(
          ArticleId.of("kb-seats"),
          "Seat reservation missing",
          "Open your booking and choose Reserve seat again. It takes a minute.",
          Set.of("seat"),
          Locale.ENGLISH);
  static final Article REFUNDS =
      new Article(
          ArticleId.of("kb-refunds"),
          "Refunds",
          "Refunds for a cancelled train, seat fees included, reach your card within 7 days.",
          Set.of(),
          Locale.ENGLISH);
  static final Article SITZ =
      new Article(
          ArticleId.of("kb-sitz"),
          "Sitzplatzreservierung fehlt",
          "Öffnen Sie Ihre Buchung und reservieren Sie den Sitzplatz erneut.",
          Set.of(),
          Locale.GERMAN);
  static final Article WIFI =
      Article.of("kb-wifi", "Wi-Fi on board", "Join the OnBoard network.", Locale.ENGLISH);

  private final InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(SEATS, REFUNDS, SITZ, WIFI);

  private DeskFixture desk() {
    return new DeskFixture(b -> b.knowledgeBase(kb));
  }

  private static List<ArticleId> ids(List<SuggestedAnswer> answers) {
    return answers.stream().map(SuggestedAnswer::articleId).toList();
  }

  @Test
  void theBestAnswersAreRecordedOnTheTicketWhenItIsOpened() {
    DeskFixture f = desk();
    Ticket t = f.openByAna(); // "Seat missing on booking" / "My seat reservation is not shown."
    List<SuggestedAnswer> answers = f.desk.suggestedAnswers(ANA, t.id());
    assertEquals(List.of(SEATS.id(), REFUNDS.id()), ids(answers));
    assertEquals("Seat reservation missing", answers.get(0).title());
    TicketEvent.AnswersSuggested recorded =
        assertInstanceOf(
            TicketEvent.AnswersSuggested.class, f.desk.ticket(ANA, t.id()).history().get(2));
    assertEquals(answers, recorded.answers());
    assertEquals(InstantAnswers.ACTOR, recorded.actor());
  }

  @Test
  void suggestionsStayAsShownWhenArticlesChangeLater() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    List<SuggestedAnswer> shown = f.desk.suggestedAnswers(BEA, t.id());
    kb.remove(SEATS.id());
    kb.save(Article.of("kb-refunds", "Renamed", "Other text about seats.", Locale.ENGLISH));
    assertEquals(shown, f.desk.suggestedAnswers(BEA, t.id()));
    f.desk.acceptAnswer(ANA, t.id(), SEATS.id()); // still acceptable: it was offered
  }

  @Test
  void answersArePickedInTheCustomersLanguage() {
    DeskFixture f = desk();
    Ticket t =
        f.desk.open(
            ANA,
            request("c-ana")
                .subject("Sitzplatzreservierung fehlt")
                .description("Bitte helfen")
                .locale(Locale.GERMAN)
                .build());
    assertEquals(List.of(SITZ.id()), ids(f.desk.suggestedAnswers(ANA, t.id())));
    assertEquals(Optional.of(Locale.GERMAN), t.locale());
  }

  @Test
  void theAcknowledgementListsTheAnswers() {
    DeskFixture f = desk();
    f.openByAna();
    Notification ack = f.deliver().get(0);
    assertEquals(NotificationKind.TICKET_RECEIVED, ack.kind());
    assertEquals("Seat reservation missing", ack.values().get(Notification.answerTitle(1)));
    assertEquals("kb-seats", ack.values().get(Notification.answerId(1)));
    assertTrue(ack.values().get(Notification.answerExcerpt(1)).startsWith("Open your booking"));
    assertEquals("Refunds", ack.values().get(Notification.answerTitle(2)));
    assertEquals(null, ack.values().get(Notification.answerTitle(3)));
  }

  @Test
  void atMostTheConfiguredNumberIsSuggested() {
    DeskFixture f = new DeskFixture(b -> b.knowledgeBase(kb).maxSuggestedAnswers(1));
    assertEquals(1, f.desk.suggestedAnswers(ANA, f.openByAna().id()).size());
    assertThrows(ValidationException.class, () -> HelpDesk.builder().maxSuggestedAnswers(11));
  }

  @Test
  void withoutAKnowledgeBaseOrAFitNothingIsSuggestedOrRecorded() {
    DeskFixture plain = new DeskFixture();
    Ticket t = plain.openByAna();
    assertEquals(List.of(), plain.desk.suggestedAnswers(ANA, t.id()));
    DeskFixture f = desk();
    Ticket odd =
        f.desk.open(ANA, request("c-ana").subject("Lost umbrella").description("").build());
    assertEquals(List.of(), f.desk.suggestedAnswers(ANA, odd.id()));
    assertTrue(
        f.desk.ticket(BEA, odd.id()).history().stream()
            .noneMatch(e -> e instanceof TicketEvent.AnswersSuggested));
  }

  @Test
  void aFailingKnowledgeBaseDoesNotStopTheTicket() {
    KnowledgeBase broken =
        new KnowledgeBase() {
          @Override
          public void save(Article article) {}

          @Override
          public void remove(ArticleId id) {}

          @Override
          public Optional<Article> byId(ArticleId id) {
            return Optional.empty();
          }

          @Override
          public List<SuggestedAnswer> suggest(
              String subject, String description, Locale locale, int limit) {
            throw new IllegalStateException("search index offline");
          }
        };
    DeskFixture f = new DeskFixture(b -> b.knowledgeBase(broken));
    Ticket t = f.openByAna();
    assertEquals(Status.NEW, t.status());
    assertEquals(List.of(), f.desk.suggestedAnswers(ANA, t.id()));
  }

  @Test
  void onlyTheTicketsCustomerSeesTheSuggestions() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    assertThrows(NotFoundException.class, () -> f.desk.suggestedAnswers(BOB, t.id()));
  }

  @Test
  void acceptingAnAnswerSolvesTheTicketWithoutAnAgent() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    f.deliver();
    Ticket solved = f.desk.acceptAnswer(ANA, t.id(), SEATS.id());
    assertEquals(Status.SOLVED, solved.status());
    assertEquals(Optional.empty(), solved.assignee());
    assertEquals(Optional.of(f.clock.instant()), solved.solvedAt());
    List<TicketEvent> history = f.desk.ticket(ANA, t.id()).history();
    TicketEvent.AnswerAccepted accepted =
        assertInstanceOf(TicketEvent.AnswerAccepted.class, history.get(history.size() - 2));
    assertEquals(SEATS.id(), accepted.articleId());
    assertEquals(ANA, accepted.actor());
    assertEquals(
        new TicketEvent.StatusChanged(t.id(), ANA, f.clock.instant(), Status.NEW, Status.SOLVED),
        history.get(history.size() - 1));
    assertEquals(List.of(), f.deliver(), "the customer is not mailed about their own click");
  }

  @Test
  void anAssignedTicketKeepsItsAgentWhenItsCustomerAcceptsAnAnswer() {
    DeskFixture f = desk();
    Ticket t = f.openAssigned();
    Ticket solved = f.desk.acceptAnswer(ANA, t.id(), REFUNDS.id());
    assertEquals(Status.SOLVED, solved.status());
    assertEquals(Optional.of(BEA_ID), solved.assignee());
  }

  @Test
  void onlyTheTicketsOwnCustomerMayAccept() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    assertThrows(NotFoundException.class, () -> f.desk.acceptAnswer(BOB, t.id(), SEATS.id()));
    AccessDeniedException byAgent =
        assertThrows(
            AccessDeniedException.class, () -> f.desk.acceptAnswer(BEA, t.id(), SEATS.id()));
    assertTrue(byAgent.getMessage().contains("only its customer may"), byAgent.getMessage());
    assertEquals(1, f.tickets.byId(t.id()).orElseThrow().version());
  }

  @Test
  void onlyASuggestedArticleMayBeAccepted() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    ValidationException e =
        assertThrows(ValidationException.class, () -> f.desk.acceptAnswer(ANA, t.id(), WIFI.id()));
    assertEquals("articleId", e.field());
    assertTrue(e.getMessage().contains("kb-wifi"), e.getMessage());
    assertEquals(1, f.tickets.byId(t.id()).orElseThrow().version(), "nothing stored");
  }

  @Test
  void aSolvedOrClosedTicketCannotAcceptAgain() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    f.desk.acceptAnswer(ANA, t.id(), SEATS.id());
    assertThrows(
        IllegalTransitionException.class, () -> f.desk.acceptAnswer(ANA, t.id(), REFUNDS.id()));
    f.clock.advance(Duration.ofDays(4));
    assertEquals(1, f.desk.closeSolvedTickets(), "the sweep closes it as any solved ticket");
    assertThrows(
        IllegalTransitionException.class, () -> f.desk.acceptAnswer(ANA, t.id(), SEATS.id()));
  }

  @Test
  void aLaterReplyOfTheCustomerOpensItAgain() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    f.desk.acceptAnswer(ANA, t.id(), SEATS.id());
    Ticket reopened = f.desk.reply(ANA, t.id(), "Actually it did not work.").ticket();
    assertEquals(Status.OPEN, reopened.status());
    assertEquals(Optional.empty(), reopened.assignee());
    assertEquals(List.of(reopened), f.desk.unassignedQueue(BEA), "it waits for an agent");
  }

  @Test
  void withAutomaticAssignmentTheReopenedTicketGoesToAnAgent() {
    DeskFixture f =
        new DeskFixture(
            b ->
                b.knowledgeBase(kb)
                    .assignment(
                        AssignmentPolicy.builder().strategy(Strategies.leastLoaded()).build()));
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, dev.helpdesk.agent.Availability.OFFLINE);
    f.desk.setAvailability(
        Actor.system("admin"), DeskFixture.CAL_ID, dev.helpdesk.agent.Availability.OFFLINE);
    Ticket t = f.openByAna();
    f.desk.acceptAnswer(ANA, t.id(), SEATS.id());
    f.desk.setAvailability(Actor.system("admin"), BEA_ID, dev.helpdesk.agent.Availability.ONLINE);
    Ticket reopened = f.desk.reply(ANA, t.id(), "Still no seat.").ticket();
    assertEquals(Status.OPEN, reopened.status());
    assertEquals(Optional.of(BEA_ID), reopened.assignee());
  }

  @Test
  void aStaffSolveStillNeedsAnAssignee() {
    DeskFixture f = desk();
    Ticket t = f.openByAna();
    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> f.desk.changeStatus(BEA, t.id(), Status.SOLVED));
    assertTrue(e.getMessage().contains("SOLVED requires an assignee"));
  }
}
