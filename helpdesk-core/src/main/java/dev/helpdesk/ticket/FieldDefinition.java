package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One custom field of the desk's declared schema ({@code HelpDesk.builder().fields(...)}): its key
 * in {@link Ticket#customFields()}, a label for forms, what it holds, and whether every ticket must
 * have it. Values are checked when a ticket is opened and whenever staff edit them.
 *
 * <pre>{@code
 * FieldDefinition seatClass =
 *     FieldDefinition.choice("seat_class", "Seat class", "first", "second").asRequired();
 * }</pre>
 *
 * @param key the key, as {@link Ticket#customFields()} keys: {@code [A-Za-z0-9_.-]+}, at most
 *     {@value Ticket#MAX_FIELD_KEY_LENGTH} characters
 * @param label what forms show, one line of at most {@value #MAX_LABEL_LENGTH} characters
 * @param type what it holds
 * @param required whether every ticket opened must have it, and staff may not remove it
 * @param choices for {@link FieldType#CHOICE}, the values allowed (at least one, none twice, each a
 *     valid value); empty for every other type
 * @param maxLength the longest value accepted, at most {@value Ticket#MAX_FIELD_VALUE_LENGTH}
 */
public record FieldDefinition(
    String key,
    String label,
    FieldType type,
    boolean required,
    List<String> choices,
    int maxLength) {

  /** The longest label accepted. */
  public static final int MAX_LABEL_LENGTH = 100;

  /** The most choices of a {@link FieldType#CHOICE} field. */
  public static final int MAX_CHOICES = 100;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Validates the definition. */
  public FieldDefinition {
    key = Check.line("field.key", key, Ticket.MAX_FIELD_KEY_LENGTH);
    if (!KEY.matcher(key).matches()) {
      throw new ValidationException("field.key", "must match [A-Za-z0-9_.-]+ (was '" + key + "')");
    }
    label = Check.line("field.label", label, MAX_LABEL_LENGTH);
    Check.present("field.type", type);
    if (maxLength < 1 || maxLength > Ticket.MAX_FIELD_VALUE_LENGTH) {
      throw new ValidationException(
          "field.maxLength",
          "must be between 1 and " + Ticket.MAX_FIELD_VALUE_LENGTH + " (was " + maxLength + ")");
    }
    choices =
        List.copyOf(
            Check.size("field.choices", Check.present("field.choices", choices), MAX_CHOICES));
    if (type == FieldType.CHOICE) {
      if (choices.isEmpty()) {
        throw new ValidationException("field.choices", "a choice field needs at least one choice");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String choice : choices) {
        if (!seen.add(Check.line("field.choices", choice, maxLength))) {
          throw new ValidationException("field.choices", "'" + choice + "' is given twice");
        }
      }
    } else if (!choices.isEmpty()) {
      throw new ValidationException("field.choices", "only a choice field has choices");
    }
  }

  /** An optional {@link FieldType#TEXT} field. */
  public static FieldDefinition text(String key, String label) {
    return of(key, label, FieldType.TEXT);
  }

  /** An optional {@link FieldType#NUMBER} field. */
  public static FieldDefinition number(String key, String label) {
    return of(key, label, FieldType.NUMBER);
  }

  /** An optional {@link FieldType#DATE} field. */
  public static FieldDefinition date(String key, String label) {
    return of(key, label, FieldType.DATE);
  }

  /** An optional {@link FieldType#BOOKING_REFERENCE} field. */
  public static FieldDefinition bookingReference(String key, String label) {
    return of(key, label, FieldType.BOOKING_REFERENCE);
  }

  /** An optional {@link FieldType#CHOICE} field of these choices. */
  public static FieldDefinition choice(String key, String label, String... choices) {
    return new FieldDefinition(
        key,
        label,
        FieldType.CHOICE,
        false,
        List.of(Check.present("field.choices", choices)),
        Ticket.MAX_FIELD_VALUE_LENGTH);
  }

  private static FieldDefinition of(String key, String label, FieldType type) {
    return new FieldDefinition(key, label, type, false, List.of(), Ticket.MAX_FIELD_VALUE_LENGTH);
  }

  /** This field, required. */
  public FieldDefinition asRequired() {
    return new FieldDefinition(key, label, type, true, choices, maxLength);
  }

  /** This field, accepting values of at most {@code max} characters. */
  public FieldDefinition withMaxLength(int max) {
    return new FieldDefinition(key, label, type, required, choices, max);
  }

  /** The name a refusal of this field's value gives: {@code customFields.<key>}. */
  public String fieldName() {
    return "customFields." + key;
  }

  /**
   * Checks a value of this field.
   *
   * @return the value, unchanged
   * @throws ValidationException naming {@code customFields.<key>} and the rule it breaks
   */
  public String check(String value) {
    String v = Check.line(fieldName(), value, maxLength);
    switch (type) {
      case TEXT, BOOKING_REFERENCE -> {
        // A single line within the length is all these ask; Check.line has seen to it.
      }
      case NUMBER -> {
        try {
          new BigDecimal(v);
        } catch (NumberFormatException e) {
          throw new ValidationException(fieldName(), "must be a decimal number (was '" + v + "')");
        }
      }
      case DATE -> {
        try {
          LocalDate.parse(v);
        } catch (DateTimeParseException e) {
          throw new ValidationException(
              fieldName(), "must be a date as yyyy-MM-dd (was '" + v + "')");
        }
      }
      case CHOICE -> {
        if (!choices.contains(v)) {
          throw new ValidationException(
              fieldName(), "must be one of " + choices + " (was '" + v + "')");
        }
      }
    }
    return v;
  }
}
