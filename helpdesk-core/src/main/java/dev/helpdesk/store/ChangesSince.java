package dev.helpdesk.store;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.Ticket;
import java.util.List;

/**
 * A ticket as stored now, with what each of its versions after a given one added: what {@link
 * Tickets#changes} returns, read so that the two agree.
 *
 * @param ticket the ticket as stored when it was read
 * @param changes the changes after the version asked for, up to and including {@code
 *     ticket.version()}, oldest first; a version whose change stored no message and no event may be
 *     left out
 */
public record ChangesSince(Ticket ticket, List<RecordedChange> changes) {

  /** Validates that the changes are in version order and none is newer than the ticket. */
  public ChangesSince {
    Check.present("ticket", ticket);
    changes = List.copyOf(changes);
    long previous = 0;
    for (RecordedChange c : changes) {
      if (c.version() <= previous || c.version() > ticket.version()) {
        throw new ValidationException(
            "changes",
            "must be in ascending version order up to "
                + ticket.version()
                + " (found "
                + c.version()
                + " after "
                + previous
                + ")");
      }
      previous = c.version();
    }
  }
}
