package dev.helpdesk.web;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.search.TicketSort;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The query parameters of {@code GET <base>/api/tickets/search}, and the one place that turns them
 * into a {@link TicketQuery}. A parameter left out does not filter; {@code assignee} is an agent's
 * id, {@code me} (the calling agent) or {@code unassigned}; {@code slaDueWithin} an ISO-8601
 * duration.
 */
record SearchParameters(
    String text,
    List<Status> statuses,
    List<Priority> priorities,
    String assignee,
    String bookingReference,
    Boolean slaBreached,
    String slaDueWithin,
    TicketSort sort,
    String cursor,
    Integer size) {

  /** The query for this caller; bad values fail with a {@link ValidationException} naming them. */
  TicketQuery query(Actor actor) {
    TicketQuery.Builder query = TicketQuery.builder();
    if (text != null && !text.isBlank()) {
      query.text(text);
    }
    if (statuses != null) {
      query.status(statuses.toArray(Status[]::new));
    }
    if (priorities != null) {
      query.priority(priorities.toArray(Priority[]::new));
    }
    if (assignee != null && !assignee.isBlank()) {
      if ("unassigned".equals(assignee)) {
        query.unassigned();
      } else if ("me".equals(assignee)) {
        if (!(actor instanceof Actor.Agent agent)) {
          throw new AccessDeniedException(actor, "search with assignee 'me': it is not an agent");
        }
        query.assignee(agent.id());
      } else {
        query.assignee(agent(assignee));
      }
    }
    if (bookingReference != null && !bookingReference.isBlank()) {
      query.bookingReference(bookingReference);
    }
    if (Boolean.TRUE.equals(slaBreached)) {
      query.slaBreached();
    }
    if (slaDueWithin != null && !slaDueWithin.isBlank()) {
      query.slaDueWithin(duration("slaDueWithin", slaDueWithin));
    }
    if (sort != null) {
      query.sort(sort);
    }
    if (size != null) {
      if (size < 1 || size > TicketQuery.MAX_PAGE_SIZE) {
        throw new ValidationException(
            "size", "must be from 1 to " + TicketQuery.MAX_PAGE_SIZE + " (was " + size + ")");
      }
      query.pageSize(size);
    }
    if (cursor != null && !cursor.isBlank()) {
      query.after(cursor);
    }
    return query.build();
  }

  /** An agent's id, refused under the parameter's name rather than {@code agentId}. */
  private static AgentId agent(String value) {
    try {
      return AgentId.of(value);
    } catch (ValidationException e) {
      throw new ValidationException("assignee", "must be an agent's id, 'me' or 'unassigned'");
    }
  }

  /** An ISO-8601 duration such as {@code PT2H}. */
  private static Duration duration(String field, String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(field, "must be an ISO-8601 duration such as PT2H");
    }
  }
}
