package dev.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.contract.KnowledgeBaseContract;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract, and BM25 as specified: scores checked against the formula worked by hand. */
class InMemoryKnowledgeBaseTest extends KnowledgeBaseContract {

  @Override
  protected KnowledgeBase knowledgeBase() {
    return new InMemoryKnowledgeBase();
  }

  private static Article article(String id, String title, String body) {
    return new Article(ArticleId.of(id), title, body, Set.of(), Locale.ENGLISH);
  }

  private static List<InMemoryKnowledgeBase.Ranked> rank(InMemoryKnowledgeBase kb, String query) {
    return kb.rank(
        new LinkedHashSet<>(Tokenizer.terms(query, "en")), Tokenizer.anyLanguage(query), "en");
  }

  /** BM25 of one term: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)). */
  private static double bm25(long n, int df, int tf, double dl, double avgdl) {
    double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf * tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl));
  }

  @Test
  void scoresAreBm25OverTheWeightedFields() {
    // Weighted lengths: a = title 2 words x3 + body 3 = 9; b = title 1 x3 + body 3 ("for" is a
    // stop word) = 6; c = title 1 x3 + body 2 = 5. avgdl = 20 / 3.
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(
            article("a", "Train delays", "Delays happen often"),
            article("b", "Compensation", "Compensation for train delays"),
            article("c", "Wifi", "Onboard network"));
    List<InMemoryKnowledgeBase.Ranked> ranked = rank(kb, "delays");
    // "delays": a has tf 3 (title) + 1 (body) = 4, b has 1; df = 2 of n = 3.
    assertEquals(2, ranked.size());
    assertEquals("a", ranked.get(0).article().id().value());
    assertEquals(bm25(3, 2, 4, 9, 20 / 3.0), ranked.get(0).score(), 1e-12);
    assertEquals(bm25(3, 2, 1, 6, 20 / 3.0), ranked.get(1).score(), 1e-12);
  }

  @Test
  void aRareWordOutweighsACommonOne() {
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(
            article("a", "Train tickets", "Buy train tickets online"),
            article("b", "Train times", "Train times change in December"),
            article("c", "Train pets", "Small pets travel free on the train"),
            article("d", "Train bikes", "Bikes need a train bike ticket"));
    // "train" is in every article, "pets" in one: the pets article wins for "train pets".
    assertEquals("c", rank(kb, "pets on a train").get(0).article().id().value());
  }

  @Test
  void aShorterArticleWinsAtEqualFrequency() {
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(
            article("long", "Luggage", "Luggage rules for bicycles prams skis and instruments"),
            article("short", "Luggage", "Luggage rules"));
    assertEquals(
        List.of("short", "long"),
        rank(kb, "luggage").stream().map(r -> r.article().id().value()).toList());
  }

  @Test
  void tiesGoToTheSmallerIdWhateverTheOrderOfSaving() {
    InMemoryKnowledgeBase one =
        InMemoryKnowledgeBase.of(article("b", "Seat", "Seat"), article("a", "Seat", "Seat"));
    InMemoryKnowledgeBase two =
        InMemoryKnowledgeBase.of(article("a", "Seat", "Seat"), article("b", "Seat", "Seat"));
    assertEquals(
        List.of(ArticleId.of("a"), ArticleId.of("b")),
        one.suggest("seat", "", Locale.ENGLISH, 5).stream()
            .map(SuggestedAnswer::articleId)
            .toList());
    assertEquals(
        one.suggest("seat", "", Locale.ENGLISH, 5), two.suggest("seat", "", Locale.ENGLISH, 5));
  }

  @Test
  void theExcerptIsTheSentenceWithMostOfTheQuerysWords() {
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(
            article(
                "a",
                "Delays",
                "Trains run on time mostly.\nIf your train is delayed by an hour, claim 25% "
                    + "compensation online.   Keep the ticket."));
    SuggestedAnswer a =
        kb.suggest("Delayed train", "How much compensation?", Locale.ENGLISH, 1).get(0);
    assertEquals(
        "If your train is delayed by an hour, claim 25% compensation online.", a.excerpt());
  }

  @Test
  void aLongSentenceIsCutAtAWordWithAnEllipsis() {
    String body = "Seat " + "reservation ".repeat(60) + "ends.";
    InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(article("a", "Seats", body));
    String excerpt = kb.suggest("seat", "", Locale.ENGLISH, 1).get(0).excerpt();
    assertTrue(excerpt.length() <= SuggestedAnswer.MAX_EXCERPT_LENGTH, excerpt);
    assertTrue(excerpt.endsWith("reservation\u2026"), excerpt);
  }

  @Test
  void controlCharactersInTheBodyDoNotBreakTheExcerpt() {
    InMemoryKnowledgeBase kb =
        InMemoryKnowledgeBase.of(article("a", "Seats", "Seat\u0007 reservations\tare free."));
    assertEquals(
        "Seat reservations are free.", kb.suggest("seat", "", Locale.ENGLISH, 1).get(0).excerpt());
  }

  @Test
  void wordsAreUnicodeLettersAndDigitsLowerCased() {
    assertEquals(
        List.of("größe", "zürich", "ic", "2024", "über"),
        Tokenizer.words("Größe: Zürich-IC 2024 (u\u0308ber)", "en"));
    assertEquals(List.of("zürich"), Tokenizer.words("der Zürich und über", "de"));
  }
}
