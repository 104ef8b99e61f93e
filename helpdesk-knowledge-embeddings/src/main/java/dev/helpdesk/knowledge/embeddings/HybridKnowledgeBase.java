package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A knowledge base that ranks articles by what they mean and by the words they share with the
 * query, and says nothing when nothing fits.
 *
 * <p>Each article is embedded when it is saved by a sentence-embedding model run in-process
 * (all-MiniLM-L6-v2, quantized, shipped inside its Maven artifact: nothing is downloaded), and its
 * vector kept in {@link ArticleVectors}, tagged with the model's id and a digest of the text, so an
 * unchanged article is not embedded twice and a vector of another model or an older text is
 * recomputed. A query is embedded once and compared with every article of its language by cosine
 * similarity; BM25 over the same articles (the core's {@link InMemoryKnowledgeBase}) scores the
 * words they share. The score of an article is {@code semanticWeight * cosine + (1 -
 * semanticWeight) * bm25 / (bm25 + bm25HalfScore)}, between -1 and 1 (the BM25 part saturates, so a
 * long query cannot outweigh meaning). An article is offered when it shares a word with the query
 * and its score reaches {@code minimumScore}, or, sharing none, when its cosine alone reaches
 * {@code semanticOnlyCosine} (a paraphrase). An article whose title is the query's subject comes
 * first, as the port asks.
 *
 * <p>Languages as in the port: the query's language and {@link Locale#ROOT} together, else English.
 * The shipped model was trained on English; German queries are matched by it less well and lean on
 * BM25, which stems German and splits its compounds. Thread-safe.
 */
public final class HybridKnowledgeBase implements KnowledgeBase {

  /** The id of the default model; a vector made by another is recomputed. */
  public static final String DEFAULT_MODEL_ID = "all-minilm-l6-v2-q";

  /** How many of BM25's best feed its score into the mix; the rest count 0 for words. */
  static final int BM25_CANDIDATES = 50;

  private static final String ENGLISH = "en";

  private final EmbeddingModel model;
  private final String modelId;
  private final ArticleVectors vectors;
  private final Tuning tuning;
  private final InMemoryKnowledgeBase words = new InMemoryKnowledgeBase();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ArticleId, Entry> articles = new HashMap<>();

  private HybridKnowledgeBase(Builder b) {
    this.model = b.model;
    this.modelId = b.modelId;
    this.vectors = b.vectors;
    this.tuning = b.tuning;
  }

  /** A knowledge base with the shipped model, vectors in memory and the calibrated defaults. */
  public static HybridKnowledgeBase create() {
    return builder().build();
  }

  /** Settings, each with a default. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void save(Article article) {
    Check.present("article", article);
    String text = embeddedText(article);
    String digest = digest(modelId + "\n" + text);
    ArticleVector vector =
        vectors
            .find(article.id())
            .filter(v -> v.modelId().equals(modelId) && v.textDigest().equals(digest))
            .orElse(null);
    if (vector == null) {
      // Embedding takes milliseconds; it runs before the lock so queries are not held up.
      vector = new ArticleVector(article.id(), modelId, digest, embed(text));
      vectors.save(vector);
    }
    lock.writeLock().lock();
    try {
      articles.put(article.id(), Entry.of(article, vector));
      words.save(article);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void remove(ArticleId id) {
    Check.present("articleId", id);
    lock.writeLock().lock();
    try {
      articles.remove(id);
      words.remove(id);
      vectors.remove(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<Article> byId(ArticleId id) {
    Check.present("articleId", id);
    lock.readLock().lock();
    try {
      return Optional.ofNullable(articles.get(id)).map(Entry::article);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SuggestedAnswer> suggest(
      String subject, String description, Locale locale, int limit) {
    Check.present("subject", subject);
    Check.present("description", description);
    Check.present("locale", locale);
    Check.positive("limit", limit);
    float[] query = embed(queryText(subject, description));
    lock.readLock().lock();
    try {
      List<Candidate> ranked = candidates(subject, description, locale, query);
      List<SuggestedAnswer> answers = new ArrayList<>();
      for (Candidate c : ranked) {
        if (answers.size() == limit) {
          break;
        }
        if (c.exactTitle() || tuning.offers(c)) {
          answers.add(c.suggestion());
        }
      }
      return answers;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The model's id, as recorded with each vector. */
  public String modelId() {
    return modelId;
  }

  /** Every candidate for the query with its parts of the score, best first; for evaluation. */
  List<Candidate> candidates(String subject, String description, Locale locale) {
    float[] query = embed(queryText(subject, description));
    lock.readLock().lock();
    try {
      return candidates(subject, description, locale, query);
    } finally {
      lock.readLock().unlock();
    }
  }

  Tuning tuning() {
    return tuning;
  }

  private List<Candidate> candidates(
      String subject, String description, Locale locale, float[] query) {
    String language = locale.getLanguage().isEmpty() ? ENGLISH : locale.getLanguage();
    List<Candidate> found = score(subject, description, language, query);
    // As the port says: English when no article of the language shares a word with the query. Not
    // "when none is offered", which would show English articles for every unanswered question.
    if (!language.equals(ENGLISH) && found.stream().noneMatch(Candidate::sharesWords)) {
      found = score(subject, description, ENGLISH, query);
    }
    return found;
  }

  private List<Candidate> score(
      String subject, String description, String language, float[] query) {
    Locale asked = Locale.forLanguageTag(language);
    Map<ArticleId, SuggestedAnswer> byWords = new HashMap<>();
    for (SuggestedAnswer a : words.suggest(subject, description, asked, BM25_CANDIDATES)) {
      byWords.put(a.articleId(), a);
    }
    List<String> subjectKey = key(subject);
    List<Candidate> out = new ArrayList<>();
    for (Entry e : articles.values()) {
      String l = e.article().language();
      if (!l.equals(language) && !l.isEmpty()) {
        continue;
      }
      SuggestedAnswer w = byWords.get(e.article().id());
      double cosine = e.vector().dot(query);
      double bm25 = w == null ? 0 : w.score();
      boolean exact = !subjectKey.isEmpty() && subjectKey.equals(e.titleKey());
      String excerpt = w == null ? e.firstSentence() : w.excerpt();
      out.add(
          new Candidate(
              e.article(), cosine, bm25, w != null, exact, tuning.mix(cosine, bm25), excerpt));
    }
    out.sort(
        Comparator.comparing(Candidate::exactTitle)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
            .thenComparing(c -> c.article().id().value()));
    return out;
  }

  private float[] embed(String text) {
    float[] v = model.embed(text).content().vector();
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return v;
    }
    float[] unit = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      unit[i] = (float) (v[i] / norm);
    }
    return unit;
  }

  /** What is embedded of an article: title, tags and body, the title first so it weighs most. */
  static String embeddedText(Article a) {
    String tags = a.tags().isEmpty() ? "" : String.join(", ", a.tags()) + ".\n";
    return a.title() + ".\n" + tags + a.body();
  }

  static String queryText(String subject, String description) {
    return description.isBlank() ? subject : subject + ".\n" + description;
  }

  /** The words of a title or subject, lower-cased: equal keys mean the subject is the title. */
  static List<String> key(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String w : n.split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * An article with what every query needs of it, worked out once when it is saved: normalising a
   * title and finding a first sentence per article and query cost more than the cosines.
   */
  private record Entry(
      Article article, ArticleVector vector, List<String> titleKey, String firstSentence) {

    static Entry of(Article article, ArticleVector vector) {
      return new Entry(
          article, vector, List.copyOf(key(article.title())), Excerpt.firstSentence(article));
    }
  }

  /** An article scored for a query: cosine, BM25, whether they share words, and the mix. */
  record Candidate(
      Article article,
      double cosine,
      double bm25,
      boolean sharesWords,
      boolean exactTitle,
      double score,
      String excerpt) {

    SuggestedAnswer suggestion() {
      // The port's scores are at least 0; a negative mix is never offered anyway.
      return new SuggestedAnswer(article.id(), article.title(), excerpt, Math.max(0, score));
    }
  }

  /**
   * The numbers of the mix and the thresholds.
   *
   * @param semanticWeight the cosine's share of the score, from 0 to 1
   * @param bm25HalfScore the BM25 score that counts half as much as a perfect word match
   * @param minimumScore the least score of an article that shares words with the query
   * @param semanticOnlyCosine the least cosine of an article that shares no word with it
   */
  record Tuning(
      double semanticWeight, double bm25HalfScore, double minimumScore, double semanticOnlyCosine) {

    Tuning {
      if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
        throw new ValidationException("semanticWeight", "must be between 0 and 1");
      }
      if (!(bm25HalfScore > 0) || Double.isInfinite(bm25HalfScore)) {
        throw new ValidationException("bm25HalfScore", "must be a finite number > 0");
      }
      finite("minimumScore", minimumScore);
      finite("semanticOnlyCosine", semanticOnlyCosine);
    }

    private static void finite(String field, double value) {
      if (!Double.isFinite(value)) {
        throw new ValidationException(field, "must be a finite number (was " + value + ")");
      }
    }

    double mix(double cosine, double bm25) {
      return semanticWeight * cosine + (1 - semanticWeight) * bm25 / (bm25 + bm25HalfScore);
    }

    boolean offers(Candidate c) {
      return c.sharesWords() ? c.score() >= minimumScore : c.cosine() >= semanticOnlyCosine;
    }
  }

  /** Settings of a {@link HybridKnowledgeBase}; every one has a default. */
  public static final class Builder {
    static final Tuning CALIBRATED = new Tuning(0.7, 8, 0.39, 0.40);

    private EmbeddingModel model;
    private String modelId;
    private ArticleVectors vectors = new InMemoryArticleVectors();
    private Tuning tuning = CALIBRATED;

    private Builder() {}

    /**
     * Another embedding model, and the id recorded with its vectors (change the id whenever the
     * model changes, so kept vectors are recomputed). Default: all-MiniLM-L6-v2, quantized, in-jar.
     */
    public Builder embeddingModel(EmbeddingModel model, String modelId) {
      this.model = Check.present("embeddingModel", model);
      this.modelId = Check.line("modelId", modelId, 200);
      return this;
    }

    /** Where vectors are kept; default in memory. */
    public Builder vectors(ArticleVectors vectors) {
      this.vectors = Check.present("vectors", vectors);
      return this;
    }

    /**
     * The least score of a suggestion that shares words with the query (default calibrated on the
     * project's evaluation set, see docs/benchmarks.md); lower it to offer more, raise it to offer
     * only close fits. Scores range from -1 to 1.
     */
    public Builder minimumScore(double minimumScore) {
      this.tuning =
          new Tuning(
              tuning.semanticWeight(),
              tuning.bm25HalfScore(),
              minimumScore,
              tuning.semanticOnlyCosine());
      return this;
    }

    /** The least cosine similarity of a suggestion that shares no word with the query. */
    public Builder semanticOnlyCosine(double cosine) {
      this.tuning =
          new Tuning(
              tuning.semanticWeight(), tuning.bm25HalfScore(), tuning.minimumScore(), cosine);
      return this;
    }

    /** The cosine's share of the score, from 0 (words only) to 1 (meaning only). */
    public Builder semanticWeight(double weight) {
      this.tuning =
          new Tuning(
              weight, tuning.bm25HalfScore(), tuning.minimumScore(), tuning.semanticOnlyCosine());
      return this;
    }

    Builder tuning(Tuning tuning) {
      this.tuning = tuning;
      return this;
    }

    /** The knowledge base, empty; loading the default model takes about a second. */
    public HybridKnowledgeBase build() {
      if (model == null) {
        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        modelId = DEFAULT_MODEL_ID;
      }
      return new HybridKnowledgeBase(this);
    }
  }
}
