package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.ArticleId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Article vectors in memory: the default, lost on restart. */
public final class InMemoryArticleVectors implements ArticleVectors {

  private final Map<ArticleId, ArticleVector> vectors = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryArticleVectors() {}

  @Override
  public Optional<ArticleVector> find(ArticleId articleId) {
    Check.present("articleId", articleId);
    return Optional.ofNullable(vectors.get(articleId));
  }

  @Override
  public void save(ArticleVector vector) {
    Check.present("vector", vector);
    vectors.put(vector.articleId(), vector);
  }

  @Override
  public void remove(ArticleId articleId) {
    Check.present("articleId", articleId);
    vectors.remove(articleId);
  }
}
