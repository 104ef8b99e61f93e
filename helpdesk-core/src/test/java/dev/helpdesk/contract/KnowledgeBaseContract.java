package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KnowledgeBase} adapter must do: keep articles by id, and suggest those that
 * share words with a query, best first, in the customer's language (else English), with the article
 * whose title is the subject first. Exact scores are the adapter's business; the examples here are
 * chosen so that any sensible relevance ranking orders them the same way.
 *
 * <p>Extend it in the adapter's tests (the class ships in the core's test-jar) and implement {@link
 * #knowledgeBase()}; the suite calls it once before each test.
 */
public abstract class KnowledgeBaseContract {

  /** A knowledge base holding no articles, fresh for the current test. */
  protected abstract KnowledgeBase knowledgeBase();

  /** Seat reservations: the article for a query about a missing seat. */
  protected static final Article SEATS =
      new Article(
          ArticleId.of("kb-seats"),
          "Seat reservation missing from your ticket",
          "If your seat reservation is missing, open your booking and choose Reserve seat again. "
              + "Reservations made within 15 minutes of departure are not shown on the ticket.",
          Set.of("seat", "reservation"),
          Locale.ENGLISH);

  /** Refunds: mentions a seat once, in passing. */
  protected static final Article REFUNDS =
      new Article(
          ArticleId.of("kb-refunds"),
          "Refunds for cancelled trains",
          "When your train is cancelled you get your money back, including any seat fee. "
              + "Refunds reach your card within 7 days.",
          Set.of("refund"),
          Locale.ENGLISH);

  /** Wi-Fi: shares no word with a seat query. */
  protected static final Article WIFI =
      new Article(
          ArticleId.of("kb-wifi"),
          "Wi-Fi on board",
          "Connect to the network called OnBoard and accept the terms in your browser.",
          Set.of(),
          Locale.ENGLISH);

  /** The seat article in German. */
  protected static final Article SITZ =
      new Article(
          ArticleId.of("kb-sitzplatz"),
          "Sitzplatzreservierung fehlt",
          "Fehlt Ihre Sitzplatzreservierung, öffnen Sie die Buchung und reservieren Sie erneut.",
          Set.of("sitzplatz"),
          Locale.GERMAN);

  /** Booking codes, for every language. */
  protected static final Article CODES =
      new Article(
          ArticleId.of("kb-codes"),
          "Booking codes BK and PNR",
          "A booking code starts with BK; the PNR is the six-letter code of the operator.",
          Set.of("pnr"),
          Locale.ROOT);

  private KnowledgeBase kb;

  @BeforeEach
  void createKnowledgeBase() {
    kb = knowledgeBase();
  }

  private List<ArticleId> ids(List<SuggestedAnswer> answers) {
    return answers.stream().map(SuggestedAnswer::articleId).toList();
  }

  private List<ArticleId> suggest(String subject, String description, Locale locale) {
    return ids(kb.suggest(subject, description, locale, 10));
  }

  @Test
  void keepsArticlesByIdAndReplacesThemOnSave() {
    kb.save(SEATS);
    assertEquals(Optional.of(SEATS), kb.byId(SEATS.id()));
    Article edited =
        new Article(SEATS.id(), "Seat reservations", "Reserve again.", Set.of(), Locale.ENGLISH);
    kb.save(edited);
    assertEquals(Optional.of(edited), kb.byId(SEATS.id()));
    assertEquals(Optional.empty(), kb.byId(ArticleId.of("kb-none")));
  }

  @Test
  void removesArticlesAndIgnoresUnknownIds() {
    kb.save(SEATS);
    kb.remove(SEATS.id());
    kb.remove(ArticleId.of("kb-none"));
    assertEquals(Optional.empty(), kb.byId(SEATS.id()));
    assertEquals(List.of(), suggest("Seat reservation missing", "", Locale.ENGLISH));
  }

  @Test
  void suggestsOnlyArticlesThatShareAWordBestFirst() {
    kb.save(WIFI);
    kb.save(REFUNDS);
    kb.save(SEATS);
    assertEquals(
        List.of(SEATS.id(), REFUNDS.id()),
        suggest(
            "My seat is not shown",
            "I paid for a seat reservation but it is missing.",
            Locale.ENGLISH));
  }

  @Test
  void anArticleWhoseTitleIsTheSubjectComesFirst() {
    kb.save(SEATS);
    kb.save(REFUNDS);
    // The description is all about seats, but the subject is the refund article's title.
    assertEquals(
        REFUNDS.id(),
        suggest(
                "Refunds for cancelled trains",
                "Seat reservation missing, seat reservation gone, which seat?",
                Locale.ENGLISH)
            .get(0));
  }

  @Test
  void theSuggestionCarriesTitleAndAnExcerptOfTheBody() {
    kb.save(SEATS);
    SuggestedAnswer a = kb.suggest("Seat missing", "", Locale.ENGLISH, 1).get(0);
    assertEquals(SEATS.title(), a.title());
    assertFalse(a.excerpt().isBlank());
    assertTrue(a.excerpt().length() <= SuggestedAnswer.MAX_EXCERPT_LENGTH);
    assertTrue(SEATS.body().contains(a.excerpt()), a.excerpt());
  }

  @Test
  void returnsAtMostTheLimit() {
    kb.save(SEATS);
    kb.save(REFUNDS);
    assertEquals(1, kb.suggest("seat", "", Locale.ENGLISH, 1).size());
    assertThrows(ValidationException.class, () -> kb.suggest("seat", "", Locale.ENGLISH, 0));
  }

  @Test
  void ignoresCaseAndPunctuationAndStopWords() {
    kb.save(SEATS);
    assertEquals(List.of(SEATS.id()), suggest("SEAT?!", "", Locale.ENGLISH));
    assertEquals(List.of(), suggest("the of and is", "it was not", Locale.ENGLISH));
  }

  @Test
  void tagsCountAsWordsOfTheArticle() {
    kb.save(
        new Article(
            ArticleId.of("kb-luggage"),
            "What you may take along",
            "Two items of hand baggage.",
            Set.of("suitcase"),
            Locale.ENGLISH));
    assertEquals(List.of(ArticleId.of("kb-luggage")), suggest("suitcase", "", Locale.ENGLISH));
  }

  @Test
  void offersArticlesInTheCustomersLanguageAndForEveryLanguage() {
    kb.save(SEATS);
    kb.save(SITZ);
    kb.save(CODES);
    assertEquals(List.of(SITZ.id()), suggest("Sitzplatzreservierung fehlt", "", Locale.GERMAN));
    assertEquals(List.of(CODES.id()), suggest("Wo finde ich die PNR?", "", Locale.GERMAN));
    assertEquals(List.of(CODES.id()), suggest("Where is my PNR?", "", Locale.ENGLISH));
    assertEquals(
        List.of(SITZ.id()), suggest("Sitzplatzreservierung", "", Locale.forLanguageTag("de-CH")));
  }

  @Test
  void fallsBackToEnglishWhenNothingInTheCustomersLanguageFits() {
    kb.save(SEATS);
    kb.save(SITZ);
    assertEquals(List.of(SEATS.id()), suggest("Seat reservation", "", Locale.GERMAN));
    assertEquals(List.of(SEATS.id()), suggest("Seat reservation", "", Locale.FRENCH));
    assertEquals(List.of(SEATS.id()), suggest("Seat reservation", "", Locale.ROOT));
    assertEquals(List.of(), suggest("Sitzplatzreservierung", "", Locale.ENGLISH));
  }

  @Test
  void aReplacedOrRemovedArticleIsSuggestedAsItNowReads() {
    kb.save(SEATS);
    kb.save(
        new Article(SEATS.id(), "Wi-Fi passwords", "Ask the conductor.", Set.of(), Locale.ENGLISH));
    assertEquals(List.of(), suggest("Seat reservation", "", Locale.ENGLISH));
    assertEquals(List.of(SEATS.id()), suggest("Wi-Fi password", "", Locale.ENGLISH));
    kb.save(new Article(SEATS.id(), "Sitzplatz", "Reservieren.", Set.of(), Locale.GERMAN));
    assertEquals(List.of(), suggest("Wi-Fi password", "", Locale.ENGLISH));
    assertEquals(List.of(SEATS.id()), suggest("Sitzplatz", "", Locale.GERMAN));
  }
}
