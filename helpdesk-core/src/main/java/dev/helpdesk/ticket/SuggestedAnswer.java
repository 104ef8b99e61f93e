package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;

/**
 * An article offered to a customer as a possible answer to their ticket, as it read when it was
 * offered: the desk records suggestions on the ticket, so they stay as shown when the article is
 * edited or removed later.
 *
 * @param articleId the article
 * @param title its title
 * @param excerpt a passage of its body, one line, at most {@value #MAX_EXCERPT_LENGTH} characters
 */
public record SuggestedAnswer(ArticleId articleId, String title, String excerpt) {

  /** The longest title, as an article's. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** The longest excerpt. */
  public static final int MAX_EXCERPT_LENGTH = 300;

  /** Validates the suggestion. */
  public SuggestedAnswer {
    Check.present("articleId", articleId);
    Check.line("title", title, MAX_TITLE_LENGTH);
    Check.line("excerpt", excerpt, MAX_EXCERPT_LENGTH);
  }
}
