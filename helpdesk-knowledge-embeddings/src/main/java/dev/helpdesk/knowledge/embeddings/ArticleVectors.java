package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.ticket.ArticleId;
import java.util.Optional;

/**
 * Port: where article vectors are kept, so that an unchanged article is not embedded again (after a
 * restart, or by another instance sharing the store). {@link InMemoryArticleVectors} keeps them in
 * this process. Implementations must be thread-safe.
 */
public interface ArticleVectors {

  /** The vector kept for the article, of whatever model. */
  Optional<ArticleVector> find(ArticleId articleId);

  /** Keeps the vector, replacing the one kept for its article. */
  void save(ArticleVector vector);

  /** Forgets the article's vector; an unknown id changes nothing. */
  void remove(ArticleId articleId);
}
