package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.knowledge.TextWords;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The words a store indexes for one ticket: those of its subject and public messages, which
 * everyone who may read the ticket can search, and in addition those of its internal notes, which
 * only staff can. Words are what the knowledge base's tokenizer finds ({@link TextWords}): runs of
 * letters and digits, lower-cased, at least two characters, without common English and German
 * words; longer than {@value #MAX_WORD_LENGTH} letters they are cut. A query matches a ticket when
 * every word of the query is one of the ticket's words: whole words, no stemming, the same on every
 * store.
 *
 * <p>A store keeps this beside the ticket and adds to it in the same write as the ticket's new
 * messages ({@link #with}); a ticket's subject never changes and messages are never removed, so the
 * words only grow.
 *
 * @param publicWords the words of the subject and the public messages
 * @param allWords those and the words of internal notes
 */
public record SearchText(SortedSet<String> publicWords, SortedSet<String> allWords) {

  /** The longest word kept; longer ones are cut to it, in the text and in queries alike. */
  public static final int MAX_WORD_LENGTH = 64;

  /** No words. */
  public static final SearchText EMPTY = new SearchText(new TreeSet<>(), new TreeSet<>());

  /** Freezes the sets; every public word is also one of all words. */
  public SearchText {
    publicWords = Collections.unmodifiableSortedSet(new TreeSet<>(publicWords));
    TreeSet<String> all = new TreeSet<>(allWords);
    all.addAll(publicWords);
    allWords = Collections.unmodifiableSortedSet(all);
  }

  /** The distinct words of {@code text}, in the order they first appear. */
  public static List<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : TextWords.of(Check.present("text", text))) {
      words.add(
          w.codePointCount(0, w.length()) > MAX_WORD_LENGTH
              ? w.substring(0, w.offsetByCodePoints(0, MAX_WORD_LENGTH))
              : w);
    }
    return List.copyOf(words);
  }

  /** These words and those of {@code subject} and {@code messages}, each as visible as it is. */
  public SearchText with(String subject, List<Message> messages) {
    TreeSet<String> pub = new TreeSet<>(publicWords);
    TreeSet<String> all = new TreeSet<>(allWords);
    pub.addAll(words(subject));
    for (Message m : messages) {
      List<String> w = words(m.body());
      (m.isPublic() ? pub : all).addAll(w);
    }
    return new SearchText(pub, all);
  }

  /** The words a reader sees: all of them for staff, the public ones otherwise. */
  public SortedSet<String> visible(boolean internal) {
    return internal ? allWords : publicWords;
  }

  /** Whether every word of {@code query} is one of the words visible. */
  public boolean matches(List<String> query, boolean internal) {
    return visible(internal).containsAll(query);
  }

  /**
   * The words as one string, each followed and preceded by a space ({@code " late train "}), so
   * that a store without full-text search can match a whole word with {@code LIKE '% word %'}.
   */
  public static String joined(Set<String> words) {
    return words.isEmpty() ? " " : " " + String.join(" ", words) + " ";
  }

  /** The words of a {@link #joined} string. */
  public static SortedSet<String> split(String joined) {
    TreeSet<String> words = new TreeSet<>();
    for (String w : Check.present("joined", joined).strip().split(" +")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  @Override
  public String toString() {
    return "SearchText" + Arrays.asList(publicWords, allWords);
  }
}
