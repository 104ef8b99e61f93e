package dev.helpdesk.store;

import dev.helpdesk.common.Check;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One end of a link as a {@link Tickets} store keeps it, set or removed by stored changes: what
 * {@link Tickets#links} returns comes from these. {@link #of} derives them from the changes' {@link
 * TicketEvent.Linked} and {@link TicketEvent.Unlinked} events, both ends from either ticket's
 * event, so a link to a CLOSED ticket, whose history does not change, is kept at its end too.
 *
 * @param ticket the ticket whose end this is
 * @param other the ticket at the other end
 * @param link the link as {@code ticket} sees it; empty when the link between the two is removed
 * @param at when it was made or removed
 */
public record LinkEnd(TicketId ticket, TicketId other, Optional<TicketLink> link, Instant at) {

  /** Validates the end. */
  public LinkEnd {
    Check.present("ticket", ticket);
    Check.present("other", other);
    Check.present("link", link);
    Check.present("at", at);
  }

  /**
   * What {@code changes}, stored together, do to the link ends: for each pair of tickets touched,
   * in the order first touched, the last state the changes leave it in. A store applies each by
   * removing any end it holds for {@code (ticket, other)} and then keeping {@link #link()}, if
   * present. A pure function of the changes.
   */
  public static List<LinkEnd> of(List<TicketChange> changes) {
    Map<List<TicketId>, LinkEnd> ends = new LinkedHashMap<>();
    for (TicketChange change : changes) {
      Ticket self = change.after();
      for (TicketEvent e : change.events()) {
        if (e instanceof TicketEvent.Linked l) {
          put(ends, new LinkEnd(self.id(), l.link().other(), Optional.of(l.link()), l.at()));
          put(
              ends,
              new LinkEnd(
                  l.link().other(), self.id(), Optional.of(l.link().reversed(self)), l.at()));
        } else if (e instanceof TicketEvent.Unlinked u) {
          put(ends, new LinkEnd(self.id(), u.link().other(), Optional.empty(), u.at()));
          put(ends, new LinkEnd(u.link().other(), self.id(), Optional.empty(), u.at()));
        }
      }
    }
    return new ArrayList<>(ends.values());
  }

  private static void put(Map<List<TicketId>, LinkEnd> ends, LinkEnd end) {
    List<TicketId> key = List.of(end.ticket(), end.other());
    // Both tickets' events of one link yield the same two ends: the first made is kept as made.
    LinkEnd seen = ends.get(key);
    if (seen == null || seen.link().isPresent() != end.link().isPresent()) {
      ends.put(key, end);
    }
  }
}
