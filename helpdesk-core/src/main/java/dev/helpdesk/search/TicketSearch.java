package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * What the {@code Tickets} port is asked by a search: the query (whose customer filter the desk has
 * already set for a customer reader), the tickets the reader may see at all, whether internal notes
 * count for the text, how many tickets to return at most, and the desk's instant, from which {@link
 * TicketQuery#slaDueWithin()} counts.
 *
 * @param query the filters, sort and position
 * @param internalText whether the words of internal notes match (staff) or only public ones
 * @param limit the most tickets to return, at least 1 (the desk asks for one more than a page
 *     holds, to learn whether another page follows)
 * @param now when the desk searches, by its clock
 * @param scope the tickets the reader may see; a ticket outside it is never returned, and the store
 *     applies it before the limit, like the query's filters
 */
public record TicketSearch(
    TicketQuery query, boolean internalText, int limit, Instant now, TicketScope scope) {

  /** Validates the request. */
  public TicketSearch {
    Check.present("query", query);
    Check.positive("limit", limit);
    Check.present("now", now);
    Check.present("scope", scope);
  }

  /** A search of every ticket ({@link TicketScope#everything()}). */
  public TicketSearch(TicketQuery query, boolean internalText, int limit, Instant now) {
    this(query, internalText, limit, now, TicketScope.everything());
  }

  /** The latest SLA due instant a ticket may have to be found; empty without that filter. */
  public Optional<Instant> slaDueBy() {
    return query.slaDueBy(now);
  }
}
