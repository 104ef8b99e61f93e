package dev.helpdesk.common;

/**
 * Input broke a rule: a blank subject, an over-long field, a malformed address. Nothing was stored.
 * {@link #field()} names the offending field so an application can point at it in its form.
 */
public final class ValidationException extends HelpDeskException {

  private final String field;

  /**
   * @param field the field that broke the rule, as the caller named it (e.g. {@code subject})
   * @param rule what the field must satisfy, worded to follow "field 'x' ..."
   */
  public ValidationException(String field, String rule) {
    super("field '" + field + "' " + rule);
    this.field = field;
  }

  /** The name of the field that broke the rule. */
  public String field() {
    return field;
  }
}
