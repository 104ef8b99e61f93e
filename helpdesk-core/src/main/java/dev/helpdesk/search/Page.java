package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing or a search.
 *
 * @param items what the page holds, in the query's order
 * @param next the cursor of the next page; empty when this is the last one
 * @param <T> what is listed
 */
public record Page<T>(List<T> items, Optional<String> next) {

  /** Validates the page and freezes its items. */
  public Page {
    items = List.copyOf(Check.present("items", items));
    Check.present("next", next);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return next.isPresent();
  }
}
