package dev.helpdesk.notification;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;

/**
 * Who a notification is for.
 *
 * @param name display name, single line
 * @param email the address
 */
public record Recipient(String name, EmailAddress email) {

  /** Validates the recipient. */
  public Recipient {
    Check.line("recipient.name", name, 200);
    Check.present("recipient.email", email);
  }
}
