package dev.helpdesk.conversation;

/** Who may read a message. */
public enum Visibility {
  /** A reply the customer sees (and is mailed). */
  PUBLIC,
  /** An internal note: agents only, never shown or mailed to a customer. */
  INTERNAL
}
