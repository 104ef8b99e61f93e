package dev.helpdesk.knowledge;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.Locale;
import java.util.Set;

/**
 * A knowledge-base article that may answer a customer's query.
 *
 * @param id the application's id for it
 * @param title one line, at most {@value #MAX_TITLE_LENGTH} characters; weighs most in ranking
 * @param body the answer, at most {@value #MAX_BODY_LENGTH} characters
 * @param tags lower-case labels that also count as words of the article (at most {@value
 *     #MAX_TAGS}, each matching {@code [a-z0-9][a-z0-9_.:-]*}, at most {@value #MAX_TAG_LENGTH}
 *     characters)
 * @param locale the language it is written in; only its language counts ({@code de_CH} is {@code
 *     de}). {@link Locale#ROOT} marks an article for every language, e.g. one made of booking codes
 */
public record Article(ArticleId id, String title, String body, Set<String> tags, Locale locale) {

  /** The longest title accepted. */
  public static final int MAX_TITLE_LENGTH = SuggestedAnswer.MAX_TITLE_LENGTH;

  /** The longest body accepted. */
  public static final int MAX_BODY_LENGTH = 65_536;

  /** The most tags on one article. */
  public static final int MAX_TAGS = 20;

  /** The longest tag accepted. */
  public static final int MAX_TAG_LENGTH = 50;

  /** Validates the article and freezes its tags. */
  public Article {
    Check.present("articleId", id);
    title = Check.line("title", title, MAX_TITLE_LENGTH).strip();
    Check.text("body", body, MAX_BODY_LENGTH);
    tags = Check.labels("tags", tags, MAX_TAGS, MAX_TAG_LENGTH);
    Check.present("locale", locale);
  }

  /** An article without tags. */
  public static Article of(String id, String title, String body, Locale locale) {
    return new Article(ArticleId.of(id), title, body, Set.of(), locale);
  }

  /** The language that decides whom the article is offered to; empty for every language. */
  public String language() {
    return locale.getLanguage();
  }
}
