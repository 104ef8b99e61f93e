package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.util.Optional;

/**
 * Which page of a listing to read: its size and the cursor of the page before it, if any.
 *
 * @param size the most items on the page, 1 to {@value TicketQuery#MAX_PAGE_SIZE}
 * @param cursor the {@link Page#next() cursor} of the page before; empty for the first page
 */
public record PageRequest(int size, Optional<String> cursor) {

  /** Validates the request. */
  public PageRequest {
    if (size < 1 || size > TicketQuery.MAX_PAGE_SIZE) {
      throw new ValidationException(
          "pageSize", "must be 1 to " + TicketQuery.MAX_PAGE_SIZE + " (was " + size + ")");
    }
    Check.present("cursor", cursor);
  }

  /** The first page of {@code size} items. */
  public static PageRequest first(int size) {
    return new PageRequest(size, Optional.empty());
  }

  /** The page of the same size after the one whose cursor is given. */
  public PageRequest next(String cursor) {
    return new PageRequest(size, Optional.of(Check.present("cursor", cursor)));
  }

  /** {@code query} with this page's size and position. */
  public TicketQuery applyTo(TicketQuery query) {
    TicketQuery sized = query.withPageSize(size);
    return cursor.map(sized::after).orElse(sized);
  }
}
