package dev.helpdesk.jpa.store;

import dev.helpdesk.common.ValidationException;
import java.util.regex.Pattern;

/** Guards for the few values the customizations splice into SQL text. */
final class Sql {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Sql() {}

  /** A lower-case identifier; anything else could smuggle SQL in. */
  static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new ValidationException(
          "sequence", "must be a lower-case SQL identifier (was '" + name + "')");
    }
    return name;
  }

  static int positive(int max) {
    if (max < 1) {
      throw new ValidationException("max", "must be positive (was " + max + ")");
    }
    return max;
  }
}
