package dev.helpdesk.privacy;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.notification.OutboxErasure;

/**
 * What {@link dev.helpdesk.HelpDesk#eraseCustomer} erased: how many tickets, messages and
 * attachments of the customer now carry {@link #PLACEHOLDER}s instead of their personal data.
 *
 * @param customer whose data was erased; the id itself is kept, it is the application's own
 * @param tickets how many of the customer's tickets were erased
 * @param messages how many messages of those tickets (internal notes included)
 * @param attachments how many files of those messages (their bytes deleted, their names replaced)
 */
public record Erasure(CustomerId customer, int tickets, int messages, int attachments) {

  /** What replaces a subject, a message body, a field value or a free-text comment. */
  public static final String PLACEHOLDER = OutboxErasure.PLACEHOLDER;

  /** What replaces the customer's name, on the customer record and on their tickets. */
  public static final String NAME = "Erased customer";

  /**
   * What replaces the customer's address: in the reserved {@code .invalid} domain (RFC 2606), so
   * that no mail can ever go to it.
   */
  public static final EmailAddress EMAIL = EmailAddress.of("erased@erased.invalid");

  /** What replaces the name of an attached file. */
  public static final String FILE_NAME = "erased";

  /** Validates the counts. */
  public Erasure {
    Check.present("customerId", customer);
    if (tickets < 0 || messages < 0 || attachments < 0) {
      throw new ValidationException("erasure", "counts must not be negative");
    }
  }
}
