package dev.helpdesk.knowledge.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures of issue 21 on the project's own evaluation set ({@code answers-eval.json}: 44
 * articles, 171 customer queries in English and German, 35 of which no article answers): precision
 * of the top suggestion and recall in the first three over the answerable queries, and the share of
 * unanswerable queries that are shown a suggestion, for BM25, embeddings alone and the hybrid, side
 * by side.
 *
 * <p>The queries are split in two halves by position (even: tuning, odd: held out). Every threshold
 * and weight, of the hybrid and of the baselines, is chosen on the tuning half only; the figures
 * the issue asks for are asserted on the held-out half, and both halves are reported. The table is
 * written to {@code target/answers-eval.md}.
 */
class AnswersEvaluationTest {

  /** Limit of suggestions, as the desk's default {@code maxSuggestedAnswers}. */
  private static final int SHOWN = 3;

  record Query(String subject, String description, Locale locale, Set<ArticleId> answers) {
    boolean answerable() {
      return !answers.isEmpty();
    }
  }

  record Figures(
      double precisionAt1, double recallAt3, double noAnswerShown, int answerable, int none) {
    String row(String name) {
      return String.format(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %.2f (%d of %d) |",
          name,
          precisionAt1,
          recallAt3,
          noAnswerShown,
          Math.round(noAnswerShown * none),
          none);
    }
  }

  private static List<Article> articles;
  private static List<Query> tuning;
  private static List<Query> heldOut;
  private static HybridKnowledgeBase hybrid;
  private static InMemoryKnowledgeBase bm25;
  private static List<List<HybridKnowledgeBase.Candidate>> tuningCandidates;

  @BeforeAll
  static void load() throws IOException {
    JsonNode root;
    try (InputStream in = AnswersEvaluationTest.class.getResourceAsStream("/answers-eval.json")) {
      root = new ObjectMapper().readTree(in);
    }
    articles = new ArrayList<>();
    for (JsonNode a : root.get("articles")) {
      Set<String> tags = new LinkedHashSet<>();
      a.get("tags").forEach(t -> tags.add(t.asText()));
      articles.add(
          new Article(
              ArticleId.of(a.get("id").asText()),
              a.get("title").asText(),
              a.get("body").asText(),
              tags,
              Locale.forLanguageTag(a.get("locale").asText())));
    }
    tuning = new ArrayList<>();
    heldOut = new ArrayList<>();
    int i = 0;
    for (JsonNode q : root.get("queries")) {
      Set<ArticleId> answers = new LinkedHashSet<>();
      q.get("answers").forEach(x -> answers.add(ArticleId.of(x.asText())));
      Query query =
          new Query(
              q.get("subject").asText(),
              q.get("description").asText(),
              Locale.forLanguageTag(q.get("locale").asText()),
              answers);
      (i++ % 2 == 0 ? tuning : heldOut).add(query);
    }
    hybrid =
        HybridKnowledgeBase.builder()
            .embeddingModel(SharedModel.MODEL, HybridKnowledgeBase.DEFAULT_MODEL_ID)
            .build();
    bm25 = new InMemoryKnowledgeBase();
    articles.forEach(hybrid::save);
    articles.forEach(bm25::save);
    tuningCandidates =
        tuning.stream()
            .map(q -> hybrid.candidates(q.subject(), q.description(), q.locale()))
            .toList();
  }

  /** Figures of a ranker given as "the suggestions shown for a query". */
  static Figures figures(List<Query> queries, Function<Query, List<ArticleId>> shown) {
    int answerable = 0;
    int top1 = 0;
    int top3 = 0;
    int none = 0;
    int noneShown = 0;
    for (Query q : queries) {
      List<ArticleId> ids = shown.apply(q);
      if (q.answerable()) {
        answerable++;
        if (!ids.isEmpty() && q.answers().contains(ids.get(0))) {
          top1++;
        }
        if (ids.stream().limit(SHOWN).anyMatch(q.answers()::contains)) {
          top3++;
        }
      } else {
        none++;
        if (!ids.isEmpty()) {
          noneShown++;
        }
      }
    }
    return new Figures(
        (double) top1 / answerable,
        (double) top3 / answerable,
        (double) noneShown / none,
        answerable,
        none);
  }

  private static Function<Query, List<ArticleId>> through(KnowledgeBase kb) {
    return q ->
        kb.suggest(q.subject(), q.description(), q.locale(), SHOWN).stream()
            .map(SuggestedAnswer::articleId)
            .toList();
  }

  /** What the hybrid would show under another tuning, from the candidates scored once. */
  private static List<ArticleId> shown(
      List<HybridKnowledgeBase.Candidate> candidates, HybridKnowledgeBase.Tuning t) {
    return candidates.stream()
        .map(
            c ->
                new HybridKnowledgeBase.Candidate(
                    c.article(),
                    c.cosine(),
                    c.bm25(),
                    c.sharesWords(),
                    c.exactTitle(),
                    t.mix(c.cosine(), c.bm25()),
                    c.excerpt()))
        .filter(c -> c.exactTitle() || t.offers(c))
        .sorted(
            Comparator.comparing(HybridKnowledgeBase.Candidate::exactTitle)
                .reversed()
                .thenComparing(
                    Comparator.comparingDouble(HybridKnowledgeBase.Candidate::score).reversed())
                .thenComparing(c -> c.article().id().value()))
        .limit(SHOWN)
        .map(c -> c.article().id())
        .toList();
  }

  private static Figures onTuningHalf(HybridKnowledgeBase.Tuning t) {
    List<List<ArticleId>> shown = tuningCandidates.stream().map(c -> shown(c, t)).toList();
    return figures(tuning, q -> shown.get(tuning.indexOf(q)));
  }

  /**
   * The quality the grid search maximizes on the tuning half: precision plus recall, among tunings
   * that show something for at most a tenth of the unanswerable queries.
   */
  private static double objective(Figures f) {
    return f.noAnswerShown() <= 0.10 ? f.precisionAt1() + f.recallAt3() : -1;
  }

  static List<HybridKnowledgeBase.Tuning> grid() {
    List<HybridKnowledgeBase.Tuning> grid = new ArrayList<>();
    for (int w = 3; w <= 9; w++) {
      for (double half : new double[] {2, 4, 8, 16}) {
        for (int m = -10; m <= 60; m++) {
          for (int s = 40; s <= 80; s += 5) {
            grid.add(new HybridKnowledgeBase.Tuning(w / 10.0, half, m / 100.0, s / 100.0));
          }
        }
      }
    }
    return grid;
  }

  @Test
  void theCalibratedTuningIsTheBestOnTheTuningHalf() {
    HybridKnowledgeBase.Tuning best = null;
    double bestScore = -2;
    for (HybridKnowledgeBase.Tuning t : grid()) {
      double o = objective(onTuningHalf(t));
      if (o > bestScore + 1e-9) {
        best = t;
        bestScore = o;
      }
    }
    System.out.println("best tuning on the tuning half: " + best + " " + onTuningHalf(best));
    assertEquals(
        bestScore,
        objective(onTuningHalf(HybridKnowledgeBase.Builder.CALIBRATED)),
        1e-9,
        "the shipped tuning is not the best on the tuning half; the best is " + best);
  }

  @Test
  void figuresSideBySide() throws IOException {
    // Baselines get the same chance: a threshold chosen on the tuning half by the same objective.
    double bestBm25 = 0;
    double bestBm25Objective = -2;
    for (int m = 0; m <= 400; m++) {
      InMemoryKnowledgeBase kb = InMemoryKnowledgeBase.withMinimumScore(m / 20.0);
      articles.forEach(kb::save);
      double o = objective(figures(tuning, through(kb)));
      if (o > bestBm25Objective + 1e-9) {
        bestBm25 = m / 20.0;
        bestBm25Objective = o;
      }
    }
    InMemoryKnowledgeBase bm25Tuned = InMemoryKnowledgeBase.withMinimumScore(bestBm25);
    articles.forEach(bm25Tuned::save);
    double bestCosine = 0;
    double bestCosineObjective = -2;
    for (int c = 0; c <= 100; c++) {
      // Embeddings alone: every article of the language ranked by cosine, shown above c / 100.
      HybridKnowledgeBase.Tuning t = new HybridKnowledgeBase.Tuning(1, 1, c / 100.0, c / 100.0);
      double o = objective(onTuningHalf(t));
      if (o > bestCosineObjective + 1e-9) {
        bestCosine = c / 100.0;
        bestCosineObjective = o;
      }
    }
    HybridKnowledgeBase.Tuning cosineOnly =
        new HybridKnowledgeBase.Tuning(1, 1, bestCosine, bestCosine);
    Function<Query, List<ArticleId>> embeddings =
        q -> shown(hybrid.candidates(q.subject(), q.description(), q.locale()), cosineOnly);

    StringBuilder table = new StringBuilder();
    table.append("| ranker | P@1 | top-3 recall | unanswerable shown a suggestion |\n");
    table.append("|---|---|---|---|\n");
    for (var half : List.of(List.of("held-out half", heldOut), List.of("tuning half", tuning))) {
      String name = (String) half.get(0);
      @SuppressWarnings("unchecked")
      List<Query> qs = (List<Query>) half.get(1);
      table
          .append(
              figures(qs, through(bm25)).row("BM25, no threshold (the core's default), " + name))
          .append('\n');
      table
          .append(
              figures(qs, through(bm25Tuned))
                  .row(String.format(Locale.ROOT, "BM25, minimum score %.2f, %s", bestBm25, name)))
          .append('\n');
      table
          .append(
              figures(qs, embeddings)
                  .row(
                      String.format(
                          Locale.ROOT, "embeddings alone, cosine >= %.2f, %s", bestCosine, name)))
          .append('\n');
      table
          .append(figures(qs, through(hybrid)).row("**hybrid (shipped), " + name + "**"))
          .append('\n');
    }
    Figures all = figures(concat(tuning, heldOut), through(hybrid));
    table.append(all.row("hybrid (shipped), all 171 queries")).append('\n');
    System.out.println(table);
    Path out = Path.of("target", "answers-eval.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);

    Figures held = figures(heldOut, through(hybrid));
    assertTrue(held.precisionAt1() >= 0.80, "P@1 on the held-out half: " + held);
    // Issue 21 asks for 0.95. Not reached: the threshold that keeps unanswerable queries quiet also
    // holds back some right answers (0.84 held out, 0.90 on the tuning half). This floor guards
    // against regressions until a better model or mix reaches 0.95; docs/benchmarks.md says so.
    assertTrue(held.recallAt3() >= 0.80, "top-3 recall on the held-out half: " + held);
    assertTrue(held.noAnswerShown() <= 0.10, "unanswerable shown on the held-out half: " + held);
  }

  private static List<Query> concat(List<Query> a, List<Query> b) {
    List<Query> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static {
    // The evaluation reads its set from the test resources; fail early with a clear message.
    if (AnswersEvaluationTest.class.getResource("/answers-eval.json") == null) {
      throw new UncheckedIOException(new IOException("answers-eval.json missing"));
    }
  }
}
