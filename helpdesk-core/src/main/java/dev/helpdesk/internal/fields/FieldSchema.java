package dev.helpdesk.internal.fields;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.Ticket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custom fields a desk declares, and the checks of ticket values against them. Without a
 * declaration ({@link #NONE}) every key passes, as {@link Ticket#customFields()} alone allows. With
 * one, a key it does not declare is refused: a misspelt key would otherwise be stored beside the
 * real one and be found by nobody. The desk's own keys {@value Ticket#BOOKING_REFERENCE} and
 * {@value Ticket#LOCALE} are always accepted, since the desk sets them itself ({@code
 * NewTicket.Builder#bookingReference}, {@code #locale}); declaring them adds rules to them.
 */
public final class FieldSchema {

  /** No declared fields: any key is accepted. */
  public static final FieldSchema NONE = new FieldSchema(Map.of());

  private static final Set<String> DESK_KEYS = Set.of(Ticket.BOOKING_REFERENCE, Ticket.LOCALE);

  private final Map<String, FieldDefinition> fields;

  private FieldSchema(Map<String, FieldDefinition> fields) {
    this.fields = fields;
  }

  /**
   * A schema of these fields.
   *
   * @throws ValidationException on {@code fields} if a key is declared twice
   */
  public static FieldSchema of(List<FieldDefinition> definitions) {
    Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
    for (FieldDefinition d : definitions) {
      Check.present("fields", d);
      if (byKey.putIfAbsent(d.key(), d) != null) {
        throw new ValidationException("fields", "key '" + d.key() + "' is declared twice");
      }
    }
    return new FieldSchema(Collections.unmodifiableMap(byKey));
  }

  /** The declared fields, in the order given. */
  public List<FieldDefinition> definitions() {
    return List.copyOf(fields.values());
  }

  /** Whether any field is declared. */
  public boolean declared() {
    return !fields.isEmpty();
  }

  /**
   * Checks the fields a new ticket is opened with: every value by its definition, no undeclared
   * key, every required field present.
   *
   * @throws ValidationException naming {@code customFields.<key>}
   */
  public void checkNew(Map<String, String> values) {
    checkNew(values, true);
  }

  /**
   * As {@link #checkNew(Map)}; required fields are demanded only when {@code demandRequired}: a
   * ticket opened from a mail has no form to fill them in, and refusing it would lose the mail.
   */
  public void checkNew(Map<String, String> values, boolean demandRequired) {
    checkValues(values);
    if (!demandRequired) {
      return;
    }
    for (FieldDefinition d : fields.values()) {
      if (d.required() && !values.containsKey(d.key())) {
        throw new ValidationException(d.fieldName(), "is required");
      }
    }
  }

  /**
   * Checks an edit of a ticket's fields: every value set by its definition, no undeclared key, no
   * required field removed. A required field declared after the ticket was opened is not demanded
   * of an edit that leaves it alone: the edit of one field must not fail for want of another.
   *
   * @throws ValidationException naming {@code customFields.<key>}
   */
  public void checkEdit(Map<String, String> set, Iterable<String> removed) {
    checkValues(set);
    for (String key : removed) {
      FieldDefinition d = fields.get(key);
      if (d != null && d.required()) {
        throw new ValidationException(d.fieldName(), "is required and cannot be removed");
      }
    }
  }

  private void checkValues(Map<String, String> values) {
    if (!declared()) {
      return;
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      FieldDefinition d = fields.get(e.getKey());
      if (d != null) {
        d.check(e.getValue());
      } else if (!DESK_KEYS.contains(e.getKey())) {
        // The desk's own keys, when undeclared, need only the shape Ticket gives every value.
        throw new ValidationException(
            "customFields." + e.getKey(), "is not a declared field of this desk");
      }
    }
  }
}
