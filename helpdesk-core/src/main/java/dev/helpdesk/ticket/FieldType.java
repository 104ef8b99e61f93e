package dev.helpdesk.ticket;

/**
 * What a declared custom field holds; see {@link FieldDefinition}. Every value is stored as the
 * text it was given: the type says which texts are accepted.
 */
public enum FieldType {
  /** Any single line. */
  TEXT,
  /**
   * A decimal number such as {@code 12}, {@code -3} or {@code 19.90}, as {@link
   * java.math.BigDecimal} reads it.
   */
  NUMBER,
  /** A calendar date in ISO form, {@code yyyy-MM-dd}. */
  DATE,
  /** One of the field's {@link FieldDefinition#choices()}, exactly as declared. */
  CHOICE,
  /** A booking reference: a single line, as the application's booking system writes it. */
  BOOKING_REFERENCE
}
