package dev.helpdesk.ticket;

import dev.helpdesk.common.Check;
import dev.helpdesk.customer.CustomerId;

/**
 * A link from one ticket to another, as seen from one of its two ends. Two tickets are linked at
 * most once. A link is recorded ({@link TicketEvent.Linked}, {@link TicketEvent.Unlinked}) in the
 * history of each end that is not CLOSED (a closed ticket never changes), and the {@code Tickets}
 * store keeps every ticket's current links ({@code Tickets#links}), both ends, as {@code LinkEnd}
 * says.
 *
 * @param kind how the tickets relate
 * @param outgoing whether the ticket whose history holds this is the link's {@code from} end (for
 *     {@link LinkKind#FOLLOW_UP}: this ticket follows up {@code other}); false for the {@code to}
 *     end (for a follow-up: {@code other} follows up this ticket)
 * @param other the ticket at the other end
 * @param otherKey its human key, for display
 * @param otherRequester its customer, which never changes: what decides whether a customer may see
 *     the link (only links between their own tickets)
 */
public record TicketLink(
    LinkKind kind,
    boolean outgoing,
    TicketId other,
    TicketKey otherKey,
    CustomerId otherRequester) {

  /** Validates the link. */
  public TicketLink {
    Check.present("kind", kind);
    Check.present("other", other);
    Check.present("otherKey", otherKey);
    Check.present("otherRequester", otherRequester);
  }

  /** A link to {@code to}, as the history of the ticket it starts from records it. */
  public static TicketLink outgoing(LinkKind kind, Ticket to) {
    return new TicketLink(kind, true, to.id(), to.key(), to.requester().id());
  }

  /** A link from {@code from}, as the history of the ticket it leads to records it. */
  public static TicketLink incoming(LinkKind kind, Ticket from) {
    return new TicketLink(kind, false, from.id(), from.key(), from.requester().id());
  }

  /** The same link as {@link #other()} sees it, given the ticket whose history holds this one. */
  public TicketLink reversed(Ticket self) {
    return new TicketLink(kind, !outgoing, self.id(), self.key(), self.requester().id());
  }
}
