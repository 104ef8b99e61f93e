package dev.helpdesk.spring;

import dev.helpdesk.common.ValidationException;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns the library's validation of a setting into Spring Boot's failure for a property, so that
 * start-up stops with the property's name ({@code helpdesk.mail.ticket-link}) rather than the
 * library's field name ({@code ticketLink}). Boot's failure analyzer prints it as "Invalid value
 * for configuration property ... Reason: ...".
 */
final class PropertyErrors {

  private PropertyErrors() {}

  /** Runs {@code step}, which uses the value of {@code property}; a refusal names the property. */
  static <T> T at(String property, Object value, Supplier<T> step) {
    try {
      return step.get();
    } catch (ValidationException e) {
      throw invalid(property, value, e.getMessage());
    }
  }

  /** As {@link #at(String, Object, Supplier)}, for a step without a result. */
  static void run(String property, Object value, Runnable step) {
    at(
        property,
        value,
        () -> {
          step.run();
          return null;
        });
  }

  /** Refuses a property the feature needs but that is not set. */
  static void required(String property, String value, String why) {
    if (value == null || value.isBlank()) {
      throw invalid(property, null, "must be set " + why);
    }
  }

  static InvalidConfigurationPropertyValueException invalid(
      String property, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(
        property, value == null ? "(not set)" : value, reason);
  }

  /** {@code ticketLink} becomes {@code ticket-link}. */
  static String kebab(String field) {
    StringBuilder out = new StringBuilder(field.length() + 4);
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
