package dev.helpdesk.knowledge;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits text into the words ranking compares: runs of Unicode letters and digits, lower-cased
 * (after NFKC normalization, so a composed and a decomposed {@code ü} are one letter), without
 * one-character words and without the language's stop words. {@link #terms} adds what ranking
 * compares: English and German words stemmed, German compounds split (see {@link Stemmer}).
 */
final class Tokenizer {

  private static final Set<String> ENGLISH =
      Set.of(
          "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
          "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "hello", "hi",
          "how", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
          "our", "please", "so", "than", "thank", "thanks", "that", "the", "their", "them", "then",
          "there", "they", "this", "to", "us", "was", "we", "were", "what", "when", "where",
          "which", "who", "why", "will", "with", "would", "you", "your");

  private static final Set<String> GERMAN =
      Set.of(
          "aber", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte", "da", "danke",
          "das", "dass", "dem", "den", "der", "des", "die", "du", "ein", "eine", "einem", "einen",
          "einer", "eines", "er", "es", "für", "hallo", "hat", "habe", "haben", "ich", "ihr",
          "ihre", "im", "in", "ist", "kein", "keine", "mein", "meine", "mich", "mir", "mit", "nach",
          "nicht", "noch", "nur", "ob", "oder", "sie", "sind", "so", "über", "um", "und", "uns",
          "von", "vom", "war", "was", "wie", "wir", "wo", "zu", "zum", "zur");

  private static final Map<String, Set<String>> STOP_WORDS = Map.of("en", ENGLISH, "de", GERMAN);

  /** Stop words of every language known, for text whose language is not known. */
  private static final Set<String> ALL = union();

  private Tokenizer() {}

  /**
   * The words of {@code text} that count, in order, repeats kept.
   *
   * @param language an ISO 639 language code; empty or unknown removes the stop words of every
   *     language known
   */
  static List<String> words(String text, String language) {
    Set<String> stop = STOP_WORDS.getOrDefault(language, ALL);
    List<String> words = new ArrayList<>();
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder word = new StringBuilder();
    normalized
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
              } else {
                add(word, stop, words);
              }
            });
    add(word, stop, words);
    return words;
  }

  /**
   * The terms ranking compares for {@code text} in {@code language}: its {@link #words}, each
   * German compound followed by its parts, each stemmed for the language (other languages
   * unstemmed).
   */
  static List<String> terms(String text, String language) {
    List<String> terms = new ArrayList<>();
    for (String word : words(text, language)) {
      terms.add(Stemmer.stem(word, language));
      if (language.equals("de")) {
        for (String part : Stemmer.germanParts(word)) {
          terms.add(Stemmer.stem(part, language));
        }
      }
    }
    return terms;
  }

  /** The words of {@code text} without the stop words of any language: to compare titles. */
  static List<String> anyLanguage(String text) {
    return words(text, "");
  }

  private static void add(StringBuilder word, Set<String> stop, List<String> words) {
    if (word.length() == 0) {
      return;
    }
    String w = word.toString().toLowerCase(Locale.ROOT);
    word.setLength(0);
    if (w.codePointCount(0, w.length()) > 1 && !stop.contains(w)) {
      words.add(w);
    }
  }

  private static Set<String> union() {
    Set<String> all = new HashSet<>();
    STOP_WORDS.values().forEach(all::addAll);
    return Set.copyOf(all);
  }
}
