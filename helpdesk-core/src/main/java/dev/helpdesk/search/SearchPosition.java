package dev.helpdesk.search;

import dev.helpdesk.common.Check;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.TicketKey;
import java.time.Instant;

/**
 * Where a page ended: the sort fields of its last ticket. The next page holds the tickets that come
 * after it in the query's {@link TicketSort} (keyset paging), so a ticket changed or added between
 * two pages neither shifts the rest nor makes one appear twice, and page 40 costs what page 1 does.
 *
 * @param priority the last ticket's priority
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param slaDue its earliest running SLA due instant, {@link SlaState#NO_DUE} when none runs
 * @param key its key, the tie-breaker of every order
 */
public record SearchPosition(
    Priority priority, Instant createdAt, Instant updatedAt, Instant slaDue, TicketKey key) {

  /** Validates the position. */
  public SearchPosition {
    Check.present("priority", priority);
    Check.present("createdAt", createdAt);
    Check.present("updatedAt", updatedAt);
    Check.present("slaDue", slaDue);
    Check.present("ticketKey", key);
  }

  /** The position of a ticket found with its SLA state. */
  public static SearchPosition of(SearchHit hit) {
    Check.present("hit", hit);
    return new SearchPosition(
        hit.ticket().priority(),
        hit.ticket().createdAt(),
        hit.ticket().updatedAt(),
        hit.sla().dueOrLast(),
        hit.ticket().key());
  }
}
