package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;

/**
 * An article offered to a customer as a possible answer to their ticket, as it read when it was
 * offered: the desk records suggestions on the ticket, so they stay as shown when the article is
 * edited or removed later.
 *
 * @param articleId the article
 * @param title its title
 * @param excerpt a passage of its body, one line, at most {@value #MAX_EXCERPT_LENGTH} characters
 * @param score how well the knowledge base found it to fit, at least 0, higher is better; on the
 *     knowledge base's own scale (BM25 in memory), so compare scores of one knowledge base only. 0
 *     for suggestions recorded before scores were kept
 */
public record SuggestedAnswer(ArticleId articleId, String title, String excerpt, double score) {

  /** The longest title, as an article's. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** The longest excerpt. */
  public static final int MAX_EXCERPT_LENGTH = 300;

  /** Validates the suggestion. */
  public SuggestedAnswer {
    Check.present("articleId", articleId);
    Check.line("title", title, MAX_TITLE_LENGTH);
    Check.line("excerpt", excerpt, MAX_EXCERPT_LENGTH);
    if (!(score >= 0) || Double.isInfinite(score)) {
      throw new ValidationException("score", "must be a finite number >= 0 (was " + score + ")");
    }
  }

  /** A suggestion without a score (0), as recorded before scores were kept. */
  public SuggestedAnswer(ArticleId articleId, String title, String excerpt) {
    this(articleId, title, excerpt, 0);
  }
}
