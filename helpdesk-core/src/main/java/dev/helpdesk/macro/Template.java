package dev.helpdesk.macro;

import dev.helpdesk.common.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reply text with {@code {{placeholder}}}s, parsed once: literal text and placeholder names in
 * order. A placeholder is {@code {{name}}}, spaces inside the braces allowed; there is no escape,
 * sections or nesting. (A template engine would be one more dependency of the core for a feature
 * that needs a handful of fixed names.)
 */
final class Template {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  /** Literal text, or a placeholder name when {@code placeholder} is true. */
  private record Part(String text, boolean placeholder) {}

  private final List<Part> parts;

  private Template(List<Part> parts) {
    this.parts = parts;
  }

  /**
   * Parses {@code text}.
   *
   * @param field the field the text was given as, for the error
   * @param known the placeholder names allowed
   * @throws ValidationException naming the first unknown or unclosed placeholder
   */
  static Template parse(String field, String text, Set<String> known) {
    List<Part> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf(OPEN, from);
      if (open < 0) {
        parts.add(new Part(text.substring(from), false));
        return new Template(List.copyOf(parts));
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new ValidationException(field, "has a {{ without its }} at character " + (open + 1));
      }
      String name = text.substring(open + OPEN.length(), close).strip();
      if (!known.contains(name)) {
        throw new ValidationException(
            field,
            "uses the unknown placeholder {{"
                + name
                + "}}; known placeholders are "
                + String.join(", ", known.stream().map(k -> "{{" + k + "}}").toList()));
      }
      parts.add(new Part(text.substring(from, open), false));
      parts.add(new Part(name, true));
      from = close + CLOSE.length();
    }
  }

  /** The placeholder names used, in order of first use. */
  Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    parts.stream().filter(Part::placeholder).forEach(p -> names.add(p.text()));
    return names;
  }

  /** The text with each placeholder replaced by its value, which {@code values} must hold. */
  String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      out.append(p.placeholder() ? values.get(p.text()) : p.text());
    }
    return out.toString();
  }
}
