package dev.helpdesk.knowledge;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A knowledge base in memory that ranks articles by <a
 * href="https://en.wikipedia.org/wiki/Okapi_BM25">Okapi BM25</a> ({@code k1 = 1.2}, {@code b =
 * 0.75}) over the words of each article's title, tags and body, the title counting {@value
 * #TITLE_WEIGHT} times and each tag {@value #TAG_WEIGHT} times as much as a word of the body (one
 * weighted field, in the manner of BM25F). Words are runs of letters and digits, lower-cased,
 * without stop words (English and German lists); English and German words are stemmed lightly and
 * German compounds split at their linking s (see {@code Stemmer}). Each suggestion carries its BM25
 * score; {@link #withMinimumScore} holds back those scoring less.
 *
 * <p>The index is kept per language and updated on every {@link #save} and {@link #remove}; a query
 * in German is scored over the German and the language-neutral ({@link Locale#ROOT}) articles
 * together, as one collection, so their scores compare. Ties go to the smaller article id, so the
 * ranking does not depend on the order articles were saved. Thread-safe: queries run in parallel,
 * changes one at a time.
 */
public final class InMemoryKnowledgeBase implements KnowledgeBase {

  /** BM25 term-frequency saturation. */
  static final double K1 = 1.2;

  /** BM25 length normalization. */
  static final double B = 0.75;

  /** How many times a title word counts. */
  static final int TITLE_WEIGHT = 3;

  /** How many times a tag word counts. */
  static final int TAG_WEIGHT = 2;

  /** The language assumed for a query whose language is not known, and the fallback. */
  private static final String ENGLISH = "en";

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ArticleId, Indexed> articles = new HashMap<>();
  private final Map<String, LanguageIndex> byLanguage = new HashMap<>();
  private final double minimumScore;

  /** An empty knowledge base that offers every article sharing a word with the query. */
  public InMemoryKnowledgeBase() {
    this.minimumScore = 0;
  }

  private InMemoryKnowledgeBase(double minimumScore) {
    if (!(minimumScore >= 0) || Double.isInfinite(minimumScore)) {
      throw new ValidationException(
          "minimumScore", "must be a finite number >= 0 (was " + minimumScore + ")");
    }
    this.minimumScore = minimumScore;
  }

  /**
   * An empty knowledge base that offers only articles whose BM25 score reaches {@code
   * minimumScore}, except an article whose title is the query's subject, which is always offered.
   * BM25 scores grow with the number and rarity of the words shared, so a good value depends on the
   * articles: try the figure at which the weakest answer you would still show scores.
   *
   * @throws ValidationException on {@code minimumScore} when it is negative or not finite
   */
  public static InMemoryKnowledgeBase withMinimumScore(double minimumScore) {
    return new InMemoryKnowledgeBase(minimumScore);
  }

  /** The least BM25 score of an article offered (0: any article sharing a word). */
  public double minimumScore() {
    return minimumScore;
  }

  /** A knowledge base holding {@code articles} (a later one replaces an earlier with its id). */
  public static InMemoryKnowledgeBase of(Article... articles) {
    InMemoryKnowledgeBase kb = new InMemoryKnowledgeBase();
    for (Article a : articles) {
      kb.save(a);
    }
    return kb;
  }

  @Override
  public void save(Article article) {
    Check.present("article", article);
    Indexed indexed = new Indexed(article);
    lock.writeLock().lock();
    try {
      Indexed old = articles.put(article.id(), indexed);
      if (old != null) {
        collection(old.article.language()).remove(old);
      }
      collection(article.language()).add(indexed);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void remove(ArticleId id) {
    Check.present("articleId", id);
    lock.writeLock().lock();
    try {
      Indexed old = articles.remove(id);
      if (old != null) {
        collection(old.article.language()).remove(old);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<Article> byId(ArticleId id) {
    Check.present("articleId", id);
    lock.readLock().lock();
    try {
      return Optional.ofNullable(articles.get(id)).map(i -> i.article);
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
    String language = locale.getLanguage().isEmpty() ? ENGLISH : locale.getLanguage();
    String text = subject + "\n" + description;
    Set<String> terms = new LinkedHashSet<>(Tokenizer.terms(text, language));
    List<String> subjectKey = Tokenizer.anyLanguage(subject);
    Set<String> excerptWords = new HashSet<>(Tokenizer.anyLanguage(subject + "\n" + description));
    lock.readLock().lock();
    try {
      List<Ranked> ranked = rank(terms, subjectKey, language);
      if (ranked.isEmpty() && !language.equals(ENGLISH)) {
        ranked = rank(new LinkedHashSet<>(Tokenizer.terms(text, ENGLISH)), subjectKey, ENGLISH);
      }
      return ranked.stream()
          .filter(r -> r.exactTitle() || r.score() >= minimumScore)
          .limit(limit)
          .map(r -> r.indexed.suggestion(excerptWords, r.score()))
          .toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Every article of {@code language} and of every language that shares a term with the query, best
   * first, with its score; for tests and tuning.
   */
  List<Ranked> rank(Set<String> terms, List<String> subjectKey, String language) {
    List<LanguageIndex> scope = new ArrayList<>(2);
    scope.add(byLanguage.getOrDefault(language, LanguageIndex.EMPTY));
    scope.add(byLanguage.getOrDefault("", LanguageIndex.EMPTY));
    long n = 0;
    long totalLength = 0;
    for (LanguageIndex c : scope) {
      n += c.size();
      totalLength += c.totalLength;
    }
    if (n == 0) {
      return List.of();
    }
    double averageLength = (double) totalLength / n;
    Map<Indexed, Double> scores = new HashMap<>();
    for (String term : terms) {
      int df = 0;
      for (LanguageIndex c : scope) {
        df += c.postings.getOrDefault(term, Set.of()).size();
      }
      if (df == 0) {
        continue;
      }
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (LanguageIndex c : scope) {
        for (Indexed doc : c.postings.getOrDefault(term, Set.of())) {
          int tf = doc.frequencies.get(term);
          double norm = K1 * (1 - B + B * doc.length / averageLength);
          scores.merge(doc, idf * tf * (K1 + 1) / (tf + norm), Double::sum);
        }
      }
    }
    List<Ranked> ranked = new ArrayList<>(scores.size());
    boolean subjectGiven = !subjectKey.isEmpty();
    scores.forEach(
        (doc, score) ->
            ranked.add(new Ranked(doc, score, subjectGiven && doc.titleKey.equals(subjectKey))));
    ranked.sort(
        Comparator.comparing(Ranked::exactTitle)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Ranked::score).reversed())
            .thenComparing(r -> r.indexed.article.id().value()));
    return ranked;
  }

  private LanguageIndex collection(String language) {
    return byLanguage.computeIfAbsent(language, l -> new LanguageIndex());
  }

  /** An article found for a query: its BM25 score and whether its title is the subject. */
  record Ranked(Indexed indexed, double score, boolean exactTitle) {
    Article article() {
      return indexed.article;
    }
  }

  /** An article with what ranking needs of it, computed once when it is saved. */
  static final class Indexed {
    final Article article;

    /** Weighted frequency of each word: title words count 3, tag words 2, body words 1. */
    final Map<String, Integer> frequencies = new HashMap<>();

    /** Weighted length, the sum of the frequencies. */
    final long length;

    /** The title's words without any language's stop words, to compare with a subject. */
    final List<String> titleKey;

    Indexed(Article article) {
      this.article = article;
      String language = article.language();
      long len = 0;
      len += count(Tokenizer.terms(article.title(), language), TITLE_WEIGHT);
      len += count(Tokenizer.terms(String.join(" ", article.tags()), language), TAG_WEIGHT);
      len += count(Tokenizer.terms(article.body(), language), 1);
      this.length = len;
      this.titleKey = Tokenizer.anyLanguage(article.title());
    }

    private long count(List<String> words, int weight) {
      words.forEach(w -> frequencies.merge(w, weight, Integer::sum));
      return (long) words.size() * weight;
    }

    SuggestedAnswer suggestion(Set<String> queryWords, double score) {
      return new SuggestedAnswer(
          article.id(), article.title(), Excerpts.of(article, queryWords), score);
    }
  }

  /** The articles of one language: postings and the length total BM25 needs. */
  static final class LanguageIndex {
    static final LanguageIndex EMPTY = new LanguageIndex();

    final Map<String, Set<Indexed>> postings = new HashMap<>();
    final Set<Indexed> docs = new HashSet<>();
    long totalLength;

    int size() {
      return docs.size();
    }

    void add(Indexed doc) {
      docs.add(doc);
      totalLength += doc.length;
      doc.frequencies
          .keySet()
          .forEach(t -> postings.computeIfAbsent(t, k -> new HashSet<>()).add(doc));
    }

    void remove(Indexed doc) {
      if (!docs.remove(doc)) {
        return;
      }
      totalLength -= doc.length;
      for (String t : doc.frequencies.keySet()) {
        Set<Indexed> list = postings.get(t);
        list.remove(doc);
        if (list.isEmpty()) {
          postings.remove(t);
        }
      }
    }
  }
}
