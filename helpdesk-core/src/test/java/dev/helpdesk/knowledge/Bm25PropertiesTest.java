package dev.helpdesk.knowledge;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the ranking over generated corpora of a small vocabulary. What BM25 does not
 * promise is not claimed: adding an unrelated article changes the collection's size and average
 * length, and so the idf and length weights of the others, which can swap two close scores; it
 * never changes which articles are found.
 */
class Bm25PropertiesTest {

  private static final List<String> WORDS =
      List.of(
          "seat",
          "refund",
          "train",
          "delay",
          "wifi",
          "luggage",
          "ticket",
          "card",
          "payment",
          "station",
          "platform",
          "bike",
          "pet",
          "night",
          "sleeper",
          "meal");

  /** Words no generated article uses: what an unrelated article is made of. */
  private static final List<String> OTHER_WORDS = List.of("orchid", "volcano", "saxophone");

  private static String words(Random r, int min, int max, List<String> from) {
    int n = min + r.nextInt(max - min + 1);
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(from.get(r.nextInt(from.size())));
    }
    return String.join(" ", w);
  }

  /** A corpus of 1 to 25 articles from a seed, with ids a00.. in a random order. */
  private static Gen<List<Article>> corpora() {
    return integers()
        .all()
        .map(
            seed -> {
              Random r = new Random(seed);
              int n = 1 + r.nextInt(25);
              List<Article> corpus = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                corpus.add(
                    new Article(
                        ArticleId.of(String.format("a%02d", i)),
                        words(r, 1, 4, WORDS),
                        words(r, 1, 30, WORDS),
                        r.nextInt(4) == 0 ? Set.of(WORDS.get(r.nextInt(WORDS.size()))) : Set.of(),
                        Locale.ENGLISH));
              }
              Collections.shuffle(corpus, r);
              return corpus;
            });
  }

  private static Gen<String> queries() {
    return lists()
        .of(integers().between(0, WORDS.size() - 1))
        .ofSizeBetween(1, 5)
        .map(ix -> ix.stream().map(WORDS::get).collect(Collectors.joining(" ")));
  }

  private static List<SuggestedAnswer> suggest(List<Article> corpus, String subject, String text) {
    return InMemoryKnowledgeBase.of(corpus.toArray(Article[]::new))
        .suggest(subject, text, Locale.ENGLISH, 100);
  }

  private static List<InMemoryKnowledgeBase.Ranked> rank(InMemoryKnowledgeBase kb, String query) {
    return kb.rank(new LinkedHashSet<>(Tokenizer.terms(query, "en")), List.of(), "en");
  }

  private static Set<String> wordsOf(Article a) {
    Set<String> w = new HashSet<>(Tokenizer.terms(a.title() + " " + a.body(), "en"));
    w.addAll(a.tags());
    return w;
  }

  @Test
  void exactlyTheArticlesSharingAWordAreFound() {
    qt().forAll(corpora(), queries())
        .check(
            (corpus, query) -> {
              Set<String> q = new HashSet<>(Tokenizer.terms(query, "en"));
              Set<ArticleId> expected =
                  corpus.stream()
                      .filter(a -> !Collections.disjoint(wordsOf(a), q))
                      .map(Article::id)
                      .collect(Collectors.toSet());
              Set<ArticleId> found =
                  suggest(corpus, query, "").stream()
                      .map(SuggestedAnswer::articleId)
                      .collect(Collectors.toSet());
              return expected.equals(found);
            });
  }

  @Test
  void theRankingDoesNotDependOnTheOrderArticlesWereSaved() {
    qt().forAll(corpora(), queries(), integers().all())
        .check(
            (corpus, query, seed) -> {
              List<Article> shuffled = new ArrayList<>(corpus);
              Collections.shuffle(shuffled, new Random(seed));
              return suggest(corpus, query, "x").equals(suggest(shuffled, query, "x"));
            });
  }

  @Test
  void anArticleWhoseTitleIsTheSubjectRanksFirst() {
    qt().forAll(corpora(), integers().all(), queries())
        .check(
            (corpus, pick, description) -> {
              Article target = corpus.get(Math.floorMod(pick, corpus.size()));
              List<SuggestedAnswer> found = suggest(corpus, target.title(), description);
              // Several articles may have that title; one of them comes first.
              return Tokenizer.anyLanguage(found.get(0).title())
                  .equals(Tokenizer.anyLanguage(target.title()));
            });
  }

  @Test
  void anUnrelatedArticleChangesNothingThatIsFound() {
    qt().forAll(corpora(), queries(), integers().between(1, 40))
        .check(
            (corpus, query, length) -> {
              List<Article> more = new ArrayList<>(corpus);
              more.add(
                  new Article(
                      ArticleId.of("zz-unrelated"),
                      words(new Random(length), 1, 3, OTHER_WORDS),
                      words(new Random(-length), 1, length, OTHER_WORDS),
                      Set.of(),
                      Locale.ENGLISH));
              return suggest(corpus, query, "").stream()
                  .map(SuggestedAnswer::articleId)
                  .collect(Collectors.toSet())
                  .equals(
                      suggest(more, query, "").stream()
                          .map(SuggestedAnswer::articleId)
                          .collect(Collectors.toSet()));
            });
  }

  @Test
  void savingAndRemovingAnArticleRestoresTheExactRanking() {
    qt().forAll(corpora(), queries(), integers().all())
        .check(
            (corpus, query, seed) -> {
              InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(corpus.toArray(Article[]::new));
              List<InMemoryKnowledgeBase.Ranked> before = rank(kb, query);
              Random r = new Random(seed);
              Article extra =
                  new Article(
                      ArticleId.of("zz-extra"),
                      words(r, 1, 4, WORDS),
                      words(r, 1, 30, WORDS),
                      Set.of(),
                      Locale.ENGLISH);
              kb.save(extra);
              kb.remove(extra.id());
              List<InMemoryKnowledgeBase.Ranked> after = rank(kb, query);
              return before.equals(after);
            });
  }

  @Test
  void scoresArePositiveAndFallAlongTheRanking() {
    qt().forAll(corpora(), queries())
        .check(
            (corpus, query) -> {
              InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.of(corpus.toArray(Article[]::new));
              List<InMemoryKnowledgeBase.Ranked> ranked = rank(kb, query);
              for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).score() <= 0) {
                  return false;
                }
                if (i > 0 && ranked.get(i).score() > ranked.get(i - 1).score()) {
                  return false;
                }
              }
              return true;
            });
  }
}
