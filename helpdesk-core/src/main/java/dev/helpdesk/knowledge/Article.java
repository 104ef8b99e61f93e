package dev.helpdesk.knowledge;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A knowledge-base article that may answer a customer's query.
 *
 * @param id the application's id for it
 * @param title one line, at most {@value #MAX_TITLE_LENGTH} characters; weighs most in ranking
 * @param body the answer, at most {@value #MAX_BODY_LENGTH} characters
 * @param tags labels that also count as words of the article, in any script ({@code verspätung},
 *     {@code eticket}); lower-cased and NFKC-normalized when the article is built (at most {@value
 *     #MAX_TAGS}, each a letter or digit followed by letters, digits and {@code _.:-}, at most
 *     {@value #MAX_TAG_LENGTH} characters)
 * @param locale the language it is written in; only its language counts ({@code de_CH} is {@code
 *     de}). {@link Locale#ROOT} marks an article for every language, e.g. one made of booking codes
 */
public record Article(ArticleId id, String title, String body, Set<String> tags, Locale locale) {

  /** A tag: letters and digits of any script, and the separators labels use elsewhere. */
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_.:-]*");

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
    tags = tags(tags);
    Check.present("locale", locale);
  }

  private static Set<String> tags(Set<String> values) {
    Check.size("tags", Check.present("tags", values), MAX_TAGS);
    Set<String> sorted = new TreeSet<>();
    for (String value : values) {
      String tag =
          Normalizer.normalize(Check.line("tags", value, MAX_TAG_LENGTH), Normalizer.Form.NFKC)
              .toLowerCase(Locale.ROOT);
      if (tag.length() > MAX_TAG_LENGTH || !TAG.matcher(tag).matches()) {
        throw new ValidationException(
            "tags",
            "must be a letter or digit followed by letters, digits or _.:- (was '" + value + "')");
      }
      sorted.add(tag);
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
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
