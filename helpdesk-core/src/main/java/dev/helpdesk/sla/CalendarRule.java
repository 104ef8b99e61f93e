package dev.helpdesk.sla;

import dev.helpdesk.common.Check;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Ticket;

/**
 * Chooses the business calendar of the tickets it matches, say per group or per region: add rules
 * with {@link SlaSettings.Builder#calendar(TicketMatch, BusinessCalendar)}. Rules are tried in the
 * order given and the first that matches wins, ahead of the calendar of the ticket's policy and the
 * desk's calendar ({@link SlaSettings#calendarFor(Ticket)}).
 *
 * <pre>{@code
 * new CalendarRule(TicketMatch.group(newYorkTeam), newYorkHours)
 * }</pre>
 *
 * @param match the tickets it applies to, the same conditions policies use
 * @param calendar the business calendar their timers count in
 */
public record CalendarRule(TicketMatch match, BusinessCalendar calendar) {

  /** Validates the rule. */
  public CalendarRule {
    Check.present("match", match);
    Check.present("calendar", calendar);
  }

  /** Whether the rule applies to the ticket. */
  public boolean appliesTo(Ticket ticket) {
    return match.test(ticket);
  }
}
