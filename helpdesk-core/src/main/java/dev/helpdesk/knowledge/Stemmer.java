package dev.helpdesk.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Light stemming and compound splitting for the languages the desk ships stop words for, written
 * here so that the core keeps to the JDK. "Light" means inflection only: plural and case endings
 * go, derivations stay ("Buchung" and "buchen" remain two words), which keeps unrelated words
 * apart.
 *
 * <p>German follows the light stemmer of J. Savoy ("Light stemming approaches for the French,
 * Portuguese, German and Hungarian languages", SAC 2006), the algorithm behind Lucene's {@code
 * GermanLightStemmer}: umlauts and accents folded ({@code ä} to {@code a}, so "Züge" meets "Zug"),
 * then the endings {@code -ern -em -en -er -es -e -s} and {@code -est -er -en -st} cut under length
 * and letter conditions. English cuts plural endings only ({@code -ies} to {@code -y}, {@code -es}
 * after a sibilant, {@code -s}), so "refunds" meets "refund".
 *
 * <p>German compounds are split where the first part ends in a linking {@code s} after a suffix
 * that only ends nouns ({@code -ungs}, {@code -heits}, {@code -keits}, {@code -schafts}, {@code
 * -tions}, {@code -täts}): "Buchungsbestätigung" gives "Buchung" and "Bestätigung" besides itself.
 * That boundary is unambiguous in German; compounds without it ("Sitzplatz") stay whole, as no
 * dictionary is shipped.
 */
final class Stemmer {

  /** Endings of a compound's first part followed by the linking s, checked longest first. */
  private static final List<String> LINKING_ENDINGS =
      List.of("schafts", "heits", "keits", "tions", "täts", "ungs");

  /** The shortest first part and last part of a compound that is split. */
  private static final int MIN_PART = 4;

  private Stemmer() {}

  /** The stem of a lower-cased word in {@code language}; other languages keep the word. */
  static String stem(String word, String language) {
    return switch (language) {
      case "de" -> german(word);
      case "en" -> english(word);
      default -> word;
    };
  }

  /**
   * The parts of a lower-cased German compound split at linking s boundaries, first to last, or an
   * empty list when there is no such boundary.
   */
  static List<String> germanParts(String word) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = MIN_PART; i < word.length() - MIN_PART + 1; i++) {
      if (word.charAt(i - 1) != 's') {
        continue;
      }
      String first = word.substring(start, i - 1);
      if (first.length() >= MIN_PART && endsWithLinkingSuffix(word.substring(start, i))) {
        parts.add(first);
        start = i;
      }
    }
    if (parts.isEmpty()) {
      return List.of();
    }
    parts.add(word.substring(start));
    return parts;
  }

  private static boolean endsWithLinkingSuffix(String firstWithS) {
    for (String ending : LINKING_ENDINGS) {
      if (firstWithS.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  static String english(String w) {
    int n = w.length();
    if (n > 4 && w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (n > 4
        && w.endsWith("es")
        && (w.endsWith("sses")
            || w.endsWith("xes")
            || w.endsWith("zes")
            || w.endsWith("ches")
            || w.endsWith("shes"))) {
      return w.substring(0, n - 2);
    }
    if (n > 3
        && w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")
        && !w.endsWith("'s")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  static String german(String word) {
    char[] s = new char[word.length()];
    for (int i = 0; i < s.length; i++) {
      s[i] = fold(word.charAt(i));
    }
    int len = step2(s, step1(s, s.length));
    return new String(s, 0, len);
  }

  private static char fold(char c) {
    return switch (c) {
      case 'ä', 'à', 'á', 'â' -> 'a';
      case 'ö', 'ò', 'ó', 'ô' -> 'o';
      case 'ï', 'ì', 'í', 'î' -> 'i';
      case 'ü', 'ù', 'ú', 'û' -> 'u';
      default -> c;
    };
  }

  private static boolean sEnding(char c) {
    return switch (c) {
      case 'b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't' -> true;
      default -> false;
    };
  }

  private static boolean stEnding(char c) {
    return c != 'r' && sEnding(c);
  }

  private static boolean endsWith(char[] s, int len, String suffix) {
    int k = suffix.length();
    if (len < k) {
      return false;
    }
    for (int i = 0; i < k; i++) {
      if (s[len - k + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int step1(char[] s, int len) {
    if (len > 5 && endsWith(s, len, "ern")) {
      return len - 3;
    }
    if (len > 4
        && (endsWith(s, len, "em")
            || endsWith(s, len, "en")
            || endsWith(s, len, "er")
            || endsWith(s, len, "es"))) {
      return len - 2;
    }
    if (len > 3 && s[len - 1] == 'e') {
      return len - 1;
    }
    if (len > 3 && s[len - 1] == 's' && sEnding(s[len - 2])) {
      return len - 1;
    }
    return len;
  }

  private static int step2(char[] s, int len) {
    if (len > 5 && endsWith(s, len, "est")) {
      return len - 3;
    }
    if (len > 4 && (endsWith(s, len, "er") || endsWith(s, len, "en"))) {
      return len - 2;
    }
    if (len > 5 && endsWith(s, len, "st") && stEnding(s[len - 3])) {
      return len - 2;
    }
    return len;
  }
}
