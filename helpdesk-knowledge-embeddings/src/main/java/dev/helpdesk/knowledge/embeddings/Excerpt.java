package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.knowledge.Article;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.regex.Pattern;

/**
 * The excerpt of an article found by meaning alone (no shared word to pick a sentence by): its
 * first sentence, on one line, cut at a word to {@value SuggestedAnswer#MAX_EXCERPT_LENGTH}
 * characters.
 */
final class Excerpt {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\R\\s*\\R");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Cc}]+");
  private static final String ELLIPSIS = "\u2026";

  private Excerpt() {}

  static String firstSentence(Article article) {
    for (String sentence : SENTENCE_END.split(article.body())) {
      String line = WHITESPACE.matcher(sentence).replaceAll(" ").strip();
      if (!line.isEmpty()) {
        return shorten(line);
      }
    }
    return shorten(article.title());
  }

  private static String shorten(String line) {
    int max = SuggestedAnswer.MAX_EXCERPT_LENGTH;
    if (line.length() <= max) {
      return line;
    }
    int cut = line.lastIndexOf(' ', max - ELLIPSIS.length());
    if (cut <= 0) {
      cut = max - ELLIPSIS.length();
      if (Character.isHighSurrogate(line.charAt(cut - 1))) {
        cut--;
      }
    }
    return line.substring(0, cut).strip() + ELLIPSIS;
  }
}
