package dev.helpdesk.knowledge;

import java.util.List;

/**
 * The words the knowledge base's tokenizer finds in a text, for other parts of the desk that match
 * words (ticket search): runs of Unicode letters and digits after NFKC normalization, lower-cased,
 * without one-character words and without the English and German stop words.
 */
public final class TextWords {

  private TextWords() {}

  /** The words of {@code text}, in order, repeats kept. */
  public static List<String> of(String text) {
    return Tokenizer.anyLanguage(text);
  }
}
