package dev.helpdesk.knowledge;

import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the passage of an article shown under its title: the sentence of the body that holds the
 * most of the query's words (the first such), else the first sentence, on one line and cut at a
 * word boundary to {@value SuggestedAnswer#MAX_EXCERPT_LENGTH} characters.
 */
final class Excerpts {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\R\\s*\\R");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Cc}]+");
  private static final String ELLIPSIS = "\u2026";

  private Excerpts() {}

  static String of(Article article, Set<String> queryWords) {
    String best = null;
    int bestHits = -1;
    for (String sentence : SENTENCE_END.split(article.body())) {
      String line = WHITESPACE.matcher(sentence).replaceAll(" ").strip();
      if (line.isEmpty()) {
        continue;
      }
      Set<String> words = new HashSet<>(Tokenizer.anyLanguage(line));
      words.retainAll(queryWords);
      if (words.size() > bestHits) {
        best = line;
        bestHits = words.size();
      }
    }
    return shorten(best == null ? article.title() : best);
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
