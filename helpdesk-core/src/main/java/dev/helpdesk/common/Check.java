package dev.helpdesk.common;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the value types. Each failure is a {@link ValidationException} naming
 * the field, so a caller always learns which input to fix.
 */
public final class Check {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.:-]*");

  private Check() {}

  /** Fails when {@code value} is null. */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  /**
   * Fails when {@code value} is null or blank, longer than {@code maxLength} characters, or
   * contains a control character or a Unicode line or paragraph separator (a single-line value:
   * names, subjects, ids). Such values end up in mail headers, where mail software breaks lines on
   * U+2028 and U+2029 too; a value refused here is one the mail adapter could not send.
   */
  public static String line(String field, String value, int maxLength) {
    String v = text(field, value, maxLength);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new ValidationException(field, "must not contain control characters or line breaks");
      }
    }
    return v;
  }

  /**
   * Fails when {@code value} is null or blank, longer than {@code maxLength} characters, or
   * contains a NUL character. Line breaks are allowed (message bodies, descriptions).
   */
  public static String text(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, "must not be blank");
    }
    if (value.length() > maxLength) {
      throw new ValidationException(
          field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
    }
    if (value.indexOf('\0') >= 0) {
      throw new ValidationException(field, "must not contain NUL characters");
    }
    return value;
  }

  /** Fails when the collection holds more than {@code max} elements or any null element. */
  public static <C extends Collection<?>> C size(String field, C values, int max) {
    Objects.requireNonNull(values, field);
    if (values.size() > max) {
      throw new ValidationException(
          field, "must hold at most " + max + " entries (was " + values.size() + ")");
    }
    for (Object v : values) {
      if (v == null) {
        throw new ValidationException(field, "must not contain null entries");
      }
    }
    return values;
  }

  /** Fails when the map holds more than {@code max} entries. */
  public static <M extends Map<?, ?>> M size(String field, M values, int max) {
    Objects.requireNonNull(values, field);
    if (values.size() > max) {
      throw new ValidationException(
          field, "must hold at most " + max + " entries (was " + values.size() + ")");
    }
    return values;
  }

  /**
   * Fails unless every label is one line of at most {@code maxLength} characters matching {@code
   * [a-z0-9][a-z0-9_.:-]*} once lower-cased, and there are at most {@code max}.
   *
   * @return the labels lower-cased, sorted and frozen
   */
  public static Set<String> labels(String field, Set<String> values, int max, int maxLength) {
    size(field, present(field, values), max);
    Set<String> sorted = new TreeSet<>();
    for (String value : values) {
      String label = line(field, value, maxLength).toLowerCase(Locale.ROOT);
      if (!LABEL.matcher(label).matches()) {
        throw new ValidationException(
            field, "must match [a-z0-9][a-z0-9_.:-]* (was '" + value + "')");
      }
      sorted.add(label);
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }

  /** Fails unless {@code value} is strictly positive. */
  public static int positive(String field, int value) {
    if (value <= 0) {
      throw new ValidationException(field, "must be positive (was " + value + ")");
    }
    return value;
  }
}
