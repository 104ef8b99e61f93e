package dev.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 21: scores, a minimum score, tags in any script, light stemming and German compounds. */
class StemmingAndScoresTest {

  private static final Article CONFIRMATION =
      new Article(
          ArticleId.of("kb-bestaetigung"),
          "Buchungsbestätigung nicht erhalten",
          "Die Buchungsbestätigung kommt innerhalb von zehn Minuten. Prüfen Sie den Spam-Ordner.",
          Set.of(),
          Locale.GERMAN);

  private static final Article DELAY_DE =
      new Article(
          ArticleId.of("kb-delay-de"),
          "Entschädigung",
          "Ab 60 Minuten erhalten Sie 25 Prozent des Fahrpreises zurück.",
          Set.of("Verspätung"),
          Locale.GERMAN);

  private static final Article REFUND =
      new Article(
          ArticleId.of("kb-refund"),
          "Refund after cancellation",
          "A refund reaches your card within seven days.",
          Set.of(),
          Locale.ENGLISH);

  private static List<String> ids(List<SuggestedAnswer> answers) {
    return answers.stream().map(a -> a.articleId().value()).toList();
  }

  @Test
  void tagsMayHoldAnyLettersAndMatchTheWordsCustomersWrite() {
    assertEquals(Set.of("verspätung"), DELAY_DE.tags());
    InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(DELAY_DE);
    assertEquals(
        List.of("kb-delay-de"),
        ids(kb.suggest("Verspätung", "Mein Zug hatte Verspätung", Locale.GERMAN, 3)));
  }

  @Test
  void tagsStillRefuseWhatIsNotAWord() {
    for (String bad : List.of("-delay", "two words", "a/b", "")) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> new Article(ArticleId.of("kb"), "T", "B", Set.of(bad), Locale.ENGLISH),
              bad);
      assertEquals("tags", e.field());
    }
  }

  @Test
  void germanCompoundsMeetTheirPartsAndWordsTheirStems() {
    InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(CONFIRMATION, DELAY_DE);
    assertEquals(
        List.of("kb-bestaetigung"),
        ids(kb.suggest("Wo bleibt die Bestätigungsmail?", "", Locale.GERMAN, 3)));
    assertEquals(
        List.of("buchung", "bestatigung"),
        Stemmer.germanParts("buchungsbestätigung").stream().map(Stemmer::german).toList());
    assertEquals(List.of(), Stemmer.germanParts("sitzplatz"));
    assertEquals(Stemmer.german("zug"), Stemmer.german("züge"));
    assertEquals(Stemmer.german("erstattung"), Stemmer.german("erstattungen"));
  }

  @Test
  void englishPluralsMeetTheirSingular() {
    InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(REFUND);
    assertEquals(List.of("kb-refund"), ids(kb.suggest("Refunds?", "", Locale.ENGLISH, 3)));
    assertEquals("policy", Stemmer.english("policies"));
    assertEquals("bus", Stemmer.english("bus"));
    assertEquals("pass", Stemmer.english("pass"));
    assertEquals("match", Stemmer.english("matches"));
  }

  @Test
  void suggestionsCarryTheirBm25ScoreBestFirst() {
    InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(REFUND, CONFIRMATION);
    List<SuggestedAnswer> answers =
        kb.suggest("refund", "refund to my card please", Locale.ENGLISH, 3);
    assertEquals(1, answers.size());
    assertTrue(answers.get(0).score() > 0, answers.toString());
    InMemoryKnowledgeBase two =
        InMemoryKnowledgeBase.of(
            REFUND, Article.of("kb-card", "Card payments", "We take every card.", Locale.ENGLISH));
    List<SuggestedAnswer> both = two.suggest("refund to card", "", Locale.ENGLISH, 3);
    assertEquals(List.of("kb-refund", "kb-card"), ids(both));
    assertTrue(both.get(0).score() > both.get(1).score(), both.toString());
  }

  @Test
  void aMinimumScoreHoldsBackWeakSuggestionsButNotTheExactTitle() {
    InMemoryKnowledgeBase open = InMemoryKnowledgeBase.of(REFUND);
    double weak = open.suggest("card", "", Locale.ENGLISH, 1).get(0).score();
    double strong = open.suggest("refund card", "refund", Locale.ENGLISH, 1).get(0).score();
    assertTrue(weak < strong);
    InMemoryKnowledgeBase strict = InMemoryKnowledgeBase.withMinimumScore((weak + strong) / 2);
    strict.save(REFUND);
    assertEquals(List.of(), strict.suggest("card", "", Locale.ENGLISH, 1));
    assertEquals(
        List.of("kb-refund"), ids(strict.suggest("refund card", "refund", Locale.ENGLISH, 1)));
    InMemoryKnowledgeBase high = InMemoryKnowledgeBase.withMinimumScore(1e9);
    high.save(REFUND);
    assertEquals(
        List.of("kb-refund"),
        ids(high.suggest("Refund after cancellation", "", Locale.ENGLISH, 1)));
    assertEquals((weak + strong) / 2, strict.minimumScore());
  }

  @Test
  void aMinimumScoreMustBeAFiniteNonNegativeNumber() {
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      ValidationException e =
          assertThrows(
              ValidationException.class, () -> InMemoryKnowledgeBase.withMinimumScore(bad));
      assertEquals("minimumScore", e.field());
    }
  }

  @Test
  void aSuggestionsScoreMustBeAFiniteNonNegativeNumber() {
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> new SuggestedAnswer(ArticleId.of("kb"), "T", "E", bad));
      assertEquals("score", e.field());
    }
    assertEquals(0, new SuggestedAnswer(ArticleId.of("kb"), "T", "E").score());
  }
}
