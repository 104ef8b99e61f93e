package dev.helpdesk.search;

import dev.helpdesk.common.Check;

/**
 * What the {@code Tickets} port is asked by a search: the query (whose customer filter the desk has
 * already set for a customer reader), whether internal notes count for the text, and how many
 * tickets to return at most.
 *
 * @param query the filters, sort and position
 * @param internalText whether the words of internal notes match (staff) or only public ones
 * @param limit the most tickets to return, at least 1 (the desk asks for one more than a page
 *     holds, to learn whether another page follows)
 */
public record TicketSearch(TicketQuery query, boolean internalText, int limit) {

  /** Validates the request. */
  public TicketSearch {
    Check.present("query", query);
    Check.positive("limit", limit);
  }
}
