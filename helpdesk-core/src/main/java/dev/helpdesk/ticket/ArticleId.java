package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;

/**
 * The application's id for a knowledge-base article, e.g. {@code kb-seat-reservations}.
 *
 * @param value at most {@value #MAX_LENGTH} characters, single line
 */
public record ArticleId(String value) {

  /** The longest article id accepted. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public ArticleId {
    Check.line("articleId", value, MAX_LENGTH);
  }

  /** Wraps {@code value}. */
  public static ArticleId of(String value) {
    return new ArticleId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
